#pragma once

#include "consumer_handler.h"
#include "node_counters.h"
#include "plan.h"

#include <atomic>
#include <cstdint>

namespace ringflow::pipeline {

/// Shared by the threads of one producer node; written by the runtime, read once per batch.
struct ProducerControl {
    std::atomic<bool> paused {false};
    std::atomic<bool> stop {false};
};

struct ProducerThreadSetup {
    const ProducerPlan &plan;
    PipelineRing &ring;
    ProducerControl &control;
    const std::atomic<double> &rate; ///< events/s per thread, 0: as fast as possible (live)
    ProducerCounters &counters;
    std::uint32_t channel;
    std::uint32_t source;
    std::uint32_t payloadCapacity;
};

/// One producer thread: publishes `plan.eventsPerThread` events (or for `plan.durationSeconds`,
/// or until stopped) in batches of `plan.batch`, paced to the live rate, and marks itself finished.
void runProducerThread(const ProducerThreadSetup &setup);

} // namespace ringflow::pipeline
