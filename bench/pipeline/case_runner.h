#pragma once

#include "run_sample.h"

#include "common/statistics.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ringflow::bench {

/// One side of a comparison and how to run it once.
struct Contender {
    std::string impl;
    std::string wait;
    int threads = 0;
    std::function<RunSample()> run;
};

/// Two contenders measured back to back in every repetition. The ratio is measured / reference.
struct BenchCase {
    std::string id;
    Contender measured;
    Contender reference;
};

struct ContenderSummary {
    std::uint64_t events = 0;
    double eventsPerSecond = 0; ///< the median over the repetitions
    std::optional<double> samplerCpuMicroseconds; ///< the median, where the runs had a sampler
    std::optional<double> memcpyNsPerEvent; ///< the median, where the runs timed a memcpy

    double nanosecondsPerEvent() const { return eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0; }
};

struct CaseSummary {
    const BenchCase *benchCase = nullptr;
    ContenderSummary measured;
    ContenderSummary reference;
    /// The repetitions' measured / reference throughput ratios. Each ratio compares two runs made
    /// moments apart, which cancels most of what the machine's other tenants do.
    Spread ratio;
    std::vector<std::string> failures;
};

using ProgressReport = std::function<void(const std::string &line)>;

/// Runs every case `repeats` times, round-robin over the cases and alternating which contender goes
/// first, so that a noisy stretch of time hits both contenders and every case alike.
std::vector<CaseSummary> runInterleaved(
    const std::vector<BenchCase> &cases, int repeats, const ProgressReport &progress);

} // namespace ringflow::bench
