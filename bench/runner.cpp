#include "runner.h"

#include "common/interleave.h"
#include "common/statistics.h"

#include <cstdio>

namespace ringflow::bench {

namespace {

constexpr std::string_view kBaselineWait = "condition-variable";

struct Samples {
    std::vector<RunResult> ringflow;
    std::vector<RunResult> baseline;
};

ImplSummary summarize(const std::vector<RunResult> &runs, std::string wait)
{
    ImplSummary summary {std::move(wait), runs.empty() ? 0 : runs.front().events, 0, {}, {}};
    std::vector<double> rates, p50, p99;
    for (const RunResult &run : runs) {
        if (!run.failure.empty())
            summary.failures.push_back(run.failure);
        rates.push_back(run.eventsPerSecond());
        if (run.latency) {
            p50.push_back(run.latency->p50Ns);
            p99.push_back(run.latency->p99Ns);
        }
    }
    summary.eventsPerSecond = median(rates);
    if (!p50.empty())
        summary.latency = Latency {median(p50), median(p99)};
    return summary;
}

// How many times better Ringflow did in one repetition. For a latency case the median round trip,
// not the throughput: a handful of round trips stalled by the scheduler for milliseconds decide the
// mean, and say nothing about either queue.
double pairedRatio(const RunResult &ringflow, const RunResult &baseline)
{
    if (ringflow.latency && baseline.latency)
        return ringflow.latency->p50Ns > 0 ? baseline.latency->p50Ns / ringflow.latency->p50Ns : 0;
    const double baselineRate = baseline.eventsPerSecond();
    return baselineRate > 0 ? ringflow.eventsPerSecond() / baselineRate : 0;
}

std::string describe(const RunResult &run)
{
    char text[160];
    std::snprintf(text, sizeof text, "%.1f M events/s", run.eventsPerSecond() / 1e6);
    std::string line = text;
    if (run.latency) {
        std::snprintf(text, sizeof text, ", p50 %.0f ns, p99 %.0f ns", run.latency->p50Ns, run.latency->p99Ns);
        line += text;
    }
    return run.failure.empty() ? line : line + " FAILED: " + run.failure;
}

} // namespace

std::vector<CaseSummary> runInterleaved(const RunPlan &plan, const ProgressReport &progress)
{
    std::vector<Samples> samples(plan.cases.size());
    interleave(plan.cases.size(), plan.repeats, [&](std::size_t i, int side, int repetition) {
        const CaseSpec &spec = *plan.cases[i];
        const EventCounts counts = plan.quick ? spec.quick : spec.full;
        const Workload workload {side == 0 ? counts.ringflow : counts.baseline,
            plan.waitOverride.empty() ? std::string(spec.waitStrategy) : plan.waitOverride};
        std::vector<RunResult> &runs = side == 0 ? samples[i].ringflow : samples[i].baseline;
        const CaseFunction function = side == 0 ? spec.ringflow : spec.baseline;
        runs.push_back(runCatching([&] { return function(workload); }, RunResult {workload.events, 0, {}, {}}));
        if (progress)
            progress(std::string(spec.label) + " #" + std::to_string(repetition + 1)
                + (side == 0 ? " ringflow: " : " " + std::string(spec.baselineName) + ": ") + describe(runs.back()));
    });

    std::vector<CaseSummary> summaries;
    for (std::size_t i = 0; i < plan.cases.size(); ++i) {
        const CaseSpec &spec = *plan.cases[i];
        const Samples &caseSamples = samples[i];
        CaseSummary summary;
        summary.spec = &spec;
        summary.ringflow = summarize(
            caseSamples.ringflow, plan.waitOverride.empty() ? std::string(spec.waitStrategy) : plan.waitOverride);
        // A baseline on Ringflow waits as the Ringflow side does; the mutex queue parks on its conditions.
        const std::string baselineWait = !spec.baselineWait.empty() ? std::string(spec.baselineWait)
            : spec.baselineName == kMutexQueue                      ? std::string(kBaselineWait)
                                                                    : summary.ringflow.wait;
        summary.baseline = summarize(caseSamples.baseline, baselineWait);
        std::vector<double> ratios;
        for (std::size_t r = 0; r < caseSamples.ringflow.size(); ++r)
            ratios.push_back(pairedRatio(caseSamples.ringflow[r], caseSamples.baseline[r]));
        summary.ratio = median(ratios);
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

} // namespace ringflow::bench
