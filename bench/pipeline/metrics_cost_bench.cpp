#include "metrics_cost_bench.h"

#include "periodic_sampler.h"
#include "runtime_overhead_bench.h"

#include <pipeline/compiler.h>
#include <pipeline/param_text.h>
#include <pipeline/runtime.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ringflow::bench {

MetricsCostBench::MetricsCostBench(const std::filesystem::path &file, std::int64_t eventsPerThread)
{
    pipeline::PipelineSpec spec = loadedSpec(file);
    // The example comes alive (paced, with a busy stage); this measures the metrics' cost on the
    // bare topology: producers as fast as they go, every stage on a workload without busy work.
    pipeline::makeBurst(spec, eventsPerThread);
    for (pipeline::Node &node : spec.nodes) {
        if (node.params.contains("workload") && std::get<std::string>(node.params["workload"]) == "busy") {
            node.params["workload"] = std::string("count");
            node.params.erase("cost");
        }
    }
    pipeline::CompileResult compiled = pipeline::compile(spec);
    if (!compiled.plan) {
        std::string message;
        for (const pipeline::Problem &problem : compiled.problems)
            message += file.string() + ": " + pipeline::toString(problem) + "\n";
        throw std::runtime_error(message);
    }
    m_plan = std::move(*compiled.plan);
    for (const pipeline::ProducerPlan &producer : m_plan.producers)
        m_events += static_cast<std::uint64_t>(producer.threads) * static_cast<std::uint64_t>(eventsPerThread);
}

std::string MetricsCostBench::waitStrategies() const
{
    std::vector<std::string> seen;
    std::string names;
    for (const pipeline::RingPlan &ring : m_plan.rings) {
        if (std::find(seen.begin(), seen.end(), ring.waitStrategy) != seen.end())
            continue;
        seen.push_back(ring.waitStrategy);
        names += (names.empty() ? "" : ",") + ring.waitStrategy;
    }
    return names;
}

RunSample MetricsCostBench::run(bool sampled) const
{
    pipeline::Runtime runtime(m_plan);
    runtime.start();
    std::optional<PeriodicSampler> sampler;
    if (sampled)
        sampler.emplace(runtime, std::chrono::nanoseconds(std::chrono::seconds(1)) / kSamplesPerSecond);
    // Both kinds of run wait for the end the same way, so only the sampler differs between them.
    while (!runtime.producersFinished() && !runtime.hasFailed())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const PeriodicSampler::Totals sampling = sampler ? sampler->stop() : PeriodicSampler::Totals {};
    const pipeline::RunReport report = runtime.stop(std::chrono::seconds(10));

    RunSample sample;
    sample.events = report.totalEvents;
    sample.seconds = static_cast<double>(report.elapsedNs) * 1e-9;
    for (const std::string &problem : report.problems)
        appendFailure(sample.failure, problem);
    if (report.totalEvents != m_events)
        appendFailure(sample.failure,
            "published " + std::to_string(report.totalEvents) + " events (expected " + std::to_string(m_events) + ")");
    if (sampled && sampling.samples > 0) {
        sample.samplerCpuMicroseconds = sampling.cpuSeconds * 1e6 / sampling.samples;
        char note[96];
        std::snprintf(note, sizeof note, "%d samples, %.1f per second, %.0f us of CPU each", sampling.samples,
            sample.seconds > 0 ? sampling.samples / sample.seconds : 0.0, *sample.samplerCpuMicroseconds);
        sample.note = note;
    }
    return sample;
}

} // namespace ringflow::bench
