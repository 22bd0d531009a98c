#include "runtime_parts.h"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

namespace ringflow::pipeline::detail {

namespace {

using HandlerGroup = RingDisruptor::HandlerGroup;

std::unique_ptr<core::Sequencer> makeSequencer(const RingPlan &ring)
{
    auto waitStrategy = core::makeWaitStrategy(ring.waitStrategy);
    if (!waitStrategy)
        throw std::invalid_argument("ring '" + ring.id + "': unknown wait strategy '" + ring.waitStrategy + "'");
    if (ring.multiProducer)
        return std::make_unique<core::MultiProducerSequencer>(ring.bufferSize, std::move(waitStrategy));
    return std::make_unique<core::SingleProducerSequencer>(ring.bufferSize, std::move(waitStrategy));
}

std::unique_ptr<RingPart> buildRing(const RingPlan &plan, const core::ErrorHandler &onError)
{
    auto part = std::make_unique<RingPart>();
    part->plan = &plan;
    // Each slot owns a fixed region of the arena, so that publishing never allocates.
    const auto capacity = static_cast<std::size_t>(std::max<std::int64_t>(0, plan.payloadCapacity));
    part->arena = std::make_unique<std::byte[]>(capacity * static_cast<std::size_t>(plan.bufferSize));
    part->payloads = {part->arena.get(), static_cast<std::uint32_t>(capacity), plan.bufferSize - 1};
    part->disruptor = std::make_unique<RingDisruptor>(makeSequencer(plan));
    part->disruptor->setErrorHandler(onError);
    return part;
}

RingPart &ringNamed(const RuntimeParts &parts, const std::string &id, const std::string &user)
{
    for (const auto &ring : parts.rings)
        if (ring->plan->id == id)
            return *ring;
    throw std::invalid_argument(user + ": unknown ring '" + id + "'");
}

std::uint32_t channelId(std::vector<std::string> &channels, const std::string &name)
{
    const auto found = std::find(channels.begin(), channels.end(), name);
    if (found != channels.end())
        return static_cast<std::uint32_t>(found - channels.begin());
    channels.push_back(name);
    return static_cast<std::uint32_t>(channels.size() - 1);
}

// Which channel ids the consumer accepts; every producer's channel is interned first, so that the
// table covers every id an event can carry.
std::vector<bool> channelTable(const ConsumerPlan &consumer, RuntimeParts &parts)
{
    std::vector<bool> accepts;
    for (const std::string &name : parts.channels)
        accepts.push_back(
            consumer.prefixFilter ? name.starts_with(consumer.channelFilter) : name == consumer.channelFilter);
    return accepts;
}

void buildHandlers(ConsumerPart &part, std::uint64_t &seed)
{
    const ConsumerPlan &plan = *part.plan;
    const int threads = plan.sharesEvents ? std::max(1, plan.threads) : 1;
    for (int i = 0; i < threads; ++i) {
        part.counters.push_back(std::make_unique<ConsumerCounters>());
        // Distinct seeds, so that the workers of a pool do not fail on the same events.
        const std::uint64_t workloadSeed = seed++ * 0x9E3779B97F4A7C15ULL;
        if (plan.batchHandling && !plan.sharesEvents)
            part.batchHandlers.push_back(std::make_unique<BatchConsumer>(
                part.route, *part.counters.back(), plan.workload, *part.live, workloadSeed));
        else
            part.eventHandlers.push_back(std::make_unique<EventConsumer>(
                part.route, *part.counters.back(), plan.workload, *part.live, workloadSeed));
    }
}

// Hangs the consumer's processors on its ring's disruptor, after the groups of its upstream consumers.
HandlerGroup addToDisruptor(ConsumerPart &part, const std::map<std::string, HandlerGroup> &groups)
{
    const ConsumerPlan &plan = *part.plan;
    const core::StageOptions options {plan.id, plan.policy, plan.maxBatch};
    RingDisruptor &disruptor = *part.ring->disruptor;
    std::optional<HandlerGroup> upstream;
    for (const std::string &id : plan.upstream) {
        const auto found = groups.find(id);
        if (found == groups.end())
            throw std::invalid_argument("consumer '" + plan.id + "': upstream '" + id
                + "' is not an earlier consumer of ring '" + plan.ring + "'");
        upstream = upstream ? (*upstream & found->second) : found->second;
    }
    if (plan.sharesEvents) {
        std::vector<EventConsumer *> workers;
        for (auto &handler : part.eventHandlers)
            workers.push_back(handler.get());
        const std::span<EventConsumer *const> span(workers);
        return upstream ? upstream->thenWorkerPool(options, span) : disruptor.handleEventsWithWorkerPool(options, span);
    }
    if (!part.batchHandlers.empty()) {
        auto configured = core::configure(*part.batchHandlers.front(), options);
        return upstream ? upstream->then(configured) : disruptor.handleEventsWith(configured);
    }
    auto configured = core::configure(*part.eventHandlers.front(), options);
    return upstream ? upstream->then(configured) : disruptor.handleEventsWith(configured);
}

} // namespace

RuntimeParts::RuntimeParts(const Plan &plan, const core::ErrorHandler &onError)
{
    for (const RingPlan &ringPlan : plan.rings)
        rings.push_back(buildRing(ringPlan, onError));

    std::uint32_t source = 0;
    for (const ProducerPlan &producerPlan : plan.producers) {
        auto part = std::make_unique<ProducerPart>();
        part->plan = &producerPlan;
        part->ring = &ringNamed(*this, producerPlan.ring, "producer '" + producerPlan.id + "'");
        part->live = std::make_unique<LiveControls>(producerPlan.live);
        part->channel = channelId(channels, producerPlan.channel);
        part->firstSource = source;
        source += static_cast<std::uint32_t>(producerPlan.threads);
        for (int i = 0; i < producerPlan.threads; ++i)
            part->counters.push_back(std::make_unique<ProducerCounters>());
        producers.push_back(std::move(part));
    }

    std::map<std::string, HandlerGroup> groups;
    std::uint64_t seed = 1;
    for (const ConsumerPlan &consumerPlan : plan.consumers) {
        auto part = std::make_unique<ConsumerPart>();
        part->plan = &consumerPlan;
        const std::string user = "consumer '" + consumerPlan.id + "'";
        part->ring = &ringNamed(*this, consumerPlan.ring, user);
        part->live = std::make_unique<LiveControls>(consumerPlan.live);
        if (!consumerPlan.channelFilter.empty())
            part->route.acceptsChannel = channelTable(consumerPlan, *this);
        part->route.payloads = part->ring->payloads;
        if (!consumerPlan.forwardTo.empty()) {
            RingPart &target = ringNamed(*this, consumerPlan.forwardTo, user);
            part->route.forwardTo = &target.ring();
            part->route.forwardPayloads = target.payloads;
        }
        buildHandlers(*part, seed);
        const HandlerGroup group = addToDisruptor(*part, groups);
        part->sequences = group.sequences();
        groups.emplace(consumerPlan.id, group);
        consumers.push_back(std::move(part));
    }
}

} // namespace ringflow::pipeline::detail
