#pragma once

// What a bound source publishes through: the producer thread's claim and publish
// (producer_loop.h), paced by the source itself.

#include "producer_loop.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace ringflow::pipeline {

/// What a bound source publishes through, on one producer thread: it decides the pace, the
/// runtime keeps the counts, the channel, the payload and the latency stamps, holds it while the
/// run is paused and tells it when the run stops.
template <typename Event>
class Publisher {
public:
    explicit Publisher(const ProducerThread<Event> &thread)
        : m_thread(thread), m_state(thread.control, thread.rate), m_payloadSize(detail::payloadSizeOf(thread))
    {
    }

    /// Claims a slot, lets `fill(event)` write it and publishes it. Waits while the run is paused,
    /// and while the ring is full unless the node publishes with try: then the event is dropped and
    /// counted, and `fill` not called. False, publishing nothing, once the run is stopping.
    template <typename Fill>
    bool publish(Fill &&fill)
    {
        return publishBatch(1, [&](Event &event, std::size_t) { fill(event); });
    }

    /// The same for `count` events claimed and published together (at most the ring's size);
    /// `fill(event, i)` writes the i-th.
    template <typename Fill>
    bool publishBatch(std::size_t count, Fill &&fill)
    {
        if (stopping())
            return false;
        const auto n = std::clamp<std::int64_t>(static_cast<std::int64_t>(count), 1, m_thread.ring.bufferSize());
        try {
            detail::claimAndPublish(m_thread, m_thread.ring.sequencer(), n, m_count, m_payloadSize,
                [&](Event &event, std::uint64_t i) { fill(event, static_cast<std::size_t>(i)); });
        } catch (const core::Halted &) {
            return false;
        }
        m_count += static_cast<std::uint64_t>(n);
        return true;
    }

    /// True once the run is stopping: the source should return. Holds while the run is paused.
    bool stopping()
    {
        if (m_state.changed())
            m_state.refresh();
        m_state.holdWhilePaused();
        return m_state.stopped;
    }

    /// This thread's index within its producer node (0 for a one-thread producer).
    std::size_t thread() const noexcept { return m_thread.index; }

private:
    const ProducerThread<Event> &m_thread;
    ProducerState m_state;
    std::uint32_t m_payloadSize;
    std::uint64_t m_count = 0;
};

} // namespace ringflow::pipeline
