#include "runtime_overhead_bench.h"

#include "catalogue.h"
#include "value_event.h"

#include <pipeline/compiler.h>
#include <pipeline/pipeline_file.h>
#include <pipeline/runtime.h>

#include <stdexcept>
#include <thread>

namespace ringflow::bench {

namespace {

using pipeline::Connection;
using pipeline::Node;
using pipeline::ParamValue;
using pipeline::PipelineSpec;

/// How to build each topology as a pipeline: its producer, its stages and how they wire.
struct Shape {
    /// The id of the same topology in ringflow-bench's catalogue; the read-only variants, since the
    /// runtime's count stages write nothing into the event.
    std::string coreCase;
    int producerThreads = 1;
    std::int64_t producerBatch = 1;
    std::string consumerKind = "stage";
    std::vector<std::string> stages; ///< read the ring unless `after` says otherwise
    std::vector<std::pair<std::string, std::string>> after; ///< (upstream, downstream)
};

const std::vector<std::pair<OverheadTopology, Shape>> &shapes()
{
    static const std::vector<std::pair<OverheadTopology, Shape>> all = {
        {{"overhead-unicast", "unicast 1P-1C through the runtime vs the core"}, {"unicast", 1, 1, "stage", {"c"}, {}}},
        {{"overhead-batched", "batched 1P-1C (100 per publish) through the runtime vs the core"},
            {"batched", 1, kPublishBatch, "stage", {"c"}, {}}},
        {{"overhead-pipeline", "pipeline 1P-3C through the runtime vs the core (pipeline-read-only)"},
            {"pipeline-read-only", 1, 1, "stage", {"a", "b", "c"}, {{"a", "b"}, {"b", "c"}}}},
        {{"overhead-multicast", "multicast 1P-3C through the runtime vs the core"},
            {"multicast", 1, 1, "stage", {"a", "b", "c"}, {}}},
        {{"overhead-diamond", "diamond 1P-3C through the runtime vs the core (diamond-read-only)"},
            {"diamond-read-only", 1, 1, "stage", {"a", "b", "c"}, {{"a", "c"}, {"b", "c"}}}},
        {{"overhead-sequencer", "sequencer 3P-1C through the runtime vs the core"},
            {"sequencer", 3, 1, "stage", {"c"}, {}}},
        {{"overhead-worker-pool", "worker pool 1P-2W through the runtime vs the core"},
            {"worker-pool", 1, 1, "worker-pool", {"w"}, {}}},
    };
    return all;
}

const Shape &shapeOf(const std::string &id)
{
    for (const auto &[topology, shape] : shapes())
        if (topology.id == id)
            return shape;
    throw std::invalid_argument("unknown runtime-overhead case '" + id + "'");
}

PipelineSpec specOf(const Shape &shape, std::int64_t events, const std::string &waitStrategy)
{
    PipelineSpec spec;
    spec.name = shape.coreCase;
    spec.nodes.push_back(node("producer", "producer",
        {{"threads", std::int64_t {shape.producerThreads}}, {"events", events / shape.producerThreads},
            {"batch", shape.producerBatch}, {"payload", std::int64_t {0}}}));
    spec.nodes.push_back(node("ring", "ring",
        {{"slots", kCapacity}, {"payload_capacity", std::int64_t {0}}, {"wait_strategy", waitStrategy}}));
    spec.connections.push_back(wire("producer", "out", "ring"));
    for (const std::string &stage : shape.stages) {
        std::map<std::string, ParamValue> params {{"workload", std::string("count")}};
        if (shape.consumerKind == "worker-pool")
            params["workers"] = std::int64_t {2};
        spec.nodes.push_back(node(stage, shape.consumerKind, std::move(params)));
        const bool downstream = std::any_of(
            shape.after.begin(), shape.after.end(), [&](const auto &edge) { return edge.second == stage; });
        if (!downstream)
            spec.connections.push_back(wire("ring", "out", stage));
    }
    for (const auto &[upstream, downstream] : shape.after)
        spec.connections.push_back(wire(upstream, "out", downstream));
    return spec;
}

RunSample runOnCore(const CaseSpec &spec, std::int64_t events)
{
    const RunResult result = spec.ringflow(Workload {events, std::string(spec.waitStrategy)});
    return RunSample {static_cast<std::uint64_t>(result.events), result.seconds, result.failure, {}, {}, {}};
}

} // namespace

Node node(std::string id, std::string kind, std::map<std::string, ParamValue> params)
{
    return Node {std::move(id), std::move(kind), std::move(params), std::nullopt};
}

Connection wire(const std::string &from, const std::string &out, const std::string &to)
{
    return Connection {{from, out}, {to, "in"}};
}

std::shared_ptr<pipeline::Plan> compiledPlan(const pipeline::PipelineSpec &spec)
{
    pipeline::CompileResult compiled = pipeline::compile(spec);
    if (!compiled.plan)
        throw std::logic_error("the benchmark's pipeline '" + spec.name
            + "' does not compile: " + pipeline::toString(compiled.problems.front()));
    return std::make_shared<pipeline::Plan>(std::move(*compiled.plan));
}

pipeline::PipelineSpec loadedSpec(const std::filesystem::path &file)
{
    pipeline::LoadResult loaded = pipeline::loadPipelineFile(file);
    if (!loaded.spec) {
        std::string message;
        for (const pipeline::LoadError &error : loaded.errors)
            message += error.toString() + "\n";
        throw std::runtime_error(message);
    }
    return std::move(*loaded.spec);
}

RunSample runThroughRuntime(const pipeline::Plan &plan, RuntimeTiming timing)
{
    pipeline::Runtime runtime(plan);
    runtime.start();
    while (!runtime.producersFinished() && !runtime.hasFailed())
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    const pipeline::RunReport report = runtime.stop(std::chrono::seconds(30));
    RunSample sample;
    sample.events = report.totalEvents;
    const std::int64_t ns = timing == RuntimeTiming::FlowWindow ? report.flowNs : report.elapsedNs;
    sample.seconds = static_cast<double>(ns) * 1e-9;
    if (!report.ok)
        appendFailure(sample.failure, report.problems.empty() ? "the run failed" : report.problems.front());
    return sample;
}

const std::vector<OverheadTopology> &overheadTopologies()
{
    static const std::vector<OverheadTopology> topologies = [] {
        std::vector<OverheadTopology> all;
        for (const auto &[topology, shape] : shapes())
            all.push_back(topology);
        return all;
    }();
    return topologies;
}

const CaseSpec &overheadCore(const std::string &id)
{
    const Shape &shape = shapeOf(id);
    const CaseSpec *core = findCase(shape.coreCase);
    if (!core)
        throw std::logic_error("ringflow-bench has no case '" + shape.coreCase + "'");
    return *core;
}

std::shared_ptr<pipeline::Plan> overheadPlan(const std::string &id, std::int64_t events)
{
    return compiledPlan(specOf(shapeOf(id), events, std::string(overheadCore(id).waitStrategy)));
}

BenchCase overheadCase(const std::string &id, std::int64_t events)
{
    const CaseSpec *core = &overheadCore(id);
    const std::string wait(core->waitStrategy);
    std::shared_ptr<const pipeline::Plan> plan = overheadPlan(id, events);
    return {id, {"runtime", wait, core->threads, [plan] { return runThroughRuntime(*plan); }},
        {"core", wait, core->threads, [core, events] { return runOnCore(*core, events); }}};
}

} // namespace ringflow::bench
