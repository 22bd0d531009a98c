#pragma once

#include "pipeline/capacity_model.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace ringflow::pipeline {

/// What a calibration was measured on: a cached one is used only on the same machine, by a build of
/// the same configuration (on one machine a Release build measured 2.6 ns per published event, a
/// RelWithDebInfo build 8.4 ns).
struct MachineIdentity {
    int cores = 1;
    std::string cpuModel; ///< /proc/cpuinfo's "model name", empty when unknown
    std::string build; ///< the engine's build configuration ("Release", "RelWithDebInfo", ...)
    bool operator==(const MachineIdentity &) const = default;
};

/// This machine, and the configuration this engine was built in.
MachineIdentity thisMachine();

/// Measures the model's constants on this machine in well under a second: the checksum over a
/// buffer, a few short sleeps, and two bursts through a producer and a count stage (batch 1 and
/// batch 256).
CapacityConstants measureCapacityConstants();

/// The share of a core one busy thread gets now: its CPU time over the wall-clock time while it
/// spins for `window`; about 1 on an idle machine, less when other processes compete for the cores.
/// Not cached: the load changes from one minute to the next.
double measureCoreShare(std::chrono::milliseconds window = std::chrono::milliseconds(100));

/// Where this build's calibration is cached: $XDG_CACHE_HOME/ringflow/capacity-BUILD.json (BUILD
/// the build configuration in lower case, as capacity-release.json), or the same under ~/.cache
/// without it. One file per configuration, so that builds used by turns do not measure again on
/// every run.
std::filesystem::path calibrationPath();

/// The constants cached at `path` for `machine`; nullopt when the file is missing, unreadable,
/// of another format, or measured on another machine.
std::optional<CapacityConstants> loadCalibration(const std::filesystem::path &path, const MachineIdentity &machine);
bool saveCalibration(const std::filesystem::path &path, const MachineIdentity &machine, const CapacityConstants &c);

/// The constants for this machine: cached ones, or measured (and cached) when there are none, they
/// were measured elsewhere, or `recalibrate` asks for a new measurement.
CapacityConstants machineCapacityConstants(bool recalibrate = false);

} // namespace ringflow::pipeline
