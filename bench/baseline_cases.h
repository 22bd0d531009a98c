#pragma once

#include "run_result.h"

namespace ringflow::bench {

/// The same cases on MutexQueue, one push and one pop per event and hop: the same values, the
/// same per-event work, the same number of threads and the same capacity as the Ringflow side.
RunResult baselineUnicast(const Workload &workload);
RunResult baselinePipeline(const Workload &workload);
RunResult baselineMulticast(const Workload &workload);
RunResult baselineDiamond(const Workload &workload);
RunResult baselineSequencer(const Workload &workload);
RunResult baselineBatched(const Workload &workload);
RunResult baselineWorkerPool(const Workload &workload);

} // namespace ringflow::bench
