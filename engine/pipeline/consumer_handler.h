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
    PipelineRing *forwardTo = nullptr;
    std::uint32_t forwardCapacity = 0; ///< payload bytes per slot of the target ring
};

/// The simulated handler of one consumer thread: filter, workload, latency, forwarding, counting.
/// Its state is written on every batch by its thread alone: it owns its cache lines, so that no
/// neighbour on the heap read by another thread (a producer's controls) shares them.
class alignas(core::kFalseSharingRange) ConsumerHandler {
public:
    ConsumerHandler(const ConsumerRoute &route, ConsumerCounters &counters, const WorkloadPlan &workload,
        const LiveControls &controls, std::uint64_t seed)
        : m_route(route), m_counters(counters), m_workload(workload, controls, seed)
    {
    }

protected:
    void handle(const PipelineEvent &event)
    {
        if (!m_route.acceptsChannel.empty() && !m_route.acceptsChannel[event.channel])
            return;
        try {
            m_workload.run(event);
        } catch (...) {
            addOwned(m_counters.errors, 1);
            throw;
        }
        addOwned(m_counters.handled, 1);
        if (event.publishedNs != 0)
            m_counters.latency.record(
                static_cast<std::uint64_t>(std::max<std::int64_t>(0, nowNs() - event.publishedNs)));
        if (m_route.forwardTo)
            forward(event);
    }

    const ConsumerRoute &m_route;
    ConsumerCounters &m_counters;
    Workload m_workload;

private:
    void forward(const PipelineEvent &event)
    {
        PipelineRing &ring = *m_route.forwardTo;
        std::int64_t sequence;
        try {
            sequence = ring.next();
        } catch (const core::Halted &) {
            return; // the run is being halted: nothing downstream will read it
        }
        PipelineEvent &out = ring[sequence];
        out.value = event.value;
        out.publishedNs = event.publishedNs;
        out.source = event.source;
        out.channel = event.channel;
        out.payloadSize = std::min(event.payloadSize, m_route.forwardCapacity);
        std::memcpy(out.payload, event.payload, out.payloadSize);
        ring.publish(sequence);
        addOwned(m_counters.forwarded, 1);
    }
};

/// Per-event handling: busy time is measured per batch, from its first event to its last.
class EventConsumer final : public ConsumerHandler {
public:
    using ConsumerHandler::ConsumerHandler;

    void onEvent(PipelineEvent &event, std::int64_t, bool endOfBatch)
    {
        if (m_batchStartNs == 0)
            m_batchStartNs = nowNs();
        addOwned(m_counters.processed, 1);
        try {
            handle(event);
        } catch (...) {
            if (endOfBatch)
                endBatch();
            throw;
        }
        if (endOfBatch)
            endBatch();
    }

private:
    void endBatch() noexcept
    {
        addOwned(m_counters.busyNs, static_cast<std::uint64_t>(nowNs() - m_batchStartNs));
        m_batchStartNs = 0;
    }

    std::int64_t m_batchStartNs = 0;
};

/// Batch handling: the whole run of available events in one call.
class BatchConsumer final : public ConsumerHandler {
public:
    using ConsumerHandler::ConsumerHandler;

    void onBatch(const core::EventBatch<PipelineEvent> &batch, std::int64_t)
    {
        const std::int64_t start = nowNs();
        addOwned(m_counters.processed, batch.size());
        struct AddBusyOnExit {
            ConsumerCounters &counters;
            std::int64_t start;
            ~AddBusyOnExit() { addOwned(counters.busyNs, static_cast<std::uint64_t>(nowNs() - start)); }
        } addBusy {m_counters, start};
        for (const PipelineEvent &event : batch)
            handle(event);
    }
};

} // namespace ringflow::pipeline
