#include "sweep_runner.h"

#include "compiler.h"
#include "measured_run.h"
#include "param_text.h"

#include <algorithm>

namespace ringflow::pipeline {

namespace {

RunMeasure measureOf(const Plan &plan, const MeasuredRun &run)
{
    RunMeasure measure;
    measure.eventsPerSecond = run.report.eventsPerSecond;
    measure.cpuSeconds = run.cpuSeconds;
    measure.ok = run.report.ok;
    for (std::size_t i = 0; i < plan.consumers.size(); ++i) {
        const std::size_t index = plan.consumerIndex(i);
        const NodeFigures &figures = run.report.nodes[index].figures;
        measure.stages.push_back({figures.busyFraction, run.meanBacklog[index], figures.latency});
        Percentiles &latency = measure.latency;
        latency.p50Ns = std::max(latency.p50Ns, figures.latency.p50Ns);
        latency.p90Ns = std::max(latency.p90Ns, figures.latency.p90Ns);
        latency.p99Ns = std::max(latency.p99Ns, figures.latency.p99Ns);
        latency.p999Ns = std::max(latency.p999Ns, figures.latency.p999Ns);
        latency.maxNs = std::max(latency.maxNs, figures.latency.maxNs);
    }
    return measure;
}

std::string pointName(const std::vector<SweepAxis> &axes, const std::vector<ParamValue> &values)
{
    std::string name;
    for (std::size_t i = 0; i < axes.size(); ++i)
        name += (i ? ", " : "") + axes[i].name() + "=" + paramText(values[i]);
    return name;
}

} // namespace

Spread spreadOf(std::vector<double> values)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    const double median = values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    return {median, values.front(), values.back()};
}

bool SweepResult::ok() const
{
    return std::all_of(points.begin(), points.end(), [](const PointResult &point) {
        return std::all_of(point.runs.begin(), point.runs.end(), [](const RunMeasure &run) { return run.ok; });
    });
}

std::variant<SweepResult, std::vector<std::string>> prepareSweep(const PipelineSpec &spec,
    const std::vector<SweepAxis> &axes, const ResourceBudget &budget, const CapacityConstants &constants, int cores,
    double coreShare)
{
    SweepResult sweep;
    sweep.axes = axes;
    std::vector<std::string> problems;
    for (std::vector<ParamValue> &values : sweepPoints(axes)) {
        CompileResult compiled = compile(specAtPoint(spec, axes, values), budget);
        for (const Problem &problem : compiled.problems)
            if (problem.severity == Severity::Error)
                problems.push_back("at " + pointName(axes, values) + ": " + toString(problem));
        if (!compiled.plan)
            continue;
        CapacityPrediction prediction = predictCapacity(*compiled.plan, constants, cores, coreShare);
        sweep.points.push_back({std::move(values), std::move(*compiled.plan), std::move(prediction), {}});
    }
    if (!problems.empty())
        return problems;
    return sweep;
}

void runSweep(
    SweepResult &sweep, const SweepSettings &settings, const SweepProgress &progress, const std::atomic<bool> *cancel)
{
    sweep.repeat = std::max(1, settings.repeat);
    const std::size_t total = sweep.points.size() * static_cast<std::size_t>(sweep.repeat);
    std::size_t done = 0;
    for (int repetition = 0; repetition < sweep.repeat; ++repetition) {
        for (PointResult &point : sweep.points) {
            // Relaxed: the flag carries no data with it.
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                sweep.cancelled = true;
                return;
            }
            const MeasuredRun run = runMeasured(point.plan, settings.durationSeconds, settings.drainTimeout, cancel);
            if (run.cancelled) {
                sweep.cancelled = true;
                return;
            }
            point.runs.push_back(measureOf(point.plan, run));
            if (progress)
                progress(++done, total);
        }
    }
}

} // namespace ringflow::pipeline
