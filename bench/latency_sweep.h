#pragma once

#include "run_result.h"

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace ringflow::bench {

/// The ping-pong latency of one wait strategy over several repetitions, and what the strategy
/// costs when there is nothing to do.
struct WaitLatency {
    std::string wait;
    Latency median; ///< each percentile's median over the repetitions; maxNs is the largest of all
    /// CPU time the process used over a second in which its one stage had nothing to do, in % of a core.
    double idleCpuPercent = 0;
    std::vector<std::string> failures;
};

/// Runs ping-pong (`rounds` round trips) on every wait strategy, interleaved over `repeats`
/// repetitions, then measures each strategy's idle CPU once.
std::vector<WaitLatency> runLatencySweep(
    std::int64_t rounds, int repeats, const std::function<void(const std::string &)> &progress);

void printLatencyTable(std::FILE *out, const std::vector<WaitLatency> &rows, std::int64_t rounds, int repeats);
void printLatencyJson(std::FILE *out, const std::vector<WaitLatency> &rows, std::int64_t rounds);

} // namespace ringflow::bench
