#pragma once

#include "handler_processor.h"

#include <limits>

namespace ringflow::core {

/// Runs one handler over every event of a ring, in order, in batches: wait until the barrier
/// allows a run of events, hand them to the handler without any synchronisation, then publish
/// the stage's own sequence once for the whole run.
template <typename Ring, typename Handler>
requires AnyEventHandler<Handler, typename Ring::EventType>
class BatchEventProcessor final : public HandlerProcessor<Handler> {
public:
    BatchEventProcessor(
        Ring &ring, std::shared_ptr<SequenceBarrier> barrier, Handler &handler, StageOptions options = {})
        : HandlerProcessor<Handler>(std::move(barrier), handler, std::move(options)), m_ring(ring)
    {
    }

protected:
    void processEvents() override
    {
        constexpr bool kBatchHandler = BatchHandler<Handler, typename Ring::EventType>;
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
                if constexpr (kBatchHandler) {
                    this->m_handler.onBatch(m_ring.batch(next, last), next);
                } else {
                    for (; current <= last; ++current)
                        this->m_handler.onEvent(m_ring[current], current, current == last);
                }
                this->advanceTo(last);
                next = last + 1;
            } catch (...) {
                if (!this->handleEventFailure(current, std::current_exception()))
                    return;
                // Report-and-continue: the failed event (or the whole failed batch) counts as done.
                const std::int64_t done = kBatchHandler ? last : current;
                this->advanceTo(done);
                next = done + 1;
            }
        }
    }

private:
    Ring &m_ring;
};

} // namespace ringflow::core
