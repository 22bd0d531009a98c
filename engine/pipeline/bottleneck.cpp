#include "bottleneck.h"

#include "text_format.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <vector>

namespace ringflow::pipeline {

namespace {

std::string percent(double fraction)
{
    return std::to_string(std::lround(std::clamp(fraction, 0.0, 1.0) * 100)) + "%";
}

/// Who waits when `ring` is full: the producers and forwarding stages that publish into it.
std::string publishersOf(const RingPlan &ring)
{
    std::vector<std::string> names = ring.producers;
    names.insert(names.end(), ring.forwarders.begin(), ring.forwarders.end());
    if (names.size() == 1)
        return "'" + names.front() + "' waits";
    return "its publishers wait";
}

struct Candidate {
    const ConsumerPlan *plan;
    const NodeFigures *rates;
    std::int64_t slots;
    double ownBacklog; ///< fraction of the slots
    double score;
};

std::string reasonFor(const Candidate &candidate, const Plan &plan)
{
    const ConsumerPlan &consumer = *candidate.plan;
    const NodeFigures &rates = *candidate.rates;
    std::string text = "Bottleneck: ";
    text += consumer.threads > 1 ? "its " + std::to_string(consumer.threads) + " threads are busy " : "busy ";
    text += percent(rates.busyFraction) + " of the time; backlog " + groupedDigits(rates.backlog) + " of "
        + groupedDigits(candidate.slots) + " slots on ring '" + consumer.ring + "' — ";

    const double filled = candidate.slots > 0 ? static_cast<double>(rates.backlog) / candidate.slots : 0;
    const RingPlan *ring = plan.findRing(consumer.ring);
    const bool stalled = rates.eventsPerSecond <= 0 && rates.backlog > 0;
    if (filled >= kFullRingFraction)
        text += std::string(stalled ? "it handles no events and " : "") + "the ring is full, so "
            + (ring ? publishersOf(*ring) : std::string("its publishers wait")) + " for it.";
    else if (stalled)
        text += "it handles no events while they pile up.";
    else if (filled >= kBottleneckThreshold)
        text += "events are piling up in front of it.";
    else if (rates.busyFraction >= kFullRingFraction)
        text += "it has no spare time left, so any more load will back up.";
    else
        text += "it has the least spare time of all stages.";
    return text;
}

} // namespace

std::optional<Bottleneck> findBottleneck(const Frame &frame, const Plan &plan)
{
    if (frame.nodes.size() != plan.nodeCount())
        return std::nullopt;
    const bool moving = std::any_of(frame.nodes.begin(), frame.nodes.end(),
        [](const NodeFigures &node) { return node.eventsPerSecond > 0 || node.backlog > 0; });
    if (!moving)
        return std::nullopt;
    const auto fillOf = [&](const std::string &ring) {
        const auto index = plan.ringIndex(ring);
        return index && *index < frame.rings.size() ? frame.rings[*index].fillFraction : 0.0;
    };
    const auto backlogOf = [&](const std::string &id) -> std::int64_t {
        const auto index = plan.nodeIndex(id);
        return index ? frame.nodes[*index].backlog : 0;
    };

    std::optional<Candidate> best;
    for (std::size_t i = 0; i < plan.consumers.size(); ++i) {
        const ConsumerPlan &consumer = plan.consumers[i];
        if (!consumer.forwardTo.empty() && fillOf(consumer.forwardTo) >= kFullRingFraction)
            continue;
        const NodeFigures &node = frame.nodes[plan.consumerIndex(i)];
        const RingPlan *ring = plan.findRing(consumer.ring);
        const std::int64_t slots = ring ? ring->bufferSize : 0;
        std::int64_t inherited = 0;
        for (const std::string &upstream : consumer.upstream)
            inherited = std::max(inherited, backlogOf(upstream));
        const std::int64_t own = std::max<std::int64_t>(0, node.backlog - inherited);
        const double ownFraction = slots > 0 ? std::min(1.0, static_cast<double>(own) / slots) : 0;
        const Candidate candidate {
            &consumer, &node, slots, ownFraction, std::max(std::clamp(node.busyFraction, 0.0, 1.0), ownFraction)};
        // Strictly better only: on a full tie the consumer first in the plan stays.
        const auto key = [](const Candidate &c) { return std::tuple(c.score, c.rates->busyFraction, c.ownBacklog); };
        if (!best || key(candidate) > key(*best))
            best = candidate;
    }
    if (!best || best->score < kBottleneckThreshold)
        return std::nullopt;
    return Bottleneck {
        best->plan->id, reasonFor(*best, plan), best->rates->busyFraction, best->rates->backlog, best->score};
}

} // namespace ringflow::pipeline
