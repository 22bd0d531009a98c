#pragma once

#include "catalogue.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::bench {

/// What the command line asked for.
struct RunPlan {
    std::vector<const CaseSpec *> cases;
    bool quick = false;
    int repeats = 1;
    std::string waitOverride; ///< empty: each case's own wait strategy
};

/// One implementation's medians over the repetitions of one case.
struct ImplSummary {
    std::string wait;
    std::int64_t events = 0;
    double eventsPerSecond = 0;
    std::optional<Latency> latency;
    std::vector<std::string> failures; ///< one per failed repetition: which consumer saw what

    double nanosecondsPerEvent() const { return eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0; }
};

struct CaseSummary {
    const CaseSpec *spec = nullptr;
    ImplSummary ringflow;
    ImplSummary baseline;
    /// The median of the repetitions' Ringflow/baseline throughput ratios (for the latency case:
    /// baseline/Ringflow median round trip). Each ratio compares two runs made back to back, which
    /// cancels most of what the other tenants of the machine do.
    double ratio = 0;
};

using ProgressReport = std::function<void(const std::string &line)>;

/// Runs every case `plan.repeats` times, round-robin over the cases and alternating which side of
/// a case runs first, so that a noisy stretch of time hits both sides and every case alike.
std::vector<CaseSummary> runInterleaved(const RunPlan &plan, const ProgressReport &progress);

} // namespace ringflow::bench
