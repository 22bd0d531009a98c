#include "machine_load.h"

#include <cstdlib>
#include <thread>

namespace ringflow::bench {

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
}

} // namespace ringflow::bench
