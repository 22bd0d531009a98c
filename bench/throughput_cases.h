#pragma once

#include "run_result.h"

namespace ringflow::bench {

// The throughput cases. Each publishes the values 0..events-1 from the calling thread (or from
// three producer threads) and times until every stage has handled the last.

/// On Ringflow's Disruptor (ringflow_cases.cpp).
RunResult ringflowUnicast(const Workload &workload);
/// pipeline and diamond do the per-event work of LMAX's sequenced tests: each stage but the last
/// writes a result into the event that the next one reads (sequenced_cases.cpp).
RunResult ringflowPipeline(const Workload &workload);
RunResult ringflowDiamond(const Workload &workload);
/// The same topologies with every stage only reading the value and summing it.
RunResult ringflowPipelineReadOnly(const Workload &workload);
RunResult ringflowDiamondReadOnly(const Workload &workload);
/// The read-only pipeline case on a fixed wait strategy, whatever the workload names: the other
/// side of the wait-strategy comparisons.
RunResult ringflowPipelineOnPhasedBefore(const Workload &workload);
RunResult ringflowPipelineOnYielding(const Workload &workload);
RunResult ringflowMulticast(const Workload &workload);
RunResult ringflowSequencer(const Workload &workload);
RunResult ringflowBatched(const Workload &workload);
RunResult ringflowWorkerPool(const Workload &workload);
/// Unicast with tryPublishEvent (retrying while the ring is full), and its baseline: the same with
/// the blocking publishEvent, on the same ring and wait strategy.
RunResult ringflowTryPublish(const Workload &workload);
RunResult ringflowBlockingPublish(const Workload &workload);
/// unicast with an async batch handler (a core::BatchTask per batch on a pool of one thread).
RunResult ringflowAsync(const Workload &workload);

/// The same on MutexQueue (the sequenced ones in sequenced_cases.cpp), one push and one pop per event and hop: the same
/// values, the same per-event work, the same number of threads and the same capacity (baseline_cases.cpp).
RunResult baselineUnicast(const Workload &workload);
RunResult baselinePipeline(const Workload &workload);
RunResult baselineDiamond(const Workload &workload);
RunResult baselinePipelineReadOnly(const Workload &workload);
RunResult baselineDiamondReadOnly(const Workload &workload);
RunResult baselineMulticast(const Workload &workload);
RunResult baselineSequencer(const Workload &workload);
RunResult baselineBatched(const Workload &workload);
RunResult baselineWorkerPool(const Workload &workload);

} // namespace ringflow::bench
