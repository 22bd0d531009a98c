#pragma once

#include "handler_processor.h"

#include <limits>
#include <memory>

namespace ringflow::core {

/// One worker of a worker pool: the workers share a work sequence from which each claims the next
/// event, so every event is handled by exactly one worker. A worker's own sequence is one less than
/// its current claim, so the slowest worker holds back downstream stages and producers exactly
/// as long as some claimed event is unfinished.
template <typename Ring, typename Handler>
requires EventHandler<Handler, typename Ring::EventType>
class WorkProcessor final : public HandlerProcessor<Handler> {
public:
    /// All workers of one pool share `workSequence` and `barrier`.
    WorkProcessor(Ring &ring, std::shared_ptr<SequenceBarrier> barrier, std::shared_ptr<Sequence> workSequence,
        Handler &handler, StageOptions options = {})
        : HandlerProcessor<Handler>(std::move(barrier), handler, std::move(options)),
          m_ring(ring),
          m_workSequence(std::move(workSequence))
    {
    }

protected:
    void processEvents() override
    {
        std::int64_t cachedAvailable = std::numeric_limits<std::int64_t>::min();
        for (;;) {
            // Halt between events even when a long backlog keeps the barrier out of the loop.
            if (this->m_barrier->isAlerted())
                return;
            std::int64_t next = 0;
            do {
                next = m_workSequence->get() + 1;
                this->m_sequence.set(next - 1);
            } while (!m_workSequence->compareAndSet(next - 1, next));
            this->signalProgress();
            if (cachedAvailable < next) {
                const std::optional<std::int64_t> available = this->waitFor(next);
                if (!available)
                    return;
                cachedAvailable = *available;
            }
            try {
                this->m_handler.onEvent(m_ring[next], next, true);
            } catch (...) {
                if (!this->handleEventFailure(next, std::current_exception()))
                    return;
            }
        }
    }

private:
    Ring &m_ring;
    const std::shared_ptr<Sequence> m_workSequence;
};

} // namespace ringflow::core
