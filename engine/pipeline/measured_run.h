#pragma once

#include "pipeline/plan.h"
#include "pipeline/run_report.h"
#include "pipeline/runtime.h"

#include <atomic>
#include <chrono>
#include <vector>

namespace ringflow::pipeline {

/// A run's report with the CPU time the process spent during it.
struct MeasuredRun {
    RunReport report;
    double cpuSeconds = 0; ///< user + system time of the whole process from start to stop
    bool cancelled = false; ///< `cancel` was raised: the run was halted, its figures are partial
    /// Per node in plan order, the mean of its backlog over readings every 10 ms while the run went
    /// (the report's backlog is the one after the drain, which is 0).
    std::vector<double> meanBacklog;
};

/// Runs `plan` until its producers finish, a stage fails, `durationSeconds` pass (0: no limit) or
/// `cancel` (may be null) is raised, then drains it within `drainTimeout`. Reads the
/// pipeline every 10 ms.
MeasuredRun runMeasured(const Plan &plan, double durationSeconds,
    std::chrono::nanoseconds drainTimeout = kDefaultDrainTimeout, const std::atomic<bool> *cancel = nullptr);

} // namespace ringflow::pipeline
