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
