#pragma once

#include "handler_processor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <thread>

namespace ringflow::core {

/// Runs one handler over every event of a ring, in order, in batches: wait until the barrier
/// allows a run of events, hand them to the handler without any synchronisation, then publish
/// the stage's own sequence once for the whole run.
///
/// A halt stops a per-event handler between two events, even inside a batch: the stage publishes
/// its sequence up to the last event handled (which did not see endOfBatch) and stops. A handler
/// that takes kQuickEvent or more per event looks at the halt after every event, so a halt waits
/// for the event in hand only. A quicker one looks every kHaltStride events, under 64 µs of its
/// work: a look after every event cost the benchmark's few-nanosecond handlers a third of their
/// throughput, because the compiler then keeps no handler state in registers (docs/benchmarks.md).
/// The speed is measured on batches of two or more events: every one while the handler is slow
/// or not yet known to be quick, then one in kRetimeAfter. A handler that turns slow while known
/// to be quick may delay a halt by up to kHaltStride of its slow events, until its next measured
/// batch. A batch handler gets each batch whole, so a halt waits for the batch in hand:
/// StageOptions::maxBatchSize bounds it.
template <typename Ring, typename Handler>
requires AnyEventHandler<Handler, typename Ring::EventType>
class BatchEventProcessor final : public HandlerProcessor<Handler> {
public:
    static constexpr std::chrono::nanoseconds kQuickEvent {1000};
    static constexpr std::int64_t kHaltStride = 64;
    static constexpr int kRetimeAfter = 256;

    BatchEventProcessor(
        Ring &ring, std::shared_ptr<SequenceBarrier> barrier, Handler &handler, StageOptions options = {})
        : HandlerProcessor<Handler>(std::move(barrier), handler, std::move(options)),
          m_ring(ring),
          m_alerted(this->m_barrier->alertFlag())
    {
    }

protected:
    void processEvents() override
    {
        const std::int64_t maxBatch = this->m_options.maxBatchSize > 0 ? this->m_options.maxBatchSize
                                                                       : std::numeric_limits<std::int64_t>::max();
        std::int64_t next = this->m_sequence.get() + 1;
        for (;;) {
            const std::optional<std::int64_t> available = this->waitFor(next);
            if (!available)
                return;
            const std::int64_t last = *available - next >= maxBatch ? next + maxBatch - 1 : *available;
            std::int64_t current = next;
            try {
                if (!deliver(next, last, current)) {
                    if (current > next)
                        this->advanceTo(current - 1); // halted within the batch: exactly the events handled
                    return;
                }
                this->advanceTo(last);
                next = last + 1;
            } catch (...) {
                if (!this->handleEventFailure(current, std::current_exception())) {
                    // Stopped by the failure: the events before it were handled (HaltStage lets the
                    // stages after this one have them).
                    if (!kBatchHandler && current > next)
                        this->advanceTo(current - 1);
                    return;
                }
                // Report-and-continue: the failed event (or the whole failed batch) counts as done.
                const std::int64_t done = kBatchHandler ? last : current;
                this->advanceTo(done);
                next = done + 1;
            }
        }
    }

private:
    using Clock = std::chrono::steady_clock;
    static constexpr bool kBatchHandler = BatchHandler<Handler, typename Ring::EventType>;

    /// Delivers `next`..`last` (onBatchStart, then onEvent each or onBatch), whole again each time
    /// the handler throws a RewindableException and the stage's RewindStrategy allows it. False
    /// when the stage must stop (a halt, or onBatchStart failed fatally); `current` is then the
    /// first event not handled. Throws the handler's exception when it is a failure.
    bool deliver(std::int64_t next, std::int64_t last, std::int64_t &current)
    {
        for (std::int64_t rewinds = 0;;) {
            current = next;
            try {
                if (!this->notifyBatchStart(next, last, [this] { return m_ring.cursor(); }))
                    return false;
                if constexpr (kBatchHandler) {
                    this->m_handler.onBatch(m_ring.batch(next, last), next);
                    return true;
                } else {
                    return handleEvents(next, last, current);
                }
            } catch (const RewindableException &) {
                if (!this->mayRewind(rewinds))
                    throw;
            }
            current = next;
            if (!pauseUnlessHalted(this->rewindBackOff()))
                return false;
        }
    }

    /// Sleeps `pause` in slices of at most a millisecond, stopping early for a halt: false then.
    bool pauseUnlessHalted(std::chrono::nanoseconds pause) const
    {
        const Clock::time_point end = Clock::now() + pause;
        for (Clock::time_point now = Clock::now(); now < end; now = Clock::now()) {
            if (isHalting())
                return false;
            std::this_thread::sleep_for(std::min<Clock::duration>(end - now, std::chrono::milliseconds(1)));
        }
        return !isHalting();
    }

    /// Hands `next`..`last` to the per-event handler, `current` being the event in hand. False when
    /// a halt came in between; `current` is then the first event not handled.
    bool handleEvents(std::int64_t next, std::int64_t last, std::int64_t &current)
    {
        if (last > next && --m_untilTimed <= 0) {
            // Timed: the first events with a look after each, then the rest as fast as they proved.
            const std::int64_t timedEnd = std::min(last, next + kHaltStride - 1);
            const Clock::time_point start = Clock::now();
            if (!handleRun(timedEnd, last, 1, current))
                return false;
            const bool quick = Clock::now() - start < kQuickEvent * (timedEnd - next + 1);
            m_stride = quick ? kHaltStride : 1;
            m_untilTimed = quick ? kRetimeAfter : 1;
            if (current > last)
                return true;
            if (isHalting())
                return false;
        }
        return handleRun(last, last, m_stride, current);
    }

    /// Hands `current`..`end` to the handler with a look at the alert every `stride` events (the
    /// first event needs none: the barrier, or the caller, has just looked).
    bool handleRun(std::int64_t end, std::int64_t last, std::int64_t stride, std::int64_t &current)
    {
        for (;;) {
            // A plain counted loop between two looks, which the compiler optimises as if there were none.
            const std::int64_t chunkEnd = std::min(end, current + stride - 1);
            for (; current <= chunkEnd; ++current)
                this->m_handler.onEvent(m_ring[current], current, current == last);
            if (current > end)
                return true;
            if (isHalting())
                return false;
        }
    }

    // Relaxed: the alert only ends the loop; the stage then publishes its sequence with a release
    // store, and whoever halted it joins its thread before relying on anything it did.
    bool isHalting() const noexcept { return m_alerted.load(std::memory_order_relaxed); }

    Ring &m_ring;
    const std::atomic<bool> &m_alerted;
    std::int64_t m_stride = 1; ///< events between two looks at the alert; 1 until the handler proves quick
    int m_untilTimed = 1; ///< batches of two or more events until the next one is timed
};

} // namespace ringflow::core
