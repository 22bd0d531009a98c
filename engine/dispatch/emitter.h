#pragma once

#include "dispatch_ring.h"

#include <algorithm>
#include <atomic>
#include <concepts>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <stop_token>
#include <string_view>
#include <utility>

// Qt defines `emit` as an empty macro, which turns `emitter.emit(...)` into a syntax error.
#if defined(emit)
#error "Qt's 'emit' keyword macro hides Emitter::emit(): build with QT_NO_EMIT (or QT_NO_KEYWORDS) and use Q_EMIT"
#endif

namespace ringflow::dispatch {

template <typename Payload>
class Dispatcher;
template <typename Payload>
class Producer;

/// An element of a mixed-channel batch: a channel a ChannelName can be made from, and a payload.
template <typename Payload, typename E>
concept ChannelledEvent = requires(const E &event)
{
    ChannelName(event.channel);
    requires PayloadSource<Payload, decltype((event.payload))>;
};

/// Publishes events into the dispatcher's ring on behalf of one producer. A registered producer's
/// body receives one, with the stop token of its run; Dispatcher::emit() uses a shared one.
///
/// Every call claims slots with tryNext(n), fills them in place and publishes them; it blocks
/// while the ring is full and throws core::Halted once the dispatcher stopped. Channel names given
/// as strings are copied into a ChannelName per call; a producer emitting one channel at a high
/// rate can build the ChannelName once and pass it instead.
template <typename Payload>
class Emitter {
public:
    /// One event carrying `payload` (see PayloadSource for what may be passed).
    template <typename Source>
    requires PayloadSource<Payload, Source>
    void emit(const ChannelName &channel, Source &&payload)
    {
        emitWith(channel, [&](Payload &slotPayload) { assignPayload(slotPayload, std::forward<Source>(payload)); });
    }
    template <typename Source>
    requires PayloadSource<Payload, Source>
    void emit(std::string_view channel, Source &&payload) { emit(ChannelName(channel), std::forward<Source>(payload)); }

    /// One event whose payload `fill(Payload &)` writes directly into the slot, without a copy.
    template <typename Fill>
    requires std::invocable<Fill &, Payload &>
    void emitWith(const ChannelName &channel, Fill &&fill)
    {
        auto &ring = m_ring.ringForEmit();
        const std::int64_t sequence = claim(ring, 1);
        const PublishOnExit publish {ring, m_emitted, sequence, sequence};
        fillSlot(ring[sequence], channel, fill);
    }
    template <typename Fill>
    requires std::invocable<Fill &, Payload &>
    void emitWith(std::string_view channel, Fill &&fill) { emitWith(ChannelName(channel), std::forward<Fill>(fill)); }

    /// One event per element of `payloads`, in order, claimed and published together with tryNext(n)
    /// and publish(lo, hi): one claim per batch instead of one per event. A batch larger than the
    /// ring goes out in ring-sized pieces.
    template <std::ranges::sized_range Range>
    requires std::ranges::forward_range<const Range> && PayloadSource<Payload,
        std::ranges::range_reference_t<const Range>>
    void batch(const ChannelName &channel, const Range &payloads)
    {
        publishAll(payloads, [&](Slot<Payload> &slot, const auto &payload) {
            fillSlot(slot, channel, [&](Payload &slotPayload) { assignPayload(slotPayload, payload); });
        });
    }
    template <std::ranges::sized_range Range>
    requires std::ranges::forward_range<const Range> && PayloadSource<Payload,
        std::ranges::range_reference_t<const Range>>
    void batch(std::string_view channel, const Range &payloads) { batch(ChannelName(channel), payloads); }

    /// One event per element of `events`, each on its own channel, claimed and published together
    /// like batch(channel, payloads). An element has a `channel` (a ChannelName or a string) and a
    /// `payload` member, as Event<Payload> has.
    template <std::ranges::sized_range Range>
    requires std::ranges::forward_range<const Range> && ChannelledEvent<Payload, std::ranges::range_value_t<Range>>
    void batch(const Range &events)
    {
        publishAll(events, [&](Slot<Payload> &slot, const auto &event) {
            fillSlot(slot, ChannelName(event.channel),
                [&](Payload &slotPayload) { assignPayload(slotPayload, event.payload); });
        });
    }

    ProducerId producer() const noexcept { return m_producer; }
    /// Set when the producer is asked to stop (Producer::stop(), Dispatcher::shutdown()).
    bool stopRequested() const noexcept { return m_stopToken.stop_requested(); }
    std::stop_token stopToken() const noexcept { return m_stopToken; }

private:
    friend class Dispatcher<Payload>;
    friend class Producer<Payload>;
    using Ring = typename DispatchRing<Payload>::Ring;

    // Counts what it publishes into `emitted`.
    Emitter(DispatchRing<Payload> &ring, ProducerId producer, std::atomic<std::uint64_t> &emitted,
        std::stop_token stopToken = {})
        : m_ring(ring), m_producer(producer), m_emitted(emitted), m_stopToken(std::move(stopToken))
    {
    }

    // Publishes a claim even when filling it throws: consumers wait for every claimed slot in order,
    // so an unpublished one would stall the ring for good. Counting comes first, so that no reader
    // of the metrics ever sees more events processed than emitted.
    struct PublishOnExit {
        Ring &ring;
        std::atomic<std::uint64_t> &emitted;
        std::int64_t lo;
        std::int64_t hi;
        ~PublishOnExit()
        {
            emitted.fetch_add(static_cast<std::uint64_t>(hi - lo + 1), std::memory_order_relaxed);
            ring.publish(lo, hi);
        }
    };

    // Claims `n` slots with tryNext(), so that a producer waiting for room holds no place in line
    // (the consumer never waits for a parked producer), and waits at the ring's CapacityGate while
    // the ring is full. Throws core::Halted once the dispatcher stopped.
    std::int64_t claim(Ring &ring, std::int64_t n)
    {
        for (;;) {
            const core::ClaimResult claimed = ring.tryNext(n);
            if (claimed) [[likely]]
                return claimed.sequence;
            if (claimed.status == core::ClaimStatus::Halted)
                throw core::Halted();
            m_ring.waitForCapacity(n);
        }
    }

    // Claims the elements of `items` in ring-sized pieces, `fill(slot, item)` writing each, and
    // publishes every claim: one claim per piece instead of one per event.
    template <typename Range, typename FillItem>
    void publishAll(const Range &items, FillItem &&fill)
    {
        auto next = std::ranges::begin(items);
        auto remaining = static_cast<std::int64_t>(std::ranges::size(items));
        while (remaining > 0) {
            auto &ring = m_ring.ringForEmit();
            const std::int64_t count = std::min(remaining, ring.bufferSize());
            const std::int64_t hi = claim(ring, count);
            const std::int64_t lo = hi - count + 1;
            const PublishOnExit publish {ring, m_emitted, lo, hi};
            for (std::int64_t sequence = lo; sequence <= hi; ++sequence, ++next) {
                try {
                    fill(ring[sequence], *next);
                } catch (...) {
                    // The rest of the claim is published too; mark it so no route sees stale events.
                    for (std::int64_t rest = sequence + 1; rest <= hi; ++rest)
                        ring[rest].filled = false;
                    throw;
                }
            }
            remaining -= count;
        }
    }

    template <typename Fill>
    void fillSlot(Slot<Payload> &slot, const ChannelName &channel, Fill &&fill)
    {
        slot.filled = false;
        slot.event.channel = channel;
        slot.event.producer = m_producer;
        fill(slot.event.payload);
        slot.filled = true;
    }

    DispatchRing<Payload> &m_ring;
    const ProducerId m_producer;
    std::atomic<std::uint64_t> &m_emitted;
    const std::stop_token m_stopToken;
};

} // namespace ringflow::dispatch
