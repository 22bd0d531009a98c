// Uses each of the three installed libraries once, with the include paths a user writes, and checks
// what they did: the exit status says whether the package works from outside its tree.
#include <ringflow/core/disruptor.h>
#include <ringflow/dispatch/job_pool.h>
#include <ringflow/pipeline/compiler.h>
#include <ringflow/pipeline/pipeline_file.h>
#include <ringflow/pipeline/runtime.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <thread>

using namespace ringflow;

namespace {

constexpr std::int64_t kEvents = 10000;

struct Counter {
    std::int64_t sum = 0;
    void onEvent(const std::int64_t &value, std::int64_t, bool) { sum += value; }
};

bool coreWorks()
{
    Counter counter;
    core::Disruptor<std::int64_t, core::SingleProducerSequencer> disruptor(
        1024, std::make_unique<core::YieldingWaitStrategy>());
    disruptor.handleEventsWith(counter);
    auto &ring = disruptor.start();
    for (std::int64_t i = 1; i <= kEvents; ++i)
        ring.publishEvent([i](std::int64_t &slot, std::int64_t) { slot = i; });
    return disruptor.shutdown(std::chrono::seconds(5)) && counter.sum == kEvents * (kEvents + 1) / 2;
}

bool pipelineWorks()
{
    const pipeline::LoadResult loaded = pipeline::loadPipeline(R"({
        "format": "ringflow-pipeline", "version": 1,
        "nodes": [{"id": "producer", "kind": "producer", "params": {"events": 10000}},
                  {"id": "ring", "kind": "ring", "params": {}},
                  {"id": "stage", "kind": "stage", "params": {}}],
        "connections": [{"from": {"node": "producer", "port": "out"}, "to": {"node": "ring", "port": "in"}},
                        {"from": {"node": "ring", "port": "out"}, "to": {"node": "stage", "port": "in"}}]})",
        "inline");
    if (!loaded.spec)
        return false;
    pipeline::CompileResult compiled = pipeline::compile(*loaded.spec);
    if (!compiled.plan)
        return false;
    pipeline::Runtime runtime(std::move(*compiled.plan));
    runtime.start();
    while (!runtime.producersFinished())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const pipeline::RunReport report = runtime.stop();
    return report.ok && report.totalEvents == 10000;
}

bool dispatchWorks()
{
    std::atomic<int> done {0};
    dispatch::JobPool pool(2);
    for (int i = 0; i < 100; ++i)
        pool.dispatch([&done] { done.fetch_add(1, std::memory_order_relaxed); });
    pool.finalize();
    return done.load() == 100;
}

} // namespace

int main()
{
    const bool core = coreWorks();
    const bool pipeline = pipelineWorks();
    const bool dispatch = dispatchWorks();
    std::printf("core %s, pipeline %s, dispatch %s\n", core ? "ok" : "FAILED", pipeline ? "ok" : "FAILED",
        dispatch ? "ok" : "FAILED");
    return core && pipeline && dispatch ? 0 : 1;
}
