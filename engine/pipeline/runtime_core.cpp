#include "runtime_core.h"

#include "ring_contents.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <set>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace ringflow::pipeline {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxKeptErrors = 100;

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

std::size_t indexOfRing(const Plan &plan, const std::string &id, const std::string &user)
{
    if (const std::optional<std::size_t> index = plan.ringIndex(id))
        return *index;
    throw std::invalid_argument(user + ": unknown ring '" + id + "'");
}

/// The filter of `consumer`, decided once where the ring carries one channel or the filter takes
/// all or none of the ring's channels, and per event otherwise.
void setFilter(ConsumerRoute &route, const ConsumerPlan &consumer, const std::vector<std::string> &channelNames,
    const std::set<std::uint32_t> &ringChannels)
{
    if (consumer.channelFilter.empty())
        return;
    for (const std::string &name : channelNames)
        route.acceptsChannel.push_back(
            consumer.prefixFilter ? name.starts_with(consumer.channelFilter) : name == consumer.channelFilter);
    const auto accepted = std::count_if(
        ringChannels.begin(), ringChannels.end(), [&](std::uint32_t id) { return route.acceptsChannel[id]; });
    route.acceptsNothing = accepted == 0;
    route.filtersPerEvent = accepted > 0 && static_cast<std::size_t>(accepted) < ringChannels.size();
}

} // namespace

struct RuntimeCore::State {
    /// Handler errors, reported on the stages' threads.
    mutable std::mutex errorMutex;
    std::vector<std::string> errors; ///< the first kMaxKeptErrors
    std::uint64_t errorCount = 0;

    std::vector<std::thread> producerThreads;
    /// The producers' start line: each producer thread waits here until the last one exists.
    std::atomic<bool> producersReleased {false};
    std::mutex finishMutex; ///< stop(), halt() and the destructor may race; one finishes at a time
    std::chrono::system_clock::time_point startedAt;
    Clock::time_point startedClock;
    std::int64_t startedNs = 0; ///< FastClock, as the counters' times

    void record(const core::HandlerError &error)
    {
        std::lock_guard lock(errorMutex);
        ++errorCount;
        if (errors.size() < kMaxKeptErrors)
            errors.push_back(error.describe());
    }
};

RuntimeCore::RuntimeCore(Plan plan, const std::set<std::string> &userNodes)
    : m_plan(std::move(plan)), m_run(std::make_unique<State>())
{
    const ProducerChannels producerChannels(m_plan);
    const std::vector<std::string> &channelNames = producerChannels.names;
    const RingContents contents = contentsOf(m_plan, producerChannels);
    for (std::size_t i = 0; i < m_plan.rings.size(); ++i)
        m_rings.push_back(ringPart(i,
            shapeOf(m_plan.rings[i], contents.channels[i], contents.payloadSizes[i], m_plan.instrumented), userNodes));
    for (std::size_t i = 0; i < m_plan.producers.size(); ++i) {
        const ProducerPlan &producer = m_plan.producers[i];
        detail::ProducerPart part {&producer, indexOfRing(m_plan, producer.ring, "producer '" + producer.id + "'"),
            std::make_unique<ProducerControl>(), std::make_unique<LiveControls>(producer.live), {},
            producerChannels.events[i], producerChannels.completions[i], {}};
        for (int thread = 0; thread < producer.threads; ++thread)
            part.counters.push_back(std::make_unique<ProducerCounters>());
        m_producers.push_back(std::move(part));
    }
    for (const ConsumerPlan &consumer : m_plan.consumers) {
        const std::string user = "consumer '" + consumer.id + "'";
        detail::ConsumerPart part {&consumer, indexOfRing(m_plan, consumer.ring, user),
            consumer.forwardTo.empty() ? 0 : indexOfRing(m_plan, consumer.forwardTo, user),
            std::make_unique<LiveControls>(consumer.live), {}, std::make_unique<ConsumerRoute>(), {}};
        const int threads = consumer.sharesEvents ? std::max(1, consumer.threads) : 1;
        for (int thread = 0; thread < threads; ++thread)
            part.counters.push_back(std::make_unique<ConsumerCounters>());
        part.route->side = m_rings[part.ring].side.get();
        part.route->instrumented = m_plan.instrumented;
        part.route->maxRewinds = consumer.rewindRetries;
        part.route->rewindsFromFailure = consumer.polled;
        setFilter(*part.route, consumer, channelNames, contents.channels[part.ring]);
        if (!consumer.forwardTo.empty())
            part.route->forwardSide = m_rings[part.forwardRing].side.get();
        m_consumers.push_back(std::move(part));
    }
}

detail::RingPart RuntimeCore::ringPart(
    std::size_t i, const RingSide::Shape &shape, const std::set<std::string> &userNodes)
{
    const RingPlan &ring = m_plan.rings[i];
    detail::RingPart part {&ring, nullptr, nullptr, std::nullopt};
    // A forwarding stage bound to a user's handler keeps copying: the handler may leave events out.
    if (ring.payloadOf.empty() || (ring.forwarders.size() == 1 && userNodes.contains(ring.forwarders.front()))) {
        part.side = std::make_unique<RingSide>(shape);
        return part;
    }
    if (ring.forwarders.size() != 1)
        throw std::invalid_argument("ring '" + ring.id + "' shares payloads, so it needs exactly one forwarding "
            + "stage as its publisher, and it has " + std::to_string(ring.forwarders.size()));
    const ConsumerPlan *forwarder = m_plan.findConsumer(ring.forwarders.front());
    if (!forwarder)
        throw std::invalid_argument("ring '" + ring.id + "' is fed by forwarding stage '" + ring.forwarders.front()
            + "', which the plan does not have");
    // Rings come in data-flow order, so the source's side is built (shared or not) already.
    const std::size_t source = indexOfRing(m_plan, forwarder->ring, "consumer '" + forwarder->id + "'");
    if (source >= i)
        throw std::invalid_argument("ring '" + ring.id + "' shares the payloads of ring '" + forwarder->ring
            + "', which must come before it in the plan (rings are in data-flow order)");
    part.side = std::make_unique<RingSide>(shape, *m_rings[source].side);
    part.payloadsOf = m_rings[source].payloadsOf.value_or(source);
    return part;
}

RuntimeCore::~RuntimeCore()
{
    haltAll();
}

core::ErrorHandler RuntimeCore::errorHandler()
{
    return [state = m_run.get()](const core::HandlerError &error) { state->record(error); };
}

void RuntimeCore::haltAll()
{
    for (detail::ProducerPart &producer : m_producers) {
        producer.control->paused.store(false, std::memory_order_release);
        producer.control->stop.store(true, std::memory_order_release);
        producer.control->wake();
    }
    for (detail::RingPart &ring : m_rings)
        if (ring.ring)
            ring.ring->halt();
    stopProducers();
}

void RuntimeCore::stopProducers()
{
    // The rings are halted: a producer waiting for space leaves next() with Halted. One still at the
    // start line (creating a later thread failed) is let go and finds the stop before publishing.
    releaseProducers();
    for (std::thread &thread : m_run->producerThreads)
        if (thread.joinable())
            thread.join();
}

void RuntimeCore::start()
{
    RunState expected = RunState::Ready;
    if (!m_state.compare_exchange_strong(expected, RunState::Running))
        throw std::logic_error("a pipeline run starts only once");
    m_run->startedAt = std::chrono::system_clock::now();
    m_run->startedClock = Clock::now();
    m_run->startedNs = FastClock::nowNs();
    try {
        startThreads();
    } catch (const std::system_error &error) {
        // The machine refused a thread (its limit, or no memory for a stack): stop and join every
        // thread already started, so that the failure leaves nothing running behind.
        m_state.store(RunState::Finished, std::memory_order_release);
        haltAll();
        throw std::runtime_error("could not start the pipeline's threads (" + std::to_string(m_plan.threadCount())
            + " needed): " + error.what() + "; the threads already started were stopped");
    }
}

void RuntimeCore::startThreads()
{
    // Downstream rings first, so that no forwarding stage publishes into a ring without readers.
    for (auto ring = m_rings.rbegin(); ring != m_rings.rend(); ++ring)
        ring->ring->start();
    m_run->producerThreads.reserve(static_cast<std::size_t>(m_plan.threadCount()));
    for (detail::ProducerPart &producer : m_producers)
        for (std::size_t thread = 0; thread < producer.counters.size(); ++thread)
            m_run->producerThreads.emplace_back([&producer, thread, &released = m_run->producersReleased] {
                released.wait(false, std::memory_order_acquire);
                producer.run(thread);
            });
    releaseProducers();
}

void RuntimeCore::releaseProducers() noexcept
{
    // The producer threads set off together once the last of them exists. Released as they were
    // created, the first ones published while the rest were still being made: with more threads
    // than cores the creating thread then competes with them for a core, and the window in which
    // events flow held the creation of every later thread (the dispatcher demo's 256 emitters read
    // half their rate, docs/benchmarks-pipelines.md). Creation now counts as start-up, reported apart.
    m_run->producersReleased.store(true, std::memory_order_release);
    m_run->producersReleased.notify_all();
}

void RuntimeCore::pause()
{
    RunState expected = RunState::Running;
    if (!m_state.compare_exchange_strong(expected, RunState::Paused))
        return;
    for (detail::ProducerPart &producer : m_producers) {
        producer.control->paused.store(true, std::memory_order_release);
        producer.control->wake();
    }
}

void RuntimeCore::resume()
{
    RunState expected = RunState::Paused;
    if (!m_state.compare_exchange_strong(expected, RunState::Running))
        return;
    for (detail::ProducerPart &producer : m_producers) {
        producer.control->paused.store(false, std::memory_order_release);
        producer.control->wake();
    }
}

bool RuntimeCore::producersFinished() const noexcept
{
    for (const detail::ProducerPart &producer : m_producers)
        for (const auto &counters : producer.counters)
            if (!counters->finished.load(std::memory_order_acquire))
                return false;
    return true;
}

bool RuntimeCore::hasFailed() const noexcept
{
    return std::any_of(
        m_rings.begin(), m_rings.end(), [](const detail::RingPart &ring) { return ring.ring->hasFailed(); });
}

bool RuntimeCore::setParameter(const std::string &nodeId, const std::string &param, double value)
{
    for (detail::ProducerPart &producer : m_producers) {
        if (producer.plan->id == nodeId) {
            const bool set = producer.live->set(param, value);
            producer.control->wake(); // a producer pacing itself to the old rate re-plans at once
            return set;
        }
    }
    for (detail::ConsumerPart &consumer : m_consumers)
        if (consumer.plan->id == nodeId)
            return consumer.live->set(param, value);
    return false;
}

Sample RuntimeCore::sample() const
{
    Sample sample;
    sample.timeNs = FastClock::nowNs();
    for (const detail::ProducerPart &producer : m_producers) {
        NodeCounts &node = sample.nodes.emplace_back();
        node.threads = producer.plan->threads;
        for (const auto &counters : producer.counters) {
            node.count += counters->published.load(std::memory_order_relaxed);
            node.dropped += counters->dropped.load(std::memory_order_relaxed);
            const std::int64_t first = counters->firstPublishNs.load(std::memory_order_relaxed);
            if (first != 0 && (node.firstPublishNs == 0 || first < node.firstPublishNs))
                node.firstPublishNs = first;
        }
    }
    for (const detail::ConsumerPart &consumer : m_consumers) {
        NodeCounts &node = sample.nodes.emplace_back();
        node.threads = static_cast<int>(consumer.counters.size());
        for (const auto &counters : consumer.counters) {
            node.count += counters->processed.load(std::memory_order_relaxed);
            node.handled += counters->handled.load(std::memory_order_relaxed);
            node.errors += counters->errors.load(std::memory_order_relaxed);
            node.forwarded += counters->forwarded.load(std::memory_order_relaxed);
            node.rewinds += counters->rewinds.load(std::memory_order_relaxed);
            node.busyNs += counters->busyNs.load(std::memory_order_relaxed);
            node.latency.merge(counters->latency.snapshot());
            node.lastBatchEndNs
                = std::max(node.lastBatchEndNs, counters->lastBatchEndNs.load(std::memory_order_relaxed));
        }
        const std::int64_t cursor = m_rings[consumer.ring].ring->sequencer().cursor();
        node.backlog = std::max<std::int64_t>(0, cursor - core::minimumSequence(consumer.sequences, cursor));
    }
    for (const detail::RingPart &ring : m_rings) {
        const core::Sequencer &sequencer = ring.ring->sequencer();
        const std::int64_t cursor = sequencer.cursor();
        sample.rings.push_back({ring.plan->bufferSize, cursor,
            std::max<std::int64_t>(0, cursor - sequencer.minimumGatingSequence(cursor))});
    }
    return sample;
}

std::vector<std::string> RuntimeCore::errors() const
{
    std::lock_guard lock(m_run->errorMutex);
    return m_run->errors;
}

RunReport RuntimeCore::stop(std::chrono::nanoseconds drainTimeout)
{
    return finish(true, drainTimeout);
}

RunReport RuntimeCore::halt()
{
    return finish(false, {});
}

RunReport RuntimeCore::finish(bool drain, std::chrono::nanoseconds drainTimeout)
{
    std::lock_guard finishing(m_run->finishMutex);
    if (m_state.load(std::memory_order_acquire) == RunState::Ready)
        throw std::logic_error("the pipeline was never started");
    const RunState previous = m_state.exchange(RunState::Finished);
    const auto deadline = Clock::now() + drainTimeout;

    bool drained = drain && previous != RunState::Finished;
    for (detail::ProducerPart &producer : m_producers) {
        producer.control->paused.store(false, std::memory_order_release);
        producer.control->stop.store(true, std::memory_order_release);
        producer.control->wake();
    }
    // Producers stuck in next() behind a slow stage get until the deadline; then everything halts.
    while (drained && !producersFinished() && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    drained = drained && producersFinished();
    // Ring by ring in data-flow order: a ring drains only once the rings forwarding into it have.
    std::vector<std::string> stuck;
    for (detail::RingPart &ring : m_rings) {
        if (drained)
            drained = ring.ring->drain(std::max(Clock::duration::zero(), deadline - Clock::now()));
        for (std::string &stage : ring.ring->halt(kStuckHandlerGrace))
            stuck.push_back(std::move(stage));
    }
    if (stuck.empty())
        haltAll(); // else the destructor joins, once the stuck handlers return
    else
        stopProducers();
    RunEnding end = ending(drain, drained);
    end.stuckStages = std::move(stuck);
    return makeReport(m_plan, sample(), end);
}

RunEnding RuntimeCore::ending(bool drain, bool drained) const
{
    RunEnding ending;
    ending.started = isoTime(m_run->startedAt);
    ending.stopped = isoTime(std::chrono::system_clock::now());
    ending.elapsedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - m_run->startedClock).count();
    ending.startedNs = m_run->startedNs;
    ending.drainRequested = drain;
    ending.drained = drained;
    for (const detail::RingPart &ring : m_rings)
        for (std::string &stage : ring.ring->failedStages())
            ending.failedStages.push_back(std::move(stage));
    std::lock_guard lock(m_run->errorMutex);
    ending.errors = m_run->errors;
    ending.errorCount = m_run->errorCount;
    return ending;
}

} // namespace ringflow::pipeline
