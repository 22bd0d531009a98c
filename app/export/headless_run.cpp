#include "headless_run.h"

#include "pipeline/runtime.h"

#include <chrono>
#include <thread>

using namespace ringflow::pipeline;

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
