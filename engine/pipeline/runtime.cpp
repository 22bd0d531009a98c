#include "runtime.h"

#include "consumer_handler.h"
#include "core/disruptor.h"
#include "producer_loop.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace ringflow::pipeline {

namespace {

using Clock = std::chrono::steady_clock;
using RingDisruptor = core::Disruptor<PipelineEvent, core::Sequencer>;

constexpr std::size_t kMaxKeptErrors = 100;

std::unique_ptr<core::Sequencer> makeSequencer(const RingPlan &ring)
{
    auto waitStrategy = core::makeWaitStrategy(ring.waitStrategy);
    if (!waitStrategy)
        throw std::invalid_argument("ring '" + ring.id + "': unknown wait strategy '" + ring.waitStrategy + "'");
    if (ring.multiProducer)
        return std::make_unique<core::MultiProducerSequencer>(ring.slots, std::move(waitStrategy));
    return std::make_unique<core::SingleProducerSequencer>(ring.slots, std::move(waitStrategy));
}

std::string isoTime(std::chrono::system_clock::time_point time)
{
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc {};
    gmtime_r(&seconds, &utc);
    char text[64];
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
        utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    return text;
}

const char *kindName(ConsumerKind kind)
{
    switch (kind) {
    case ConsumerKind::Stage:
        return "stage";
    case ConsumerKind::WorkerPool:
        return "worker-pool";
    case ConsumerKind::Aggregate:
        return "aggregate";
    }
    return "";
}

} // namespace

struct RingNode {
    const RingPlan *plan = nullptr;
    std::unique_ptr<std::byte[]> arena; ///< payloadCapacity bytes per slot
    std::unique_ptr<RingDisruptor> disruptor;

    PipelineRing &ring() const { return disruptor->ringBuffer(); }
};

struct ConsumerNode {
    const ConsumerPlan *plan = nullptr;
    RingNode *ring = nullptr;
    ConsumerRoute route;
    std::vector<std::unique_ptr<ConsumerCounters>> counters; ///< one per thread
    std::vector<std::unique_ptr<EventConsumer>> eventHandlers;
    std::vector<std::unique_ptr<BatchConsumer>> batchHandlers;
    std::vector<const core::Sequence *> sequences; ///< of its processors, for backlog
    std::unique_ptr<LiveControls> controls;
};

struct ProducerNode {
    const ProducerPlan *plan = nullptr;
    RingNode *ring = nullptr;
    ProducerControl control;
    std::unique_ptr<LiveControls> controls;
    std::vector<std::unique_ptr<ProducerCounters>> counters; ///< one per thread
    std::uint32_t channel = 0;
    std::uint32_t firstSource = 0;
};

struct Runtime::Impl {
    std::vector<std::unique_ptr<RingNode>> rings;
    std::vector<std::unique_ptr<ConsumerNode>> consumers;
    std::vector<std::unique_ptr<ProducerNode>> producers;
    std::vector<std::thread> producerThreads;
    std::vector<std::string> channels;

    mutable std::mutex errorMutex;
    std::vector<std::string> errors;
    std::uint64_t errorCount = 0;

    std::mutex finishMutex; ///< stop(), halt() and the destructor may race; one finishes at a time
    std::chrono::system_clock::time_point startedAt;
    Clock::time_point startedClock;

    std::uint32_t channelId(const std::string &name)
    {
        const auto found = std::find(channels.begin(), channels.end(), name);
        if (found != channels.end())
            return static_cast<std::uint32_t>(found - channels.begin());
        channels.push_back(name);
        return static_cast<std::uint32_t>(channels.size() - 1);
    }

    RingNode *ringNode(const std::string &id)
    {
        for (auto &ring : rings)
            if (ring->plan->id == id)
                return ring.get();
        return nullptr;
    }

    void recordError(const core::HandlerError &error)
    {
        std::lock_guard lock(errorMutex);
        ++errorCount;
        if (errors.size() < kMaxKeptErrors)
            errors.push_back(error.describe());
    }

    void haltAll()
    {
        for (auto &producer : producers)
            producer->control.stop.store(true, std::memory_order_release);
        for (auto &ring : rings)
            ring->disruptor->halt();
        for (std::thread &thread : producerThreads)
            if (thread.joinable())
                thread.join();
    }
};

Runtime::Runtime(Plan plan) : m_plan(std::move(plan)), m_impl(std::make_unique<Impl>())
{
    Impl &impl = *m_impl;
    for (const RingPlan &ringPlan : m_plan.rings) {
        auto node = std::make_unique<RingNode>();
        node->plan = &ringPlan;
        const auto capacity = static_cast<std::size_t>(std::max<std::int64_t>(0, ringPlan.payloadCapacity));
        node->arena = std::make_unique<std::byte[]>(capacity * static_cast<std::size_t>(ringPlan.slots));
        std::size_t slot = 0;
        std::byte *arena = node->arena.get();
        node->disruptor = std::make_unique<RingDisruptor>(makeSequencer(ringPlan), [&slot, arena, capacity] {
            PipelineEvent event;
            event.payload = arena + capacity * slot++;
            return event;
        });
        node->disruptor->setErrorHandler([&impl](const core::HandlerError &error) { impl.recordError(error); });
        impl.rings.push_back(std::move(node));
    }

    std::uint32_t source = 0;
    for (const ProducerPlan &producerPlan : m_plan.producers) {
        auto node = std::make_unique<ProducerNode>();
        node->plan = &producerPlan;
        node->ring = impl.ringNode(producerPlan.ring);
        if (!node->ring)
            throw std::invalid_argument("producer '" + producerPlan.id + "': unknown ring '" + producerPlan.ring + "'");
        node->controls = std::make_unique<LiveControls>(producerPlan.live);
        node->channel = impl.channelId(producerPlan.channel);
        node->firstSource = source;
        source += static_cast<std::uint32_t>(producerPlan.threads);
        for (int i = 0; i < producerPlan.threads; ++i)
            node->counters.push_back(std::make_unique<ProducerCounters>());
        impl.producers.push_back(std::move(node));
    }

    std::map<std::string, RingDisruptor::HandlerGroup> groups;
    std::uint64_t seed = 1;
    for (const ConsumerPlan &consumerPlan : m_plan.consumers) {
        auto node = std::make_unique<ConsumerNode>();
        ConsumerNode &consumer = *node;
        consumer.plan = &consumerPlan;
        consumer.ring = impl.ringNode(consumerPlan.ring);
        consumer.controls = std::make_unique<LiveControls>(consumerPlan.live);
        if (!consumer.ring)
            throw std::invalid_argument("consumer '" + consumerPlan.id + "': unknown ring '" + consumerPlan.ring + "'");
        if (!consumerPlan.channelFilter.empty()) {
            for (const ProducerPlan &producerPlan : m_plan.producers)
                impl.channelId(producerPlan.channel);
            consumer.route.acceptsChannel.resize(impl.channels.size());
            for (std::size_t id = 0; id < impl.channels.size(); ++id) {
                const std::string &name = impl.channels[id];
                consumer.route.acceptsChannel[id] = consumerPlan.prefixFilter
                    ? name.starts_with(consumerPlan.channelFilter)
                    : name == consumerPlan.channelFilter;
            }
        }
        if (!consumerPlan.forwardTo.empty()) {
            RingNode *target = impl.ringNode(consumerPlan.forwardTo);
            if (!target)
                throw std::invalid_argument(
                    "consumer '" + consumerPlan.id + "': unknown forward ring '" + consumerPlan.forwardTo + "'");
            consumer.route.forwardTo = &target->ring();
            consumer.route.forwardCapacity = static_cast<std::uint32_t>(target->plan->payloadCapacity);
        }

        const int threads = consumerPlan.kind == ConsumerKind::WorkerPool ? std::max(1, consumerPlan.threads) : 1;
        for (int i = 0; i < threads; ++i) {
            consumer.counters.push_back(std::make_unique<ConsumerCounters>());
            const std::uint64_t workloadSeed = seed++ * 0x9E3779B97F4A7C15ULL;
            if (consumerPlan.batchHandling && consumerPlan.kind != ConsumerKind::WorkerPool)
                consumer.batchHandlers.push_back(std::make_unique<BatchConsumer>(consumer.route,
                    *consumer.counters.back(), consumerPlan.workload, *consumer.controls, workloadSeed));
            else
                consumer.eventHandlers.push_back(std::make_unique<EventConsumer>(consumer.route,
                    *consumer.counters.back(), consumerPlan.workload, *consumer.controls, workloadSeed));
        }

        core::StageOptions options {consumerPlan.id, consumerPlan.policy, consumerPlan.maxBatch};
        RingDisruptor &disruptor = *consumer.ring->disruptor;
        std::optional<RingDisruptor::HandlerGroup> upstream;
        for (const std::string &id : consumerPlan.upstream) {
            const auto found = groups.find(id);
            if (found == groups.end())
                throw std::invalid_argument("consumer '" + consumerPlan.id + "': upstream '" + id
                    + "' is not an earlier consumer of ring '" + consumerPlan.ring + "'");
            upstream = upstream ? (*upstream & found->second) : found->second;
        }
        std::optional<RingDisruptor::HandlerGroup> group;
        if (consumerPlan.kind == ConsumerKind::WorkerPool) {
            std::vector<EventConsumer *> workers;
            for (auto &handler : consumer.eventHandlers)
                workers.push_back(handler.get());
            const std::span<EventConsumer *const> span(workers);
            group = upstream ? upstream->thenWorkerPool(options, span)
                             : disruptor.handleEventsWithWorkerPool(options, span);
        } else if (!consumer.batchHandlers.empty()) {
            auto configured = core::configure(*consumer.batchHandlers.front(), options);
            group = upstream ? upstream->then(configured) : disruptor.handleEventsWith(configured);
        } else {
            auto configured = core::configure(*consumer.eventHandlers.front(), options);
            group = upstream ? upstream->then(configured) : disruptor.handleEventsWith(configured);
        }
        consumer.sequences = group->sequences();
        groups.emplace(consumerPlan.id, *group);
        impl.consumers.push_back(std::move(node));
    }
}

Runtime::~Runtime()
{
    std::lock_guard lock(m_impl->finishMutex);
    m_impl->haltAll();
}

void Runtime::start()
{
    RunState expected = RunState::Ready;
    if (!m_state.compare_exchange_strong(expected, RunState::Running))
        throw std::logic_error("a pipeline run starts only once");
    Impl &impl = *m_impl;
    impl.startedAt = std::chrono::system_clock::now();
    impl.startedClock = Clock::now();
    // Downstream rings first, so that no forwarding stage publishes into a ring without readers.
    for (auto ring = impl.rings.rbegin(); ring != impl.rings.rend(); ++ring)
        (*ring)->disruptor->start();
    for (auto &producer : impl.producers) {
        for (int i = 0; i < producer->plan->threads; ++i) {
            ProducerThreadSetup setup {*producer->plan, producer->ring->ring(), producer->control,
                producer->controls->get("rate"), *producer->counters[static_cast<std::size_t>(i)], producer->channel,
                producer->firstSource + static_cast<std::uint32_t>(i),
                static_cast<std::uint32_t>(producer->ring->plan->payloadCapacity)};
            impl.producerThreads.emplace_back([setup] { runProducerThread(setup); });
        }
    }
}

void Runtime::pause()
{
    RunState expected = RunState::Running;
    if (m_state.compare_exchange_strong(expected, RunState::Paused))
        for (auto &producer : m_impl->producers)
            producer->control.paused.store(true, std::memory_order_release);
}

void Runtime::resume()
{
    RunState expected = RunState::Paused;
    if (m_state.compare_exchange_strong(expected, RunState::Running))
        for (auto &producer : m_impl->producers)
            producer->control.paused.store(false, std::memory_order_release);
}

bool Runtime::producersFinished() const noexcept
{
    for (const auto &producer : m_impl->producers)
        for (const auto &counters : producer->counters)
            if (!counters->finished.load(std::memory_order_acquire))
                return false;
    return true;
}

bool Runtime::hasFailed() const noexcept
{
    return std::any_of(
        m_impl->rings.begin(), m_impl->rings.end(), [](const auto &ring) { return ring->disruptor->hasFailed(); });
}

bool Runtime::setParameter(const std::string &nodeId, const std::string &param, double value)
{
    for (const auto &producer : m_impl->producers)
        if (producer->plan->id == nodeId)
            return producer->controls->set(param, value);
    for (const auto &consumer : m_impl->consumers)
        if (consumer->plan->id == nodeId)
            return consumer->controls->set(param, value);
    return false;
}

Sample Runtime::sample() const
{
    const Impl &impl = *m_impl;
    Sample sample;
    sample.timeNs = nowNs();
    for (const auto &producer : impl.producers) {
        NodeSample node;
        node.id = producer->plan->id;
        node.role = NodeRole::Producer;
        node.ring = producer->plan->ring;
        node.threads = producer->plan->threads;
        for (const auto &counters : producer->counters)
            node.count += counters->published.load(std::memory_order_relaxed);
        sample.nodes.push_back(std::move(node));
    }
    for (const auto &consumer : impl.consumers) {
        NodeSample node;
        node.id = consumer->plan->id;
        node.ring = consumer->plan->ring;
        node.threads = static_cast<int>(consumer->counters.size());
        for (const auto &counters : consumer->counters) {
            node.count += counters->processed.load(std::memory_order_relaxed);
            node.handled += counters->handled.load(std::memory_order_relaxed);
            node.errors += counters->errors.load(std::memory_order_relaxed);
            node.forwarded += counters->forwarded.load(std::memory_order_relaxed);
            node.busyNs += counters->busyNs.load(std::memory_order_relaxed);
            node.latency.merge(counters->latency.snapshot());
        }
        const std::int64_t cursor = consumer->ring->ring().cursor();
        node.backlog = std::max<std::int64_t>(0, cursor - core::minimumSequence(consumer->sequences, cursor));
        sample.nodes.push_back(std::move(node));
    }
    for (const auto &ring : impl.rings) {
        const core::Sequencer &sequencer = ring->ring().sequencer();
        const std::int64_t cursor = sequencer.cursor();
        sample.rings.push_back({ring->plan->id, ring->plan->slots, cursor,
            std::max<std::int64_t>(0, cursor - sequencer.minimumGatingSequence(cursor))});
    }
    return sample;
}

std::vector<std::string> Runtime::errors() const
{
    std::lock_guard lock(m_impl->errorMutex);
    return m_impl->errors;
}

RunReport Runtime::stop(std::chrono::nanoseconds drainTimeout)
{
    return finish(true, drainTimeout);
}

RunReport Runtime::halt()
{
    return finish(false, {});
}

RunReport Runtime::finish(bool drain, std::chrono::nanoseconds drainTimeout)
{
    Impl &impl = *m_impl;
    std::lock_guard finishing(impl.finishMutex);
    if (m_state.load(std::memory_order_acquire) == RunState::Ready)
        throw std::logic_error("the pipeline was never started");
    const RunState previous = m_state.exchange(RunState::Finished);
    const auto deadline = Clock::now() + drainTimeout;

    bool drained = drain && previous != RunState::Finished;
    for (auto &producer : impl.producers) {
        producer->control.paused.store(false, std::memory_order_release);
        producer->control.stop.store(true, std::memory_order_release);
    }
    // Producers stuck in next() behind a slow stage get until the deadline; then everything halts.
    while (drained && !producersFinished() && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    drained = drained && producersFinished();
    for (auto &ring : impl.rings) {
        if (drained)
            drained = ring->disruptor->shutdown(std::max(Clock::duration::zero(), deadline - Clock::now()));
        else
            ring->disruptor->halt();
    }
    impl.haltAll();
    const auto stoppedAt = std::chrono::system_clock::now();
    const auto elapsedNs
        = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - impl.startedClock).count();

    const Sample last = sample();
    RunReport report;
    report.pipeline = m_plan.name;
    report.started = isoTime(impl.startedAt);
    report.stopped = isoTime(stoppedAt);
    report.elapsedNs = elapsedNs;
    report.drained = drained;
    const double seconds = static_cast<double>(elapsedNs) * 1e-9;

    std::map<std::string, std::uint64_t> received; // per ring
    for (const NodeSample &node : last.nodes) {
        if (node.role == NodeRole::Producer) {
            report.totalEvents += node.count;
            received[node.ring] += node.count;
        }
    }
    for (const auto &consumer : impl.consumers) {
        if (consumer->route.forwardTo) {
            const auto found = std::find_if(
                last.nodes.begin(), last.nodes.end(), [&](const NodeSample &n) { return n.id == consumer->plan->id; });
            received[consumer->plan->forwardTo] += found->forwarded;
        }
    }
    std::map<std::string, std::uint64_t> slowest; // per ring, the least processed by a consumer
    for (const NodeSample &node : last.nodes) {
        NodeReport entry;
        entry.id = node.id;
        entry.ring = node.ring;
        entry.count = node.count;
        entry.handled = node.handled;
        entry.errors = node.errors;
        entry.forwarded = node.forwarded;
        const NodeRates rates = ratesBetween(NodeSample {}, node, seconds);
        entry.eventsPerSecond = rates.eventsPerSecond;
        entry.busyFraction = rates.busyFraction;
        entry.p50Ns = rates.p50Ns;
        entry.p90Ns = rates.p90Ns;
        entry.p99Ns = rates.p99Ns;
        entry.p999Ns = rates.p999Ns;
        entry.maxNs = rates.maxNs;
        if (node.role == NodeRole::Producer) {
            entry.kind = "producer";
        } else {
            entry.kind = kindName(m_plan.findConsumer(node.id)->kind);
            entry.expected = received[node.ring];
            entry.conserved = node.count == entry.expected;
            const auto found = slowest.find(node.ring);
            slowest[node.ring] = found == slowest.end() ? node.count : std::min(found->second, node.count);
            if (drained && !entry.conserved)
                report.problems.push_back("conservation broken: " + entry.kind + " '" + node.id + "' processed "
                    + std::to_string(node.count) + " of the " + std::to_string(entry.expected)
                    + " events its ring received");
        }
        report.nodes.push_back(std::move(entry));
    }
    for (const auto &[ring, count] : slowest)
        report.processed += count;
    report.eventsPerSecond = seconds > 0 ? static_cast<double>(report.totalEvents) / seconds : 0;
    report.nsPerEvent
        = report.totalEvents ? static_cast<double>(elapsedNs) / static_cast<double>(report.totalEvents) : 0;

    {
        std::lock_guard lock(impl.errorMutex);
        report.errors = impl.errors;
        report.errorCount = impl.errorCount;
    }
    for (const auto &ring : impl.rings)
        for (const auto &processor : ring->disruptor->processors())
            if (processor->hasFailed())
                report.problems.push_back("stage '" + processor->name() + "' halted on an error");
    if (drain && !drained && !hasFailed())
        report.problems.push_back("the drain did not complete within the timeout; the pipeline was halted");
    report.ok = drain && report.problems.empty();
    if (!drain)
        report.problems.push_back("the run was halted: pending events were not processed");
    return report;
}

} // namespace ringflow::pipeline
