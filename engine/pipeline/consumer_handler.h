#pragma once

#include "core/event_batch.h"
#include "core/ring_buffer.h"
#include "node_counters.h"
#include "pipeline_event.h"
#include "workload.h"

#include <cstring>
#include <vector>

namespace ringflow::pipeline {

using PipelineRing = core::RingBuffer<PipelineEvent, core::Sequencer>;

/// What every thread of one consumer node shares: its channel filter and where it forwards to.
struct ConsumerRoute {
    std::vector<bool> acceptsChannel; ///< by channel id; empty: every channel
    PayloadArena payloads; ///< of the ring it reads
    PipelineRing *forwardTo = nullptr;
    PayloadArena forwardPayloads; ///< of the ring it forwards into
};

/// The simulated handler of one consumer thread: filter, workload, latency, forwarding, counting.
/// Its state is written on every batch by its thread alone: it owns its cache lines, so that no
/// neighbour on the heap read by another thread (a producer's controls) shares them.
///
/// Counts are kept in plain members while a batch runs and written to the shared counters once
/// per batch (flush()): the sampler reads them a few times a second, and a store to a shared line
/// per event would cost more than the count workload itself. Errors are counted at once, since an
/// error may end the stage.
class alignas(core::kFalseSharingRange) ConsumerHandler {
public:
    ConsumerHandler(const ConsumerRoute &route, ConsumerCounters &counters, const WorkloadPlan &workload,
        const LiveControls &controls, std::uint64_t seed)
        : m_route(route), m_counters(counters), m_workload(workload, controls, seed)
    {
    }

protected:
    void handle(const PipelineEvent &event, std::int64_t sequence)
    {
        if (!m_route.acceptsChannel.empty() && !m_route.acceptsChannel[event.channel])
            return;
        try {
            m_workload.run(event, m_route.payloads.at(sequence));
        } catch (...) {
            addOwned(m_counters.errors, 1);
            throw;
        }
        ++m_handled;
        if (event.publishedNs != 0) [[unlikely]]
            m_counters.latency.record(
                static_cast<std::uint64_t>(std::max<std::int64_t>(0, nowNs() - event.publishedNs)));
        if (m_route.forwardTo)
            forward(event, sequence);
    }

    /// Publishes the batch's counts and busy time (from `startNs`) to the shared counters.
    void flush(std::uint64_t processed, std::int64_t startNs) noexcept
    {
        const std::int64_t endNs = nowNs();
        addOwned(m_counters.processed, processed);
        addOwned(m_counters.handled, m_handled);
        addOwned(m_counters.forwarded, m_forwarded);
        addOwned(m_counters.busyNs, static_cast<std::uint64_t>(endNs - startNs));
        m_counters.lastBatchEndNs.store(endNs, std::memory_order_relaxed);
        m_handled = 0;
        m_forwarded = 0;
    }

    const ConsumerRoute &m_route;
    ConsumerCounters &m_counters;
    Workload m_workload;

private:
    void forward(const PipelineEvent &event, std::int64_t from)
    {
        PipelineRing &ring = *m_route.forwardTo;
        std::int64_t sequence;
        try {
            sequence = ring.next();
        } catch (const core::Halted &) {
            return; // the run is being halted: nothing downstream will read it
        }
        PipelineEvent &out = ring[sequence];
        out = event;
        out.payloadSize = std::min(event.payloadSize, m_route.forwardPayloads.capacity);
        std::memcpy(m_route.forwardPayloads.at(sequence), m_route.payloads.at(from), out.payloadSize);
        ring.publish(sequence);
        ++m_forwarded;
    }

    std::uint64_t m_handled = 0; ///< in the current batch
    std::uint64_t m_forwarded = 0;
};

/// Per-event handling: busy time is measured per batch, from its first event to its last.
class EventConsumer final : public ConsumerHandler {
public:
    using ConsumerHandler::ConsumerHandler;

    void onEvent(PipelineEvent &event, std::int64_t sequence, bool endOfBatch)
    {
        if (m_pending == 0)
            m_batchStartNs = nowNs();
        ++m_pending;
        try {
            handle(event, sequence);
        } catch (...) {
            if (endOfBatch)
                endBatch();
            throw;
        }
        if (endOfBatch)
            endBatch();
    }

    /// A batch cut short (a halt between events) never saw its end: count what it handled.
    void onShutdown() noexcept
    {
        if (m_pending > 0)
            endBatch();
    }

private:
    void endBatch() noexcept
    {
        flush(m_pending, m_batchStartNs);
        m_pending = 0;
    }

    std::uint64_t m_pending = 0; ///< events of the current batch taken so far
    std::int64_t m_batchStartNs = 0;
};

/// Batch handling: the whole run of available events in one call.
class BatchConsumer final : public ConsumerHandler {
public:
    using ConsumerHandler::ConsumerHandler;

    void onBatch(const core::EventBatch<PipelineEvent> &batch, std::int64_t firstSequence)
    {
        struct FlushOnExit {
            BatchConsumer &consumer;
            std::uint64_t size;
            std::int64_t start;
            ~FlushOnExit() { consumer.flush(size, start); }
        } flushOnExit {*this, batch.size(), nowNs()};
        std::int64_t sequence = firstSequence;
        for (const PipelineEvent &event : batch)
            handle(event, sequence++);
    }
};

} // namespace ringflow::pipeline
