#include "capacity_model.h"

#include "text_format.h"

#include <algorithm>
#include <limits>
#include <map>

namespace ringflow::pipeline {

double CapacityConstants::publishNs(std::int64_t batch) const
{
    const double claimNs = std::max(0.0, publishEventNs - publishBatchedNs);
    return publishBatchedNs + claimNs / static_cast<double>(std::max<std::int64_t>(1, batch));
}

namespace {

/// Events/s arriving in a ring per channel, with the payload they carry (summed, weighted by rate).
struct RingFlow {
    std::map<std::string, double> channels;
    double payloadBytesTimesRate = 0;

    double total() const
    {
        double sum = 0;
        for (const auto &[channel, rate] : channels)
            sum += rate;
        return sum;
    }
    double payloadBytes() const { return total() > 0 ? payloadBytesTimesRate / total() : 0; }
};

bool lets(const ConsumerPlan &consumer, const std::string &channel)
{
    return consumer.channelFilter.empty()
        || (consumer.prefixFilter ? channel.starts_with(consumer.channelFilter) : channel == consumer.channelFilter);
}

/// What `consumer` lets through of `flow`: the events its workload runs on (and forwards).
RingFlow filtered(const RingFlow &flow, const ConsumerPlan &consumer)
{
    RingFlow out;
    for (const auto &[channel, rate] : flow.channels)
        if (lets(consumer, channel))
            out.channels[channel] = rate;
    out.payloadBytesTimesRate = out.total() * flow.payloadBytes();
    return out;
}

/// A producer's events/s when nothing downstream holds it back: its rate, or as fast as it can publish.
double producerDemand(const ProducerPlan &producer, const CapacityConstants &constants)
{
    const double fastest = 1e9 / constants.publishNs(producer.batch);
    const double rate = liveValue(producer.live, "rate");
    return producer.threads * (rate > 0 ? std::min(rate, fastest) : fastest);
}

/// What arrives in each ring while every producer publishes at its demand: rings come in data-flow
/// order, so a forwarder's own ring is known before the ring it forwards into.
std::map<std::string, RingFlow> ringFlows(const Plan &plan, const CapacityConstants &constants)
{
    std::map<std::string, RingFlow> flows;
    for (const RingPlan &ring : plan.rings) {
        RingFlow &flow = flows[ring.id];
        for (const ProducerPlan &producer : plan.producers) {
            if (producer.ring != ring.id)
                continue;
            const double demand = producerDemand(producer, constants);
            flow.channels[producer.channel] += demand;
            flow.payloadBytesTimesRate += demand * static_cast<double>(producer.payloadBytes);
        }
        for (const ConsumerPlan &consumer : plan.consumers) {
            if (consumer.forwardTo != ring.id)
                continue;
            const RingFlow passed = filtered(flows[consumer.ring], consumer);
            for (const auto &[channel, rate] : passed.channels)
                flow.channels[channel] += rate;
            flow.payloadBytesTimesRate += passed.payloadBytesTimesRate;
        }
    }
    return flows;
}

/// One consumer's costs, per event of its ring and per event its workload runs on.
struct ConsumerCost {
    double inflow = 0; ///< its ring's events/s at the producers' demand
    double share = 1; ///< of those, the part its workload runs on
    double cpuNs = 0; ///< per handled event: the workload's CPU time and forwarding
    double sleepNs = 0; ///< per handled event: time asleep
    int threads = 1; ///< threads sharing the events
    bool spins = false; ///< its threads spin while they wait (busy-spin): a core each

    double perEventNs(const CapacityConstants &c) const { return c.consumerEventNs + share * (cpuNs + sleepNs); }
    double ceiling(const CapacityConstants &c) const { return threads * 1e9 / perEventNs(c); }
    double cpuPerEventNs(const CapacityConstants &c) const { return c.consumerEventNs + share * cpuNs; }
};

ConsumerCost consumerCost(const Plan &plan, const ConsumerPlan &consumer, const RingFlow &flow,
    const CapacityConstants &constants, double coreShare)
{
    ConsumerCost cost;
    cost.inflow = flow.total();
    cost.share = cost.inflow > 0 ? filtered(flow, consumer).total() / cost.inflow : 1;
    cost.threads = consumer.sharesEvents ? std::max(1, consumer.threads) : 1;
    for (WorkloadStep step : consumer.workload.steps) {
        if (step == WorkloadStep::Busy)
            cost.cpuNs += liveValue(consumer.live, "cost") / coreShare;
        else if (step == WorkloadStep::Sleep)
            cost.sleepNs += liveValue(consumer.live, "sleep") * 1e3 + constants.sleepOvershootNs;
        else if (step == WorkloadStep::Checksum)
            cost.cpuNs += constants.checksumNsPerByte * flow.payloadBytes();
    }
    if (!consumer.forwardTo.empty())
        cost.cpuNs += constants.publishNs(1);
    // A polled stage's loop waits in the ring's strategy as a processor does; an async stage's loop
    // never does (it hands its pool thread on and looks again later), so it never holds a core.
    const RingPlan *ring = plan.findRing(consumer.ring);
    cost.spins = ring && ring->waitStrategy == "busy-spin" && !consumer.async;
    return cost;
}

/// Fills in each node's figures at `scale` times the producers' demand.
void setNodeFigures(CapacityPrediction &prediction, const Plan &plan, const std::vector<ConsumerCost> &costs,
    const CapacityConstants &constants, double scale)
{
    prediction.nodes.clear();
    prediction.cpuCores = 0;
    for (const ProducerPlan &producer : plan.producers) {
        NodePrediction node {producer.id, NodeRole::Producer, constants.publishNs(producer.batch), 0, 0, 0};
        node.ceiling = producerDemand(producer, constants);
        node.eventsPerSecond = node.ceiling * scale;
        node.cpuCores = node.eventsPerSecond * node.serviceNs * 1e-9;
        prediction.nodes.push_back(node);
    }
    for (std::size_t i = 0; i < plan.consumers.size(); ++i) {
        const ConsumerCost &cost = costs[i];
        NodePrediction node {plan.consumers[i].id, NodeRole::Consumer, 0, cost.ceiling(constants), 0, 0};
        node.serviceNs = cost.share > 0 ? cost.perEventNs(constants) / cost.share : constants.consumerEventNs;
        node.eventsPerSecond = cost.inflow * scale;
        node.cpuCores = cost.spins ? cost.threads : node.eventsPerSecond * cost.cpuPerEventNs(constants) * 1e-9;
        prediction.nodes.push_back(node);
    }
    for (const NodePrediction &node : prediction.nodes)
        prediction.cpuCores += node.cpuCores;
}

/// The producer that sets the pace when no consumer does: the one publishing most.
std::size_t busiestProducer(const CapacityPrediction &prediction, std::size_t producers)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < producers; ++i)
        if (prediction.nodes[i].ceiling > prediction.nodes[best].ceiling)
            best = i;
    return best;
}

/// The constants as a thread that gets `coreShare` of a core sees them: every CPU cost stretched.
CapacityConstants stretched(CapacityConstants constants, double coreShare)
{
    constants.consumerEventNs /= coreShare;
    constants.publishEventNs /= coreShare;
    constants.publishBatchedNs /= coreShare;
    constants.checksumNsPerByte /= coreShare;
    return constants;
}

} // namespace

CapacityPrediction predictCapacity(
    const Plan &plan, const CapacityConstants &machineConstants, int cores, double coreShare)
{
    coreShare = std::clamp(coreShare, kMinCoreShare, 1.0);
    const CapacityConstants constants = stretched(machineConstants, coreShare);
    const std::map<std::string, RingFlow> flows = ringFlows(plan, constants);
    std::vector<ConsumerCost> costs;
    double scale = 1; // of the producers' demand that the slowest consumer lets through
    std::optional<std::size_t> limiting;
    for (std::size_t i = 0; i < plan.consumers.size(); ++i) {
        costs.push_back(consumerCost(plan, plan.consumers[i], flows.at(plan.consumers[i].ring), constants, coreShare));
        const ConsumerCost &cost = costs.back();
        if (cost.inflow > 0 && cost.ceiling(constants) / cost.inflow < scale) {
            scale = cost.ceiling(constants) / cost.inflow;
            limiting = i;
        }
    }
    CapacityPrediction prediction;
    setNodeFigures(prediction, plan, costs, constants, scale);
    double demand = 0;
    for (const ProducerPlan &producer : plan.producers)
        demand += producerDemand(producer, constants);
    if (limiting) {
        const NodePrediction &node = prediction.nodes[plan.consumerIndex(*limiting)];
        prediction.limit = node.id;
        prediction.reason = "'" + node.id + "' handles at most " + siNumber(node.ceiling, 3) + " events/s";
    } else if (!plan.producers.empty()) {
        const std::size_t producer = busiestProducer(prediction, plan.producers.size());
        prediction.limit = plan.producers[producer].id;
        prediction.reason = liveValue(plan.producers[producer].live, "rate") > 0
            ? "the producers publish at their rates"
            : "'" + prediction.limit + "' publishes at most " + siNumber(prediction.nodes[producer].ceiling, 3)
                + " events/s";
    }
    const double needed = prediction.cpuCores;
    if (cores > 0 && needed > cores) {
        // Threads that outnumber the cores share them: every thread gets cores/needed of what it needs.
        scale *= static_cast<double>(cores) / needed;
        setNodeFigures(prediction, plan, costs, constants, scale);
        prediction.coreBound = true;
        prediction.reason += "; its threads would need " + fixedNumber(needed, 1) + " cores, the machine has "
            + std::to_string(cores);
    }
    prediction.cpuCores = needed;
    prediction.coreShare = coreShare;
    prediction.eventsPerSecond = demand * scale;
    return prediction;
}

} // namespace ringflow::pipeline
