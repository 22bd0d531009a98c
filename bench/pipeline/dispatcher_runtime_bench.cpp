#include "dispatcher_runtime_bench.h"

#include "dispatcher_bench.h"
#include "runtime_overhead_bench.h"

#include <pipeline/param_text.h>

#include <memory>

namespace ringflow::bench {

namespace {

/// Issue 11: the library's demo at most 1.25x the runtime's run of its design.
constexpr double kRuntimeShareTarget = 1 / 1.25;

} // namespace

BenchCase dispatcherRuntimeCase(const std::filesystem::path &designFile)
{
    pipeline::PipelineSpec spec = loadedSpec(designFile);
    // The shipped file is paced for watching; the burst publishes the demo's events as fast as it can.
    pipeline::makeBurst(spec, static_cast<std::int64_t>(kDemo.eventsPerProducer));
    std::shared_ptr<const pipeline::Plan> plan = compiledPlan(spec);
    int threads = 0;
    for (const pipeline::ProducerPlan &producer : plan->producers)
        threads += producer.threads;
    threads += static_cast<int>(plan->consumers.size());
    return {"dispatcher-runtime",
        {"runtime", plan->rings.front().waitStrategy, threads, [plan] { return runThroughRuntime(*plan); }},
        {"library", kDispatcherWait, kDemo.producers + 1, [] { return runDispatcherDemo(kDemo); }}};
}

void printDispatcherRuntimeVerdict(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    for (const CaseSummary &summary : summaries) {
        if (summary.benchCase->id != "dispatcher-runtime" || summary.ratio.median <= 0)
            continue;
        std::fprintf(out,
            "\ndispatcher-runtime: the library's demo ran %.2fx the runtime's run of its design (median of "
            "pairs); target <= 1.25x: %s.\n",
            1 / summary.ratio.median, summary.ratio.median >= kRuntimeShareTarget ? "met" : "NOT met");
    }
}

} // namespace ringflow::bench
