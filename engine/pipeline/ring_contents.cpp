#include "ring_contents.h"

#include "producer_control.h"

#include <algorithm>

namespace ringflow::pipeline {

ProducerChannels::ProducerChannels(const Plan &plan)
{
    for (const ProducerPlan &producer : plan.producers) {
        events.push_back(idOf(producer.channel));
        completions.push_back(producer.completionChannel.empty()
                ? std::nullopt
                : std::optional<std::uint32_t>(idOf(producer.completionChannel)));
    }
}

std::uint32_t ProducerChannels::idOf(const std::string &name)
{
    const auto found = std::find(names.begin(), names.end(), name);
    if (found != names.end())
        return static_cast<std::uint32_t>(found - names.begin());
    names.push_back(name);
    return static_cast<std::uint32_t>(names.size() - 1);
}

RingContents contentsOf(const Plan &plan, const ProducerChannels &producerChannels)
{
    RingContents contents {std::vector<std::set<std::uint32_t>>(plan.rings.size()),
        std::vector<std::set<std::uint32_t>>(plan.rings.size())};
    const auto capacityOf = [&](std::size_t ring) {
        return static_cast<std::uint32_t>(std::max<std::int64_t>(0, plan.rings[ring].payloadCapacity));
    };
    for (std::size_t i = 0; i < plan.producers.size(); ++i) {
        const std::size_t ring = *plan.ringIndex(plan.producers[i].ring);
        contents.channels[ring].insert(producerChannels.events[i]);
        contents.payloadSizes[ring].insert(
            static_cast<std::uint32_t>(std::min<std::int64_t>(plan.producers[i].payloadBytes, capacityOf(ring))));
        if (const std::optional<std::uint32_t> completion = producerChannels.completions[i]) {
            contents.channels[ring].insert(*completion);
            contents.payloadSizes[ring].insert(std::min(kCompletionPayloadBytes, capacityOf(ring)));
        }
    }
    for (std::size_t ring = 0; ring < plan.rings.size(); ++ring) {
        for (const ConsumerPlan &consumer : plan.consumers) {
            if (consumer.forwardTo != plan.rings[ring].id)
                continue;
            const std::size_t source = *plan.ringIndex(consumer.ring);
            contents.channels[ring].insert(contents.channels[source].begin(), contents.channels[source].end());
            for (const std::uint32_t size : contents.payloadSizes[source])
                contents.payloadSizes[ring].insert(std::min(size, capacityOf(ring)));
        }
    }
    return contents;
}

RingSide::Shape shapeOf(const RingPlan &ring, const std::set<std::uint32_t> &channels,
    const std::set<std::uint32_t> &payloadSizes, bool instrumented)
{
    RingSide::Shape shape;
    shape.latencyStamps = instrumented;
    shape.bufferSize = ring.bufferSize;
    shape.payloadCapacity = static_cast<std::uint32_t>(std::max<std::int64_t>(0, ring.payloadCapacity));
    shape.channelPerSlot = channels.size() > 1;
    shape.constantChannel = channels.empty() ? 0 : *channels.begin();
    shape.payloadSizePerSlot = payloadSizes.size() > 1;
    shape.constantPayloadSize = payloadSizes.empty() ? 0 : *payloadSizes.begin();
    return shape;
}

} // namespace ringflow::pipeline
