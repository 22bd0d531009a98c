#pragma once

#include "run_result.h"

#include <vector>

namespace ringflow::bench {

/// Round-trip latency: a pinger sends a value, a ponger sends it back, the pinger times the round
/// trip and sends the next one; `events` round trips, one in flight at a time, two threads.
/// Ringflow uses two rings (ping and pong) whose only stages are the ponger and the pinger; the
/// baseline uses two MutexQueues.
RunResult ringflowPingPong(const Workload &workload);
RunResult baselinePingPong(const Workload &workload);

/// The 50th, 99th and 99.9th percentiles and the maximum of `samplesNs` (reorders it).
Latency percentiles(std::vector<std::int64_t> &samplesNs);

} // namespace ringflow::bench
