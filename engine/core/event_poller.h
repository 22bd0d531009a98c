#pragma once

#include "sequence_barrier.h"

#include <concepts>
#include <cstdint>
#include <vector>

namespace ringflow::core {

/// What one EventPoller::poll() found.
enum class PollState {
    Processing, ///< events were handed to the handler
    Gating, ///< events were claimed (or published) but upstream stages or slow producers hold them back
    Idle, ///< nothing new has been claimed
};

/// Pull-based consumption on the caller's thread, as LMAX's EventPoller: instead of a processor
/// thread waiting for events, the owner calls poll() whenever it likes. The poller has a Sequence
/// of its own that gates the ring like any stage's (producers never overwrite what it has not
/// polled) and that later stages may wait on.
///
/// One thread polls at a time. The poller must outlive every use of the ring whose gating it is in;
/// poll() never waits, never allocates and ignores halts (the owner decides when to stop polling).
template <typename Ring>
class EventPoller {
public:
    using EventType = typename Ring::EventType;

    /// Reads after the stages whose sequences are `upstream` (empty: straight from the producers).
    /// Adding the poller to the ring's gating is the creator's job (Disruptor and RingBuffer do it).
    EventPoller(Ring &ring, std::vector<const Sequence *> upstream)
        : m_ring(ring), m_barrier(ring.sequencer(), std::move(upstream))
    {
    }
    EventPoller(const EventPoller &) = delete;
    EventPoller &operator=(const EventPoller &) = delete;

    /// Hands every event available now to `handler(event, sequence, endOfBatch)` in order, until
    /// the handler returns false (that event counts as handled) or the available events run out.
    /// If the handler throws, the events before the throwing one count as handled and the
    /// throwing one is handed out again by the next poll().
    template <typename F>
    requires std::predicate<F &, EventType &, std::int64_t, bool> PollState poll(F &&handler)
    {
        const std::int64_t current = m_sequence.get();
        std::int64_t next = current + 1;
        const std::int64_t available = m_barrier.available(next);
        if (next > available)
            return m_ring.cursor() >= next ? PollState::Gating : PollState::Idle;
        // On the way out however the loop ends: stages behind and producers ahead see only handled
        // events (release, in Sequence::set()), and those parked in the wait strategy are woken.
        struct Advance {
            EventPoller &poller;
            std::int64_t handled;
            ~Advance() { poller.advanceTo(handled); }
        } advance {*this, current};
        bool more = true;
        for (; more && next <= available; ++next) {
            more = handler(m_ring[next], next, next == available);
            advance.handled = next;
        }
        return PollState::Processing;
    }

    /// The highest sequence handled so far; gates producers and later stages.
    const Sequence &sequence() const noexcept { return m_sequence; }

private:
    void advanceTo(std::int64_t handled) noexcept
    {
        m_sequence.set(handled);
        if (m_needsSignal)
            m_barrier.waitStrategy().signalAllWhenBlocking();
    }

    Ring &m_ring;
    SequenceBarrier m_barrier; // only its available(): a poller never waits
    const bool m_needsSignal = m_barrier.waitStrategy().needsSignal();
    Sequence m_sequence;
};

} // namespace ringflow::core
