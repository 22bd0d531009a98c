#pragma once

#include "async_stage.h"
#include "handler_processor.h"

#include <algorithm>
#include <limits>

namespace ringflow::core {

/// Runs an async batch handler (`BatchTask onBatch(batch, firstSequence)`) over every event of a
/// ring, in order, on its Disruptor's AsyncExecutor instead of a thread of its own.
///
/// The stage's loop is a coroutine: it takes the run of available events (up to maxBatchSize),
/// calls onBatchStart if declared, awaits the handler's task and only then publishes its sequence
/// for the whole batch, so downstream stages never read past unfinished work. One batch at a time,
/// in order. The handler's coroutine starts on a pool thread; if it suspends, the pool thread is
/// free for other stages, and the loop goes on on whichever thread resumes the handler.
///
/// Waiting: the loop does not park in the wait strategy (that would hold a pool thread). With no
/// events available it hands its pool thread on and looks again: 16 times at once, then after a
/// delay that doubles from 1 µs up to 256 µs. An idle async stage thus costs a look now and then,
/// and its latency after a quiet spell is up to 256 µs. onTimeout is not called.
///
/// Failures: an exception from onBatch (its call or its coroutine) or from onBatchStart follows the
/// stage's ExceptionPolicy, as for a synchronous batch handler; a RewindableException first has
/// the batch delivered again as the stage's RewindStrategy allows (the back-off is a delay on the
/// executor, which holds no thread). Halt: the loop stops before its next batch or re-delivery;
/// the batch in flight finishes first (it is never cancelled once started).
///
/// Allocation: each batch allocates two coroutine frames, the handler's task and the loop's
/// delivery step, both freed when the batch is done.
template <typename Ring, typename Handler>
requires AsyncBatchHandler<Handler, typename Ring::EventType>
class AsyncBatchProcessor final : public HandlerProcessor<Handler>, public AsyncStage {
public:
    static constexpr int kEagerLooks = 16;
    static constexpr std::chrono::nanoseconds kLongestIdleDelay = std::chrono::microseconds(256);

    AsyncBatchProcessor(
        Ring &ring, std::shared_ptr<SequenceBarrier> barrier, Handler &handler, StageOptions options = {})
        : HandlerProcessor<Handler>(std::move(barrier), handler, std::move(options)), m_ring(ring)
    {
    }

    bool runsOnOwnThread() const noexcept override { return false; }

    void launch(AsyncExecutor &executor) override
    {
        const bool process = this->enterRun();
        markLaunched();
        executor.post(loop(executor, process).handle);
    }

protected:
    void processEvents() override { } // never called: run() refuses a stage without a thread

private:
    Loop loop(AsyncExecutor &executor, bool process)
    {
        this->notifyStart();
        if (process)
            co_await processBatches(executor);
        this->notifyShutdown();
        this->leaveRun();
        markStopped();
    }

    BatchTask processBatches(AsyncExecutor &executor)
    {
        const std::int64_t maxBatch = this->m_options.maxBatchSize > 0 ? this->m_options.maxBatchSize
                                                                       : std::numeric_limits<std::int64_t>::max();
        std::int64_t next = this->m_sequence.get() + 1;
        int idleLooks = 0;
        while (!this->m_barrier->isAlerted()) {
            const std::int64_t available = this->m_barrier->available(next);
            if (available < next) {
                co_await Resched {executor, idleDelay(++idleLooks)};
                continue;
            }
            idleLooks = 0;
            const std::int64_t last = available - next >= maxBatch ? next + maxBatch - 1 : available;
            bool stop = false;
            co_await deliver(executor, next, last, stop);
            if (stop)
                co_return;
            this->advanceTo(last);
            next = last + 1;
        }
    }

    /// Delivers `next`..`last` (onBatchStart, then the handler's task), whole again each time the
    /// task throws a RewindableException and the RewindStrategy allows it. `stop`: the stage must
    /// stop (halted while rewinding, or a failure under the Halt policy); otherwise the batch is
    /// done, handled or (under Continue) failed and reported.
    BatchTask deliver(AsyncExecutor &executor, std::int64_t next, std::int64_t last, bool &stop)
    {
        std::exception_ptr failure;
        for (std::int64_t rewinds = 0;;) {
            if (!this->notifyBatchStart(next, last, [this] { return m_ring.cursor(); })) {
                stop = true;
                co_return;
            }
            bool rewind = false;
            try {
                co_await this->m_handler.onBatch(m_ring.batch(next, last), next);
            } catch (const RewindableException &) {
                rewind = this->mayRewind(rewinds);
                if (!rewind)
                    failure = std::current_exception();
            } catch (...) {
                failure = std::current_exception();
            }
            if (!rewind)
                break;
            if (this->rewindBackOff() > std::chrono::nanoseconds::zero())
                co_await Resched {executor, this->rewindBackOff()};
            if (this->m_barrier->isAlerted()) {
                stop = true; // halted while rewinding: the batch stays undone
                co_return;
            }
        }
        // Report-and-continue counts the failed batch as done.
        stop = failure && !this->handleEventFailure(next, failure);
    }

    static std::chrono::nanoseconds idleDelay(int looks) noexcept
    {
        if (looks <= kEagerLooks)
            return std::chrono::nanoseconds::zero();
        const int doublings = std::min(looks - kEagerLooks - 1, 8);
        return std::min<std::chrono::nanoseconds>(std::chrono::microseconds(1) * (1 << doublings), kLongestIdleDelay);
    }

    Ring &m_ring;
};

} // namespace ringflow::core
