#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ringflow::bench {

using Clock = std::chrono::steady_clock;

/// What one timed run measured. `failure` is empty when every check of the run passed.
struct RunSample {
    std::uint64_t events = 0;
    double seconds = 0;
    std::string failure;
    std::string note; ///< shown in the progress line, e.g. how often a sampler ran
    /// Runs watched by a sampler thread: its CPU time per sample, in microseconds.
    std::optional<double> samplerCpuMicroseconds;
    /// The payload cases: a memcpy of the payload per event, timed on the calling thread after the run.
    std::optional<double> memcpyNsPerEvent;

    double eventsPerSecond() const { return seconds > 0 ? static_cast<double>(events) / seconds : 0; }
};

/// Adds `problem` to a run's failure description.
inline void appendFailure(std::string &failure, const std::string &problem)
{
    failure += (failure.empty() ? "" : "; ") + problem;
}

} // namespace ringflow::bench
