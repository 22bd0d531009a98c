#pragma once

#include "event_processor.h"

#include <limits>
#include <memory>
#include <vector>

namespace ringflow::core {

/// One worker of a worker pool: the workers share a work sequence from which each claims the next
/// event, so every event is handled by exactly one worker. A worker's own sequence is one less than
/// its current claim, so the slowest worker holds back downstream stages and producers exactly
/// as long as some claimed event is unfinished.
template <typename Ring, typename Handler>
requires EventHandler<Handler, typename Ring::EventType>
class WorkProcessor final : public EventProcessor {
public:
    /// All workers of one pool share `workSequence` and `barrier`.
    WorkProcessor(Ring &ring, std::shared_ptr<SequenceBarrier> barrier, std::shared_ptr<Sequence> workSequence,
        Handler &handler, StageOptions options = {})
        : EventProcessor(std::move(barrier), std::move(options)),
          m_ring(ring),
          m_workSequence(std::move(workSequence)),
          m_handler(handler)
    {
    }

protected:
    void notifyStart() override
    {
        guardLifecycle(FailurePhase::Start, [this] { invokeOnStart(m_handler); });
    }
    void notifyShutdown() override
    {
        guardLifecycle(FailurePhase::Shutdown, [this] { invokeOnShutdown(m_handler); });
    }

    void processEvents() override
    {
        bool claimNext = true;
        std::int64_t next = 0;
        std::int64_t cachedAvailable = std::numeric_limits<std::int64_t>::min();
        for (;;) {
            if (claimNext) {
                // Halt between events even when a long backlog keeps the barrier out of the loop.
                if (m_barrier->isAlerted())
                    return;
                claimNext = false;
                do {
                    next = m_workSequence->get() + 1;
                    m_sequence.set(next - 1);
                } while (!m_workSequence->compareAndSet(next - 1, next));
                signalProgress();
            }
            if (cachedAvailable >= next) {
                try {
                    m_handler.onEvent(m_ring[next], next, true);
                } catch (...) {
                    if (!handleEventFailure(next, std::current_exception()))
                        return;
                }
                claimNext = true;
                continue;
            }
            const WaitResult result = m_barrier->waitFor(next);
            if (result.status == WaitStatus::Alerted)
                return;
            if (result.status == WaitStatus::TimedOut) {
                try {
                    invokeOnTimeout(m_handler, next - 1);
                } catch (...) {
                    if (!handleEventFailure(next - 1, std::current_exception(), FailurePhase::Timeout))
                        return;
                }
                continue;
            }
            cachedAvailable = result.available;
        }
    }

private:
    Ring &m_ring;
    const std::shared_ptr<Sequence> m_workSequence;
    Handler &m_handler;
};

} // namespace ringflow::core
