#pragma once

#include "event_processor.h"

#include <optional>

namespace ringflow::core {

/// What a processor does for its one handler, whichever way it takes events: the lifecycle hooks,
/// guarded, and waiting for events, with timeouts passed on to the handler. BatchEventProcessor and
/// WorkProcessor differ only in how they claim and hand over events.
template <typename Handler>
class HandlerProcessor : public EventProcessor {
protected:
    HandlerProcessor(std::shared_ptr<SequenceBarrier> barrier, Handler &handler, StageOptions options)
        : EventProcessor(std::move(barrier), std::move(options)), m_handler(handler)
    {
    }

    void notifyStart() final
    {
        guardLifecycle(FailurePhase::Start, [this] { invokeOnStart(m_handler); });
    }
    void notifyShutdown() final
    {
        guardLifecycle(FailurePhase::Shutdown, [this] { invokeOnShutdown(m_handler); });
    }

    /// The handler's onBatchStart, when it declares one, before the batch `first`..`last`;
    /// `cursor` is read only then. A failure there is reported with the batch's first sequence and
    /// follows the policy: under Continue the batch is still handled. False: the stage must stop.
    template <typename Cursor>
    bool notifyBatchStart(std::int64_t first, std::int64_t last, Cursor &&cursor)
    {
        if constexpr (HasOnBatchStart<Handler>) {
            try {
                invokeOnBatchStart(m_handler, last - first + 1, cursor() - (first - 1));
            } catch (...) {
                return handleEventFailure(first, std::current_exception(), FailurePhase::BatchStart);
            }
        }
        return true;
    }

    /// After the handler threw a RewindableException on a batch already re-delivered `rewinds`
    /// times: true (and `rewinds` counted up) when the strategy allows one more delivery; the
    /// caller then waits rewindBackOff() and delivers the batch again. False: the exception is a
    /// failure.
    bool mayRewind(std::int64_t &rewinds) const noexcept
    {
        if (rewinds >= this->m_options.rewind.maxRewinds)
            return false;
        ++rewinds;
        return true;
    }
    std::chrono::nanoseconds rewindBackOff() const noexcept { return this->m_options.rewind.backOff; }

    /// Waits until `sequence` is available and returns the highest available sequence. Each timeout
    /// of the wait strategy goes to the handler's onTimeout, and the wait goes on. std::nullopt: the
    /// stage must stop (halted, or onTimeout failed under ExceptionPolicy::Halt).
    std::optional<std::int64_t> waitFor(std::int64_t sequence)
    {
        for (;;) {
            const WaitResult result = m_barrier->waitFor(sequence);
            if (result.status == WaitStatus::Available)
                return result.available;
            if (result.status == WaitStatus::Alerted || !notifyTimeout(sequence - 1))
                return std::nullopt;
        }
    }

    Handler &m_handler;

private:
    bool notifyTimeout(std::int64_t sequence)
    {
        try {
            invokeOnTimeout(m_handler, sequence);
            return true;
        } catch (...) {
            return handleEventFailure(sequence, std::current_exception(), FailurePhase::Timeout);
        }
    }
};

} // namespace ringflow::core
