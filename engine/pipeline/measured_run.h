#pragma once

#include "pipeline/plan.h"
#include "pipeline/run_report.h"
#include "pipeline/runtime.h"

#include <atomic>
#include <chrono>

namespace ringflow::pipeline {

/// A run's report with the CPU time the process spent during it.
struct MeasuredRun {
    RunReport report;
    double cpuSeconds = 0; ///< user + system time of the whole process from start to stop
    bool cancelled = false; ///< `cancel` was raised: the run was halted, its figures are partial
};

/// Runs `plan` until its producers finish, a stage fails, `durationSeconds` pass (0: no limit) or
/// `cancel` (may be null) is raised, then drains it within `drainTimeout`. Polls every few ms.
MeasuredRun runMeasured(const Plan &plan, double durationSeconds,
    std::chrono::nanoseconds drainTimeout = kDefaultDrainTimeout, const std::atomic<bool> *cancel = nullptr);

} // namespace ringflow::pipeline
