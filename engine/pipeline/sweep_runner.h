#pragma once

#include "pipeline/capacity_model.h"
#include "pipeline/metrics.h"
#include "pipeline/plan.h"
#include "pipeline/resource_budget.h"
#include "pipeline/runtime_core.h"
#include "pipeline/sweep.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <variant>

namespace ringflow::pipeline {

/// One consumer's figures in one run of a point.
struct StageMeasure {
    double busyFraction = 0; ///< 0..1 per thread, over the run
    double backlog = 0; ///< mean over the run
    Percentiles latency;
};

/// One run of a point.
struct RunMeasure {
    double eventsPerSecond = 0; ///< published events over the flow window
    double cpuSeconds = 0; ///< user + system time of the process during the run
    bool ok = true; ///< the report's verdict: conservation held, nothing halted, the drain completed
    Percentiles latency; ///< end to end: per percentile the largest of the consumers' (the slowest path)
    std::vector<StageMeasure> stages; ///< per consumer, in plan order
};

/// A point of the experiment: its values, its plan, the model's prediction and its runs so far.
struct PointResult {
    std::vector<ParamValue> values; ///< one per axis
    Plan plan;
    CapacityPrediction prediction;
    std::vector<RunMeasure> runs;
};

/// A figure over a point's runs.
struct Spread {
    double median = 0;
    double min = 0;
    double max = 0;
};
Spread spreadOf(std::vector<double> values);

/// The experiment's result. Points come in sweepPoints() order; after a cancel, each holds the runs
/// that finished (possibly none).
struct SweepResult {
    std::vector<SweepAxis> axes;
    std::vector<PointResult> points;
    int repeat = 1;
    bool cancelled = false;
    bool ok() const; ///< every run of every point kept conservation
};

/// Compiles every point of the experiment (so that nothing runs when one cannot), each with the
/// model's prediction (predictCapacity()'s arguments). Returns the points without runs, or the problems, each naming
/// its point
/// ("at ring.slots=64, stage.cost=10: ...").
std::variant<SweepResult, std::vector<std::string>> prepareSweep(const PipelineSpec &spec,
    const std::vector<SweepAxis> &axes, const ResourceBudget &budget, const CapacityConstants &constants, int cores,
    double coreShare = 1.0);

struct SweepSettings {
    int repeat = 3; ///< runs per point
    double durationSeconds = 0; ///< each run's limit besides the producers' own; 0: none
    std::chrono::nanoseconds drainTimeout = kDefaultDrainTimeout;
};

/// Called after each run with the runs done and the runs in all.
using SweepProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Runs the points of `sweep` `settings.repeat` times, interleaved (A B C A B C) so that a drift of
/// the machine does not pose as an effect, until done or `cancel` (may be null) is raised; a run
/// cut short by the cancel is dropped, the finished ones are kept.
void runSweep(SweepResult &sweep, const SweepSettings &settings, const SweepProgress &progress = {},
    const std::atomic<bool> *cancel = nullptr);

} // namespace ringflow::pipeline
