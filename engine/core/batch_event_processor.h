#pragma once

#include "event_processor.h"

#include <algorithm>
#include <limits>

namespace ringflow::core {

/// Runs one handler over every event of a ring, in order, in batches: wait until the barrier
/// allows a run of events, hand them to the handler without any synchronisation, then publish
/// the stage's own sequence once for the whole run.
template <typename Ring, typename Handler>
requires AnyEventHandler<Handler, typename Ring::EventType>
class BatchEventProcessor final : public EventProcessor {
public:
    BatchEventProcessor(
        Ring &ring, std::shared_ptr<SequenceBarrier> barrier, Handler &handler, StageOptions options = {})
        : EventProcessor(std::move(barrier), std::move(options)), m_ring(ring), m_handler(handler)
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
        constexpr bool kBatchHandler = BatchHandler<Handler, typename Ring::EventType>;
        const std::int64_t maxBatch
            = m_options.maxBatchSize > 0 ? m_options.maxBatchSize : std::numeric_limits<std::int64_t>::max();
        std::int64_t next = m_sequence.get() + 1;
        for (;;) {
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
            const std::int64_t last = result.available - next >= maxBatch ? next + maxBatch - 1 : result.available;
            std::int64_t current = next;
            try {
                if constexpr (kBatchHandler) {
                    m_handler.onBatch(m_ring.batch(next, last), next);
                } else {
                    for (; current <= last; ++current)
                        m_handler.onEvent(m_ring[current], current, current == last);
                }
                advanceTo(last);
                next = last + 1;
            } catch (...) {
                if (!handleEventFailure(current, std::current_exception()))
                    return;
                // Report-and-continue: the failed event (or the whole failed batch) counts as done.
                const std::int64_t done = kBatchHandler ? last : current;
                advanceTo(done);
                next = done + 1;
            }
        }
    }

private:
    Ring &m_ring;
    Handler &m_handler;
};

} // namespace ringflow::core
