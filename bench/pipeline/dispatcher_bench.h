#pragma once

#include "run_sample.h"

#include <core/sequence.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace ringflow::bench {

// The shape of app/examples/dispatcher_demo.cpp, fixed so that every run does the same work.
inline constexpr int kDemoProducers = 256;
inline constexpr std::uint64_t kDemoEventsPerProducer = 1000;
inline constexpr std::size_t kDemoPayloadBytes = 1024;
inline constexpr std::size_t kDemoCapacity = 4096; ///< ring slots, and queue items on the baseline
inline constexpr std::size_t kDemoBatch = 16; ///< events per batch in the batched variant
/// Per run: every producer's events plus its one `completed` event.
inline constexpr std::uint64_t kDemoEvents = kDemoProducers * (kDemoEventsPerProducer + 1);
/// The dispatcher's default, which the demo uses.
inline constexpr const char *kDispatcherWait = "atomic-wait";

/// What the two routes count, on the consumer thread only; checked after the run. Padded so that
/// whatever the run allocates next to it is not on the consumer's cache lines.
struct alignas(core::kFalseSharingRange) RouteTally {
    std::uint64_t emits = 0;
    std::uint64_t emitBytes = 0;
    int completed = 0;
    std::uint64_t reportedEmits = 0; ///< the sum of the counts the `completed` events carry
    Clock::time_point lastCompleted {};

    void countEmit(std::size_t bytes) noexcept
    {
        ++emits;
        emitBytes += bytes;
    }

    /// The clock of a run stops at the last producer's `completed` event: both sides deliver in
    /// order and each producer sends it after all of its events, so nothing is left to route then.
    void countCompleted(std::uint64_t reported) noexcept
    {
        reportedEmits += reported;
        if (++completed == kDemoProducers)
            lastCompleted = Clock::now();
    }
};

/// Empty when `tally` counted exactly the demo's events; otherwise what differs.
std::string checkTally(const RouteTally &tally);

/// Ringflow: the demo on a Dispatcher<Bytes>, single emits (batch 1) or batches of `batch`.
RunSample runDispatcherDemo(std::size_t batch);

/// Baseline: the same work through one MutexQueue, 256 producer threads pushing pre-built items
/// (one push each, or `batch` under one lock with pushAll()) and one consumer routing by channel.
RunSample runMutexQueueDemo(std::size_t batch);

} // namespace ringflow::bench
