#include "compiler.h"

#include "pipeline/pipeline_graph.h"

#include <algorithm>
#include <map>
#include <set>

namespace ringflow::pipeline {

namespace {

WorkloadPlan workloadOf(const Node &node, const KindSpec &kind)
{
    // Validation has checked that every name is a workload.
    const ParamSpec &param = *kind.findParam(kind.workloadParam);
    const std::string text = textParam(node, param.name);
    const std::vector<std::string> names = param.commaList ? splitCommaList(text) : std::vector<std::string> {text};
    WorkloadPlan workload;
    workload.steps.clear();
    for (const std::string &name : names)
        workload.steps.push_back(findWorkload(name)->step);
    workload.failProbability = realParam(node, "fail_probability");
    return workload;
}

bool hasParam(const Node &node, std::string_view name)
{
    const KindSpec *kind = findKind(node.kind);
    return kind && kind->findParam(name);
}

core::ExceptionPolicy policyNamed(const std::string &name)
{
    if (name == "continue")
        return core::ExceptionPolicy::Continue;
    return name == "halt-stage" ? core::ExceptionPolicy::HaltStage : core::ExceptionPolicy::Halt;
}

// A stage's `handling` and what goes with it: the async pool's threads, or how it is consumed.
void setHandling(ConsumerPlan &plan, const Node &node)
{
    const std::string handling = textParam(node, "handling");
    plan.batchHandling = handling != "event";
    plan.async = handling == "async";
    if (plan.async)
        plan.asyncThreads = static_cast<int>(intParam(node, "async_threads"));
    plan.polled = handling == "event" && textParam(node, "consume") == "poll";
}

ConsumerPlan consumerPlan(const PipelineGraph &graph, const Node &node, const std::string &ring)
{
    const KindSpec &kind = *findKind(node.kind);
    ConsumerPlan plan;
    plan.id = node.id;
    plan.kind = node.kind;
    plan.ring = ring;
    plan.upstream = graph.upstreamOf(node.id);
    plan.threads = static_cast<int>(graph.threadsOf(node.id));
    plan.sharesEvents = kind.sharesEvents;
    plan.workload = workloadOf(node, kind);
    if (hasParam(node, "handling"))
        setHandling(plan, node);
    if (hasParam(node, "max_batch"))
        plan.maxBatch = intParam(node, "max_batch");
    if (hasParam(node, "channel_filter")) {
        plan.channelFilter = textParam(node, "channel_filter");
        plan.prefixFilter = textParam(node, "filter_mode") == "prefix";
    }
    plan.policy = policyNamed(textParam(node, "exception_policy"));
    if (hasParam(node, "rewind_retries")) {
        plan.rewindRetries = intParam(node, "rewind_retries");
        plan.rewindBackOffUs = intParam(node, "rewind_backoff");
        plan.workload.failRewinds = plan.rewindRetries > 0;
    }
    plan.forwardTo = graph.forwardTargetOf(node.id).value_or("");
    plan.live = liveSettingsOf(node, kind);
    return plan;
}

// Rings in data-flow order: a ring comes after every ring whose consumers forward into it.
std::vector<std::string> ringsInFlowOrder(const PipelineGraph &graph)
{
    const std::vector<std::string> rings = graph.nodesWithRole(NodeRole::Ring);
    std::vector<std::string> ordered;
    std::set<std::string> placed;
    for (bool progress = true; progress && ordered.size() < rings.size();) {
        progress = false;
        for (const std::string &ring : rings) {
            if (placed.count(ring))
                continue;
            const auto feeders = graph.forwardersInto(ring);
            const bool ready = std::all_of(feeders.begin(), feeders.end(), [&](const std::string &consumer) {
                const auto source = graph.ringOf(consumer);
                return !source || placed.count(*source);
            });
            if (ready) {
                ordered.push_back(ring);
                placed.insert(ring);
                progress = true;
            }
        }
    }
    return ordered;
}

// Whether `forwarder` hands on every event it reads, in the order it reads them: one thread, no
// channel filter, and a workload that cannot fail (a failed event is not forwarded). Async and
// polled stages are left out: their batches are not one ordered run of one thread's calls.
bool forwardsEveryEventInOrder(const ConsumerPlan &forwarder)
{
    const WorkloadPlan &work = forwarder.workload;
    const bool mayFail = work.failProbability > 0
        && std::find(work.steps.begin(), work.steps.end(), WorkloadStep::Fail) != work.steps.end();
    return !forwarder.sharesEvents && forwarder.threads == 1 && !forwarder.async && !forwarder.polled
        && forwarder.channelFilter.empty() && !mayFail;
}

// The ring whose payload slots `ring` can point into instead of copying (empty: none). When one
// forwarding stage is the ring's only publisher and forwards every event of its ring in order, the
// event it publishes at sequence s is the one it read at sequence s (both rings start at 0), so
// slot s of the source's payloads holds it; the runtime then gates the source's producers on this
// ring's end consumers too, and the payload stays put until they are done with it. Chains share
// the first ring's payloads.
std::string sharedPayloadSource(const Plan &plan, const RingPlan &ring)
{
    if (!ring.producers.empty() || ring.forwarders.size() != 1 || ring.payloadCapacity <= 0)
        return {};
    const ConsumerPlan *forwarder = plan.findConsumer(ring.forwarders.front());
    if (!forwarder || !forwardsEveryEventInOrder(*forwarder))
        return {};
    const RingPlan *source = plan.findRing(forwarder->ring);
    if (!source || source->payloadCapacity <= 0)
        return {};
    return source->payloadOf.empty() ? source->id : source->payloadOf;
}

} // namespace

CompileResult compile(const PipelineSpec &spec, const ResourceBudget &budget)
{
    CompileResult result;
    result.problems = validate(spec);
    if (hasErrors(result.problems))
        return result;

    const PipelineGraph graph(spec);
    Plan plan;
    plan.name = spec.name;
    for (const std::string &ringId : ringsInFlowOrder(graph)) {
        const Node &node = *graph.node(ringId);
        RingPlan ring;
        ring.id = ringId;
        ring.bufferSize = intParam(node, "slots");
        ring.payloadCapacity = intParam(node, "payload_capacity");
        ring.waitStrategy = textParam(node, "wait_strategy");
        ring.producers = graph.producersOf(ringId);
        ring.forwarders = graph.forwardersInto(ringId);
        ring.publishingThreads = static_cast<int>(graph.publishingThreads(ringId));
        const std::string mode = textParam(node, "producer_mode");
        ring.multiProducer = mode == "multi" || (mode == "auto" && ring.publishingThreads > 1);
        for (const std::string &consumerId : graph.consumersOf(ringId)) {
            plan.consumers.push_back(consumerPlan(graph, *graph.node(consumerId), ringId));
            if (graph.downstreamOf(consumerId).empty())
                ring.gating.push_back(consumerId);
        }
        plan.rings.push_back(std::move(ring));
    }
    for (RingPlan &ring : plan.rings) // in data-flow order: a source's own source is known first
        ring.payloadOf = sharedPayloadSource(plan, ring);
    for (const std::string &producerId : graph.nodesWithRole(NodeRole::Producer)) {
        const Node &node = *graph.node(producerId);
        ProducerPlan producer;
        producer.id = producerId;
        producer.kind = node.kind;
        producer.ring = graph.targetsOf(producerId).front();
        producer.threads = static_cast<int>(intParam(node, "threads"));
        producer.eventsPerThread = intParam(node, "events");
        producer.durationSeconds = realParam(node, "duration");
        producer.batch = intParam(node, "batch");
        producer.payloadBytes = intParam(node, "payload");
        producer.channel = textParam(node, "channel");
        producer.tryPublish = textParam(node, "publish") == "try";
        producer.completionChannel = textParam(node, "completion_channel");
        producer.live = liveSettingsOf(node, *findKind(node.kind));
        plan.producers.push_back(std::move(producer));
    }
    std::vector<Problem> overBudget = checkBudget(plan, budget);
    if (!overBudget.empty()) {
        result.problems.insert(result.problems.end(), overBudget.begin(), overBudget.end());
        return result;
    }
    result.plan = std::move(plan);
    return result;
}

} // namespace ringflow::pipeline
