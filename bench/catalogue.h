#pragma once

#include "run_result.h"

#include <span>
#include <string_view>

namespace ringflow::bench {

/// Events per run. The mutex queue gets fewer: it is an order of magnitude slower, results are
/// compared per event, and equal counts would only make the baseline's runs dominate the time.
struct EventCounts {
    std::int64_t ringflow;
    std::int64_t baseline;
};

/// The usual other side of a case: a std::mutex + std::condition_variable queue.
inline constexpr std::string_view kMutexQueue = "mutex-queue";

/// One benchmark case: one topology, run on Ringflow and on a baseline (the mutex queue, or another
/// way of doing the same on Ringflow, on the same wait strategy).
struct CaseSpec {
    std::string_view id; ///< the name for --cases and JSON
    std::string_view label; ///< the name for people: "unicast 1P-1C"
    std::string_view description;
    int threads; ///< busy threads of one run, the same on both sides
    std::string_view waitStrategy; ///< Ringflow's wait strategy unless --wait says otherwise
    EventCounts full;
    EventCounts quick;
    CaseFunction ringflow;
    CaseFunction baseline;
    std::string_view baselineName = kMutexQueue; ///< the baseline's name in reports
    /// The baseline's wait strategy when it is a fixed one; empty: as the Ringflow side (or the
    /// mutex queue's condition variables).
    std::string_view baselineWait = {};
};

std::span<const CaseSpec> allCases();
const CaseSpec *findCase(std::string_view id);

} // namespace ringflow::bench
