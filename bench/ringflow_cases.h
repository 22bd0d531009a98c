#pragma once

#include "run_result.h"

namespace ringflow::bench {

/// The throughput cases on Ringflow's Disruptor. Each publishes the values 0..events-1 from the
/// calling thread (or from three producer threads) and times until every stage has handled the last.

RunResult ringflowUnicast(const Workload &workload);
RunResult ringflowPipeline(const Workload &workload);
RunResult ringflowMulticast(const Workload &workload);
RunResult ringflowDiamond(const Workload &workload);
RunResult ringflowSequencer(const Workload &workload);
RunResult ringflowBatched(const Workload &workload);
RunResult ringflowWorkerPool(const Workload &workload);

} // namespace ringflow::bench
