#pragma once

#include "value_event.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ringflow::bench {

/// What one run of one case is asked to do.
struct Workload {
    std::int64_t events = 0;
    std::string waitStrategy; ///< used by the Ringflow side only; the baseline always parks on its condition variables
};

struct Latency {
    double p50Ns = 0;
    double p99Ns = 0;
    double p999Ns = 0;
    double maxNs = 0;
};

/// What one run measured. `failure` is empty when every consumer saw exactly the events it should.
struct RunResult {
    std::int64_t events = 0;
    double seconds = 0;
    std::optional<Latency> latency;
    std::string failure;

    double eventsPerSecond() const { return seconds > 0 ? static_cast<double>(events) / seconds : 0; }
};

using CaseFunction = RunResult (*)(const Workload &);

} // namespace ringflow::bench
