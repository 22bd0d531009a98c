#pragma once

#include "handler_processor.h"

#include <algorithm>
#include <limits>
#include <memory>

namespace ringflow::core {

/// What the workers of one pool share: the last event claimed by any of them, and how many they are.
struct WorkQueue {
    Sequence claimed;
    int workers = 0; ///< set while the pool is built, before any worker runs
};

/// One worker of a worker pool: the workers share a work sequence from which each claims the next
/// events, so every event is handled by exactly one worker. A worker's own sequence is one less than
/// its current claim, so the slowest worker holds back downstream stages and producers exactly
/// as long as some claimed event is unfinished.
///
/// A worker claims one event when the ring holds no more than that, and otherwise a run of its
/// share of what is published and unclaimed (at most kMaxClaim): one compare-and-set on the shared
/// work sequence then serves several events, where one per event made that cache line the pool's
/// bottleneck. A run never goes past what was seen published, so a claim never waits for events
/// that another worker could have taken.
template <typename Ring, typename Handler>
requires EventHandler<Handler, typename Ring::EventType>
class WorkProcessor final : public HandlerProcessor<Handler> {
public:
    static constexpr std::int64_t kMaxClaim = 16;

    /// All workers of one pool share `queue` and `barrier`.
    WorkProcessor(Ring &ring, std::shared_ptr<SequenceBarrier> barrier, std::shared_ptr<WorkQueue> queue,
        Handler &handler, StageOptions options = {})
        : HandlerProcessor<Handler>(std::move(barrier), handler, std::move(options)),
          m_ring(ring),
          m_queue(std::move(queue)),
          m_alerted(this->m_barrier->alertFlag())
    {
    }

protected:
    void processEvents() override
    {
        // The highest sequence this worker has seen published (none yet). Not INT64_MIN: the
        // claim size is computed from `available - current`, which must not overflow.
        std::int64_t available = Sequence::kInitial;
        for (;;) {
            // Halt between claims even when a long backlog keeps the barrier out of the loop.
            if (this->m_barrier->isAlerted())
                return;
            std::int64_t current = 0;
            std::int64_t last = 0;
            do {
                current = m_queue->claimed.get();
                this->m_sequence.set(current);
                last = current + claimSize(available - current);
            } while (!m_queue->claimed.compareAndSet(current, last));
            this->signalProgress();
            if (available < last) { // a claim of one event not yet seen published
                const std::optional<std::int64_t> published = this->waitFor(last);
                if (!published)
                    return;
                available = *published;
            }
            for (std::int64_t sequence = current + 1; sequence <= last; ++sequence) {
                // A halt also stops a run between two events (the rest of the claim is left
                // unhandled, as a halt leaves everything after it): a plain load per event.
                if (sequence > current + 1 && m_alerted.load(std::memory_order_relaxed)) [[unlikely]]
                    return;
                try {
                    this->m_handler.onEvent(m_ring[sequence], sequence, sequence == last);
                } catch (...) {
                    if (!this->handleEventFailure(sequence, std::current_exception()))
                        return;
                }
            }
        }
    }

private:
    /// This worker's share of the `unclaimed` events seen published, at least one.
    std::int64_t claimSize(std::int64_t unclaimed) const noexcept
    {
        if (unclaimed <= 1)
            return 1;
        const std::int64_t share = unclaimed / std::max(m_queue->workers, 1);
        return std::clamp<std::int64_t>(share, 1, kMaxClaim);
    }

    Ring &m_ring;
    const std::shared_ptr<WorkQueue> m_queue;
    const std::atomic<bool> &m_alerted;
};

} // namespace ringflow::core
