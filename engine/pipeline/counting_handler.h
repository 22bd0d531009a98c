#pragma once

// What the runtime wraps around every consumer's handler, the user's or the synthetic one: the
// channel filter, the counts, busy time, sampled latency and forwarding into the next ring, so
// that bound handlers get the same metrics, report and conservation check as synthetic ones.

#include "consumer_route.h"
#include "core/contract_check.h"
#include "core/event_batch.h"
#include "core/event_handler.h"
#include "fast_clock.h"
#include "node_counters.h"
#include "producer_loop.h"

#include <algorithm>
#include <cstring>

namespace ringflow::pipeline {

/// The busy time of one consumer thread, from the clock at the first and last event of a batch.
/// A batch of at least kTimeEveryBatchFrom events is always timed; of smaller ones (a worker
/// pool's are single events), one in kSmallBatchesPerTiming is, and the untimed ones are counted
/// at its cost per event: two clock reads per event would cost more than a count stage's work.
class BusyTimer {
public:
    static constexpr std::uint64_t kTimeEveryBatchFrom = 8;
    static constexpr std::uint64_t kSmallBatchesPerTiming = 8;

    void begin() noexcept
    {
        m_timed = m_lastBatchSize >= kTimeEveryBatchFrom || ++m_smallBatches % kSmallBatchesPerTiming == 0;
        if (m_timed)
            m_startNs = FastClock::nowNs();
    }

    void end(std::uint64_t events, ConsumerCounters &counters) noexcept
    {
        m_lastBatchSize = events;
        if (!m_timed) {
            m_untimedEvents += events;
            return;
        }
        const std::int64_t endNs = FastClock::nowNs();
        const auto duration = static_cast<double>(endNs - m_startNs);
        const double estimate = duration
            + duration / static_cast<double>(std::max<std::uint64_t>(1, events)) * static_cast<double>(m_untimedEvents);
        addOwned(counters.busyNs, static_cast<std::uint64_t>(estimate));
        counters.lastBatchEndNs.store(endNs, std::memory_order_relaxed);
        m_untimedEvents = 0;
    }

private:
    std::int64_t m_startNs = 0;
    std::uint64_t m_lastBatchSize = 0;
    std::uint64_t m_smallBatches = 0;
    std::uint64_t m_untimedEvents = 0;
    bool m_timed = false;
};

/// The counts of one consumer thread for the batch in hand, written to its shared counters once
/// per batch: the sampler reads them a few times a second, and a store to a shared line per event
/// would cost more than a count stage's work. Errors are counted at once: one may end the stage.
/// Owns its cache lines (its thread writes it on every event).
template <typename Event>
class alignas(core::kFalseSharingRange) ConsumerTally {
public:
    ConsumerTally(const ConsumerRoute &route, ConsumerCounters &counters, PipelineRing<Event> *forwardTo)
        : m_route(route), m_counters(counters), m_forwardTo(forwardTo)
    {
    }

protected:
    /// A per-batch handler handled `batch`: the events its route accepts count (and go on).
    void handledBatch(const core::EventBatch<Event> &batch, std::int64_t firstSequence)
    {
        if (!m_route.filtersPerEvent && m_forwardTo == nullptr) {
            // Nothing to decide or do per event: all of them or none were handled, just now.
            if (!m_route.acceptsNothing) {
                m_handled += batch.size();
                recordLatencies(firstSequence, batch.size());
            }
            endBatch(batch.size());
            return;
        }
        std::int64_t sequence = firstSequence;
        for (const Event &event : batch) {
            if (m_route.accepts(sequence))
                handled(event, sequence);
            ++sequence;
        }
        endBatch(batch.size());
    }

    /// A per-batch handler threw on `batch`: it comes again (`rewindable` and the strategy allows
    /// it) or it failed.
    void failed(const core::EventBatch<Event> &batch, std::int64_t firstSequence, bool rewindable) noexcept
    {
        if (rewindable && willRewind(firstSequence, firstSequence)) {
            rewound(batch.size());
            return;
        }
        countError();
        endBatch(batch.size());
    }

    void beginBatch() noexcept
    {
        if (m_route.instrumented)
            m_timer.begin();
    }

    /// An event the filter let through and the handler handled.
    void handled(const Event &event, std::int64_t sequence)
    {
        ++m_handled;
        recordLatency(sequence);
        if (m_forwardTo)
            forward(event, sequence);
    }

    /// `count` events handled on a route that filters and forwards nothing; their sampled
    /// sequences have gone through recordLatency() already.
    void handledWithoutForwarding(std::uint64_t count) noexcept { m_handled += count; }

    void recordLatency(std::int64_t sequence) noexcept
    {
        if (RingSide::sampled(sequence) && m_route.instrumented) [[unlikely]] {
            const std::int64_t stamp = m_route.side->stamp(sequence);
            if (stamp != 0)
                m_counters.latency.record(
                    static_cast<std::uint64_t>(std::max<std::int64_t>(0, FastClock::nowNs() - stamp)));
        }
    }

    /// The `count` events from `first` have all been handled by now: the latencies of the sampled
    /// ones, with one clock read. Until the stage's sequence passes them their stamps stay put.
    void recordLatencies(std::int64_t first, std::uint64_t count) noexcept
    {
        const std::int64_t end = first + static_cast<std::int64_t>(count);
        std::int64_t sequence = RingSide::firstSampledFrom(first);
        if (sequence >= end || !m_route.instrumented)
            return;
        const std::int64_t now = FastClock::nowNs();
        for (; sequence < end; sequence += RingSide::kSampleStride) {
            const std::int64_t stamp = m_route.side->stamp(sequence);
            if (stamp != 0)
                m_counters.latency.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, now - stamp)));
        }
    }

    void countError() noexcept { addOwned(m_counters.errors, 1); }

    /// After a core::RewindableException on an event of the delivery that began at `first`,
    /// `failing` being the event that threw: whether the processor delivers again (its
    /// RewindStrategy allows one more), decided as it decides. Re-deliveries of one batch start at
    /// the same sequence, so a new start means a new batch with its rewinds afresh.
    bool willRewind(std::int64_t first, std::int64_t failing) noexcept
    {
        const std::int64_t start = m_route.rewindsFromFailure ? failing : first;
        if (start != m_rewoundFrom) {
            m_rewoundFrom = start;
            m_rewindsOfBatch = 0;
        }
        if (m_rewindsOfBatch >= m_route.maxRewinds)
            return false;
        ++m_rewindsOfBatch;
        return true;
    }

    /// The `taken` events of the delivery in hand come again: its time counts as busy, its events
    /// count when they are delivered for good. What it forwarded stays forwarded (a rewound
    /// forwarding stage publishes those events again).
    void rewound(std::uint64_t taken) noexcept
    {
        if (m_route.instrumented)
            m_timer.end(taken, m_counters);
        m_handled = 0;
        countRewind();
    }
    void countRewind() noexcept { addOwned(m_counters.rewinds, 1); }

    void endBatch(std::uint64_t processed) noexcept
    {
        if (m_route.instrumented)
            m_timer.end(processed, m_counters);
        addOwned(m_counters.processed, processed);
        addOwned(m_counters.handled, m_handled);
        addOwned(m_counters.forwarded, m_forwarded);
        m_handled = 0;
        m_forwarded = 0;
    }

    const ConsumerRoute &m_route;

private:
    // Publishes a copy of the event, with what the ring keeps beside it, into the next ring.
    void forward(const Event &event, std::int64_t from)
    {
        PipelineRing<Event> &ring = *m_forwardTo;
        std::int64_t sequence;
        try {
            sequence = ring.next();
        } catch (const core::Halted &) {
            return; // the run is being halted: nothing downstream will read it
        }
        ring[sequence] = event;
        const RingSide &source = *m_route.side;
        RingSide &target = *m_route.forwardSide;
        target.setChannel(sequence, source.channel(from));
        const std::uint32_t size = std::min(source.payloadSize(from), target.payloadCapacity());
        target.setPayloadSize(sequence, size);
        if (target.sharesPayloads()) {
            // Zero-copy: the payload stays in the slot it was written to, which is the source's
            // slot of this same sequence as long as every event read is forwarded in order.
            if constexpr (core::kContractChecks)
                if (sequence != from)
                    core::contractViolated("a forwarding stage sharing its ring's payloads forwarded event "
                        + std::to_string(from) + " as " + std::to_string(sequence));
        } else {
            std::memcpy(target.payload(sequence), source.payload(from), size);
        }
        if (RingSide::sampled(sequence)) [[unlikely]]
            target.setStamp(sequence, RingSide::sampled(from) ? source.stamp(from) : 0);
        ring.publish(sequence);
        ++m_forwarded;
    }

    ConsumerCounters &m_counters;
    PipelineRing<Event> *m_forwardTo;
    BusyTimer m_timer;
    std::uint64_t m_handled = 0; ///< in the current batch
    std::uint64_t m_forwarded = 0;
    std::int64_t m_rewoundFrom = -1; ///< where the last rewound delivery started again
    std::int64_t m_rewindsOfBatch = 0;
};

/// A per-event handler that does nothing per event (a count stage's): its wrapper does all the
/// work, per batch.
template <typename H>
concept NothingPerEvent = H::kNothingPerEvent; // false, too, for a handler without the constant

/// A per-event handler `H` as a pipeline consumer. `kPlain` is for a route that filters nothing and
/// forwards nothing, the common case: no filter test, count or forward test per event, only the
/// sampled-sequence test; the handled count is the batch's events less those whose handler threw.
/// Otherwise filtered events are taken off the ring but not handed to `H` (so it may not see
/// endOfBatch on a batch whose last event is filtered out). Either way it is called per event, so a
/// halt between two events of a batch stops it there (onShutdown counts what it took).
/// On the plain route a handler that does nothing per event has its sampled latencies taken at
/// the batch's end (or its halt), which is when it handled them to within the loop's own time, so
/// that the loop carries no per-event work at all: a count stage then runs as fast as the core's
/// simplest handler (docs/benchmarks-pipelines.md, Runtime overhead).
template <typename Event, typename H, bool kPlain>
class PerEventConsumer final : public ConsumerTally<Event> {
    static constexpr bool kLatencyPerBatch = kPlain && NothingPerEvent<H>;

public:
    PerEventConsumer(H &handler, const ConsumerRoute &route, ConsumerCounters &counters, PipelineRing<Event> *forwardTo)
        : ConsumerTally<Event>(route, counters, forwardTo), m_handler(handler)
    {
    }

    /// Whether the plain variant serves a route and forward target.
    static bool fitsPlain(const ConsumerRoute &route, const PipelineRing<Event> *forwardTo) noexcept
    {
        return !route.filtersPerEvent && !route.acceptsNothing && forwardTo == nullptr;
    }

    void onEvent(Event &event, std::int64_t sequence, bool endOfBatch)
    {
        if (m_pending == 0) {
            this->beginBatch();
            m_first = sequence;
        }
        ++m_pending;
        if (kPlain || this->m_route.accepts(sequence)) {
            try {
                m_handler.onEvent(event, sequence, endOfBatch);
            } catch (const core::RewindableException &) {
                failed(sequence);
                throw;
            } catch (...) {
                failed(-1);
                throw;
            }
            if constexpr (!kPlain)
                this->handled(event, sequence);
            else if constexpr (!kLatencyPerBatch)
                this->recordLatency(sequence);
        }
        if (endOfBatch)
            finishBatch();
    }

    void onStart() { core::invokeOnStart(m_handler); }
    /// A batch cut short (a halt between events) never saw its end: count what it handled.
    void onShutdown()
    {
        if (m_pending > 0)
            finishBatch();
        core::invokeOnShutdown(m_handler);
    }
    void onTimeout(std::int64_t sequence) { core::invokeOnTimeout(m_handler, sequence); }

private:
    void finishBatch() noexcept
    {
        if constexpr (kLatencyPerBatch)
            this->recordLatencies(m_first, m_pending);
        if constexpr (kPlain)
            this->handledWithoutForwarding(m_pending - m_failed);
        this->endBatch(m_pending);
        m_pending = 0;
        m_failed = 0;
    }

    /// The handler threw on `sequence` (-1: not a rewindable exception). A rewound batch is taken
    /// again from its start (a polled stage's from the failing event: those before it are done); a
    /// failure ends the batch here, since the processor carries on (under Continue) with a delivery
    /// of its own.
    void failed(std::int64_t rewindable) noexcept
    {
        if (rewindable >= 0 && this->willRewind(m_first, rewindable)) {
            if (this->m_route.rewindsFromFailure) {
                --m_pending;
                this->countRewind();
                finishBatch();
                return;
            }
            this->rewound(m_pending);
            m_pending = 0;
            m_failed = 0;
            return;
        }
        this->countError();
        ++m_failed;
        finishBatch();
    }

    H &m_handler;
    std::uint64_t m_pending = 0; ///< events of the current batch taken so far
    std::uint64_t m_failed = 0; ///< of them, those whose handler threw
    std::int64_t m_first = 0; ///< the first event of the current batch
};

template <typename Event, typename H>
using CountingEventHandler = PerEventConsumer<Event, H, false>;
template <typename Event, typename H>
using CountingPlainHandler = PerEventConsumer<Event, H, true>;

/// A tally around a handler `H` that takes whole batches, with its lifecycle hooks passed on.
template <typename Event, typename H>
class BatchTally : public ConsumerTally<Event> {
public:
    BatchTally(H &handler, const ConsumerRoute &route, ConsumerCounters &counters, PipelineRing<Event> *forwardTo)
        : ConsumerTally<Event>(route, counters, forwardTo), m_handler(handler)
    {
    }

    void onStart() { core::invokeOnStart(m_handler); }
    void onShutdown() { core::invokeOnShutdown(m_handler); }

protected:
    H &m_handler;
};

/// A per-batch handler `H` as a pipeline consumer: it sees every event of each batch (per-event
/// channel filters are for per-event handlers; the synthetic batch handler applies them itself).
template <typename Event, typename H>
class CountingBatchHandler final : public BatchTally<Event, H> {
public:
    using BatchTally<Event, H>::BatchTally;

    void onBatch(const core::EventBatch<Event> &batch, std::int64_t firstSequence)
    {
        this->beginBatch();
        try {
            this->m_handler.onBatch(batch, firstSequence);
        } catch (const core::RewindableException &) {
            this->failed(batch, firstSequence, true);
            throw;
        } catch (...) {
            this->failed(batch, firstSequence, false);
            throw;
        }
        this->handledBatch(batch, firstSequence);
    }

    void onTimeout(std::int64_t sequence) { core::invokeOnTimeout(this->m_handler, sequence); }
};

/// Any handler `H` as the handler of an async stage (handling async): each batch is a
/// core::BatchTask that the ring's AsyncExecutor runs, and the stage's sequence passes the batch
/// only once the task has completed. An async batch handler's own task is awaited; a per-batch or
/// per-event handler runs in the task, on a thread of the pool (a per-event one sees only the
/// events its route accepts). Busy time runs from the task's start to its end, including any time
/// it is suspended (when it holds no thread).
template <typename Event, typename H>
class CountingAsyncHandler final : public BatchTally<Event, H> {
public:
    using BatchTally<Event, H>::BatchTally;

    core::BatchTask onBatch(const core::EventBatch<Event> &batch, std::int64_t firstSequence)
    {
        this->beginBatch();
        bool rewindable = false;
        std::exception_ptr failure;
        try {
            co_await run(batch, firstSequence);
        } catch (const core::RewindableException &) {
            rewindable = true;
            failure = std::current_exception();
        } catch (...) {
            failure = std::current_exception();
        }
        if (failure) {
            this->failed(batch, firstSequence, rewindable);
            std::rethrow_exception(failure);
        }
        this->handledBatch(batch, firstSequence);
    }

private:
    core::BatchTask run(const core::EventBatch<Event> &batch, std::int64_t firstSequence)
    {
        if constexpr (core::AsyncBatchHandler<H, Event>) {
            co_await this->m_handler.onBatch(batch, firstSequence);
        } else if constexpr (core::BatchHandler<H, Event>) {
            this->m_handler.onBatch(batch, firstSequence);
        } else {
            const std::int64_t last = firstSequence + static_cast<std::int64_t>(batch.size()) - 1;
            std::int64_t sequence = firstSequence;
            for (Event &event : batch) {
                if (this->m_route.accepts(sequence))
                    this->m_handler.onEvent(event, sequence, sequence == last);
                ++sequence;
            }
        }
    }
};

} // namespace ringflow::pipeline
