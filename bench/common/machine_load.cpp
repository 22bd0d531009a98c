#include "machine_load.h"

#include <cstdlib>
#include <thread>

namespace ringflow::bench {

namespace {

#ifdef __OPTIMIZE__
constexpr bool kOptimised = true;
#else
constexpr bool kOptimised = false;
#endif

} // namespace

std::optional<double> loadAverage()
{
    double load[1] = {0};
    if (getloadavg(load, 1) != 1)
        return std::nullopt;
    return load[0];
}

void printMachineLoad(std::FILE *out, std::optional<double> before)
{
    const std::optional<double> after = loadAverage();
    if (before && after)
        std::fprintf(out, "\n%u hardware threads; load average %.2f before the run, %.2f after.\n",
            std::thread::hardware_concurrency(), *before, *after);
    // Figures from an unoptimised build say nothing about the engine; the build type goes with them.
    std::fprintf(out, "Built as %s%s.\n", RINGFLOW_BUILD_TYPE[0] ? RINGFLOW_BUILD_TYPE : "(no build type)",
        kOptimised ? "" : ", WITHOUT optimisation: configure with -DCMAKE_BUILD_TYPE=Release");
}

} // namespace ringflow::bench
