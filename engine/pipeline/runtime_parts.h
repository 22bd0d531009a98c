#pragma once

// Internal to the runtime: the engine objects a run is made of, built from a plan before any
// thread starts (runtime_parts.cpp), started and stopped by Runtime (runtime.cpp).

#include "consumer_handler.h"
#include "core/disruptor.h"
#include "live_controls.h"
#include "node_counters.h"
#include "plan.h"
#include "producer_loop.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ringflow::pipeline::detail {

using RingDisruptor = core::Disruptor<PipelineEvent, core::Sequencer>;

/// A ring with its payload arena and the disruptor that runs its consumers.
struct RingPart {
    const RingPlan *plan = nullptr;
    std::unique_ptr<std::byte[]> arena; ///< payloadCapacity bytes per slot
    PayloadArena payloads; ///< the arena, as handlers address it
    std::unique_ptr<RingDisruptor> disruptor;

    PipelineRing &ring() const { return disruptor->ringBuffer(); }
};

/// A producer node: its threads are started by Runtime::start().
struct ProducerPart {
    const ProducerPlan *plan = nullptr;
    RingPart *ring = nullptr;
    ProducerControl control;
    std::unique_ptr<LiveControls> live;
    std::vector<std::unique_ptr<ProducerCounters>> counters; ///< one per thread
    std::uint32_t channel = 0;
    std::uint32_t firstSource = 0; ///< global index of its first thread
};

/// A consumer node: its handlers run on the processors of its ring's disruptor.
struct ConsumerPart {
    const ConsumerPlan *plan = nullptr;
    RingPart *ring = nullptr;
    ConsumerRoute route;
    std::unique_ptr<LiveControls> live;
    std::vector<std::unique_ptr<ConsumerCounters>> counters; ///< one per thread
    std::vector<std::unique_ptr<EventConsumer>> eventHandlers;
    std::vector<std::unique_ptr<BatchConsumer>> batchHandlers;
    std::vector<const core::Sequence *> sequences; ///< of its processors, for the backlog
};

/// Everything a run is made of, in plan order.
struct RuntimeParts {
    std::vector<std::unique_ptr<RingPart>> rings;
    std::vector<std::unique_ptr<ProducerPart>> producers;
    std::vector<std::unique_ptr<ConsumerPart>> consumers;
    std::vector<std::string> channels; ///< interned channel names; an event carries the index

    /// Builds the rings, producers and consumers of `plan` (which must outlive the parts); handler
    /// errors go to `onError`. Throws std::invalid_argument for a plan that names what it lacks.
    RuntimeParts(const Plan &plan, const core::ErrorHandler &onError);
};

} // namespace ringflow::pipeline::detail
