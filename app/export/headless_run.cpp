#include "headless_run.h"

#include "pipeline/kind_registry.h"
#include "pipeline/runtime.h"

#include <chrono>
#include <thread>

using namespace ringflow::pipeline;

void limitProducers(PipelineSpec &spec, std::optional<std::int64_t> events, std::optional<double> durationSeconds)
{
    for (Node &node : spec.nodes) {
        const KindSpec *kind = findKind(node.kind);
        if (!kind || kind->role != NodeRole::Producer)
            continue;
        if (durationSeconds) {
            node.params["duration"] = *durationSeconds;
            node.params["events"] = events.value_or(0);
        } else if (events) {
            node.params["events"] = *events;
        }
    }
}

HeadlessRun runHeadless(Plan plan)
{
    constexpr auto kSampleInterval = std::chrono::milliseconds(100); // the designer's
    Runtime runtime(std::move(plan));
    HeadlessRun run;
    run.series.restart(runtime.plan());
    MetricsSampler sampler;
    runtime.start();
    run.series.append(sampler.update(runtime.sample()));
    while (!runtime.producersFinished() && !runtime.hasFailed()) {
        std::this_thread::sleep_for(kSampleInterval);
        run.series.append(sampler.update(runtime.sample()));
    }
    run.report = runtime.stop(kDefaultDrainTimeout);
    return run;
}
