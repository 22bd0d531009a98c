#include "runtime.h"

#include "runtime_parts.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <mutex>
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

} // namespace

struct Runtime::Impl {
    /// Handler errors, reported on the stages' threads.
    struct ErrorLog {
        mutable std::mutex mutex;
        std::vector<std::string> kept; ///< the first kMaxKeptErrors
        std::uint64_t count = 0;

        void record(const core::HandlerError &error)
        {
            std::lock_guard lock(mutex);
            ++count;
            if (kept.size() < kMaxKeptErrors)
                kept.push_back(error.describe());
        }
    };

    explicit Impl(const Plan &plan) : parts(plan, [this](const core::HandlerError &error) { errorLog.record(error); })
    {
    }

    void stopProducers() noexcept
    {
        for (auto &producer : parts.producers) {
            producer->control.paused.store(false, std::memory_order_release);
            producer->control.stop.store(true, std::memory_order_release);
            producer->control.wake();
        }
    }

    void haltAll()
    {
        stopProducers();
        for (auto &ring : parts.rings)
            ring->disruptor->halt();
        for (std::thread &thread : producerThreads)
            if (thread.joinable())
                thread.join();
    }

    ErrorLog errorLog; // declared before the parts, whose handlers report into it
    detail::RuntimeParts parts;
    std::vector<std::thread> producerThreads;
    std::mutex finishMutex; ///< stop(), halt() and the destructor may race; one finishes at a time
    std::chrono::system_clock::time_point startedAt;
    Clock::time_point startedClock;
    std::int64_t startedNs = 0; ///< steady clock, as the counters' times
};

Runtime::Runtime(Plan plan) : m_plan(std::move(plan)), m_impl(std::make_unique<Impl>(m_plan))
{
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
    impl.startedNs = nowNs();
    try {
        startThreads();
    } catch (const std::system_error &error) {
        // The machine refused a thread (its limit, or no memory for a stack): stop and join every
        // thread already started, so that the failure leaves nothing running behind.
        m_state.store(RunState::Finished, std::memory_order_release);
        impl.haltAll();
        throw std::runtime_error("could not start the pipeline's threads (" + std::to_string(m_plan.threadCount())
            + " needed): " + error.what() + "; the threads already started were stopped");
    }
}

void Runtime::startThreads()
{
    Impl &impl = *m_impl;
    // Downstream rings first, so that no forwarding stage publishes into a ring without readers.
    for (auto ring = impl.parts.rings.rbegin(); ring != impl.parts.rings.rend(); ++ring)
        (*ring)->disruptor->start();
    impl.producerThreads.reserve(static_cast<std::size_t>(m_plan.threadCount()));
    for (auto &producer : impl.parts.producers) {
        for (int i = 0; i < producer->plan->threads; ++i) {
            ProducerThreadSetup setup {*producer->plan, producer->ring->ring(), producer->control,
                producer->live->get("rate"), *producer->counters[static_cast<std::size_t>(i)], producer->channel,
                producer->firstSource + static_cast<std::uint32_t>(i), producer->ring->payloads};
            impl.producerThreads.emplace_back([setup] { runProducerThread(setup); });
        }
    }
}

void Runtime::pause()
{
    RunState expected = RunState::Running;
    if (m_state.compare_exchange_strong(expected, RunState::Paused))
        for (auto &producer : m_impl->parts.producers) {
            producer->control.paused.store(true, std::memory_order_release);
            producer->control.wake();
        }
}

void Runtime::resume()
{
    RunState expected = RunState::Paused;
    if (m_state.compare_exchange_strong(expected, RunState::Running))
        for (auto &producer : m_impl->parts.producers) {
            producer->control.paused.store(false, std::memory_order_release);
            producer->control.wake();
        }
}

bool Runtime::producersFinished() const noexcept
{
    for (const auto &producer : m_impl->parts.producers)
        for (const auto &counters : producer->counters)
            if (!counters->finished.load(std::memory_order_acquire))
                return false;
    return true;
}

bool Runtime::hasFailed() const noexcept
{
    const auto &rings = m_impl->parts.rings;
    return std::any_of(rings.begin(), rings.end(), [](const auto &ring) { return ring->disruptor->hasFailed(); });
}

bool Runtime::setParameter(const std::string &nodeId, const std::string &param, double value)
{
    for (const auto &producer : m_impl->parts.producers) {
        if (producer->plan->id == nodeId) {
            const bool set = producer->live->set(param, value);
            producer->control.wake(); // a producer pacing itself to the old rate re-plans at once
            return set;
        }
    }
    for (const auto &consumer : m_impl->parts.consumers)
        if (consumer->plan->id == nodeId)
            return consumer->live->set(param, value);
    return false;
}

Sample Runtime::sample() const
{
    const detail::RuntimeParts &parts = m_impl->parts;
    Sample sample;
    sample.timeNs = nowNs();
    for (const auto &producer : parts.producers) {
        NodeCounts &node = sample.nodes.emplace_back();
        node.threads = producer->plan->threads;
        for (const auto &counters : producer->counters) {
            node.count += counters->published.load(std::memory_order_relaxed);
            const std::int64_t first = counters->firstPublishNs.load(std::memory_order_relaxed);
            if (first != 0 && (node.firstPublishNs == 0 || first < node.firstPublishNs))
                node.firstPublishNs = first;
        }
    }
    for (const auto &consumer : parts.consumers) {
        NodeCounts &node = sample.nodes.emplace_back();
        node.threads = static_cast<int>(consumer->counters.size());
        for (const auto &counters : consumer->counters) {
            node.count += counters->processed.load(std::memory_order_relaxed);
            node.handled += counters->handled.load(std::memory_order_relaxed);
            node.errors += counters->errors.load(std::memory_order_relaxed);
            node.forwarded += counters->forwarded.load(std::memory_order_relaxed);
            node.busyNs += counters->busyNs.load(std::memory_order_relaxed);
            node.latency.merge(counters->latency.snapshot());
            node.lastBatchEndNs
                = std::max(node.lastBatchEndNs, counters->lastBatchEndNs.load(std::memory_order_relaxed));
        }
        const std::int64_t cursor = consumer->ring->ring().cursor();
        node.backlog = std::max<std::int64_t>(0, cursor - core::minimumSequence(consumer->sequences, cursor));
    }
    for (const auto &ring : parts.rings) {
        const core::Sequencer &sequencer = ring->ring().sequencer();
        const std::int64_t cursor = sequencer.cursor();
        sample.rings.push_back({ring->plan->bufferSize, cursor,
            std::max<std::int64_t>(0, cursor - sequencer.minimumGatingSequence(cursor))});
    }
    return sample;
}

std::vector<std::string> Runtime::errors() const
{
    std::lock_guard lock(m_impl->errorLog.mutex);
    return m_impl->errorLog.kept;
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
    impl.stopProducers();
    // Producers stuck in next() behind a slow stage get until the deadline; then everything halts.
    while (drained && !producersFinished() && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    drained = drained && producersFinished();
    // Ring by ring in data-flow order: a ring drains only once the rings forwarding into it have.
    for (auto &ring : impl.parts.rings) {
        if (drained)
            drained = ring->disruptor->shutdown(std::max(Clock::duration::zero(), deadline - Clock::now()));
        else
            ring->disruptor->halt();
    }
    impl.haltAll();

    RunEnding ending;
    ending.started = isoTime(impl.startedAt);
    ending.stopped = isoTime(std::chrono::system_clock::now());
    ending.elapsedNs = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - impl.startedClock).count();
    ending.startedNs = impl.startedNs;
    ending.drainRequested = drain;
    ending.drained = drained;
    for (const auto &ring : impl.parts.rings)
        for (const auto &processor : ring->disruptor->processors())
            if (processor->hasFailed())
                ending.failedStages.push_back(processor->name());
    {
        std::lock_guard lock(impl.errorLog.mutex);
        ending.errors = impl.errorLog.kept;
        ending.errorCount = impl.errorLog.count;
    }
    return makeReport(m_plan, sample(), ending);
}

} // namespace ringflow::pipeline
