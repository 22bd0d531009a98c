#pragma once

#include <cstdio>
#include <optional>

namespace ringflow::bench {

/// The one-minute load average: the other tenants of a shared machine decide how far a run can be
/// trusted, so the human output states it. std::nullopt where the system does not say.
std::optional<double> loadAverage();

/// "N hardware threads; load average B before the run, A after." (nothing when the load is unknown),
/// then the build type, with a warning when the benchmark was built without optimisation.
void printMachineLoad(std::FILE *out, std::optional<double> before);

} // namespace ringflow::bench
