#pragma once

#include "run_sample.h"

#include <core/sequence.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace ringflow::bench {

/// What a dispatcher run sends: `producers` threads each emit `eventsPerProducer` events of
/// kDemoPayloadBytes on `emit` (one at a time, or `batch` per claim), then one `completed` event.
struct DemoShape {
    int producers = 256;
    std::uint64_t eventsPerProducer = 1000;
    std::size_t batch = 1;

    /// Per run: every producer's events plus its one `completed` event.
    std::uint64_t events() const noexcept { return static_cast<std::uint64_t>(producers) * (eventsPerProducer + 1); }
    DemoShape inBatchesOf(std::size_t size) const noexcept { return {producers, eventsPerProducer, size}; }
};

inline constexpr std::size_t kDemoPayloadBytes = 1024;
inline constexpr std::size_t kDemoCapacity = 4096; ///< ring slots, and queue items on the baseline
inline constexpr std::size_t kDemoBatch = 16; ///< events per batch in the batched variants
/// The shape of app/examples/dispatcher_demo.cpp: 256 producers x 1000 single emits.
inline constexpr DemoShape kDemo {256, 1000, 1};
/// The batch producer of issue 11: 128 producers x 100,000 emits (in batches of kDemoBatch).
inline constexpr DemoShape kBatchProducer {128, 100'000, 1};
/// The dispatcher's default, which the demo uses.
inline constexpr const char *kDispatcherWait = "atomic-wait";

/// What the two routes count, on the consumer thread only; checked after the run. Padded so that
/// whatever the run allocates next to it is not on the consumer's cache lines.
struct alignas(core::kFalseSharingRange) RouteTally {
    int producers = 0; ///< the run's, whose `completed` events stop the clock
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
        if (++completed == producers)
            lastCompleted = Clock::now();
    }
};

/// Empty when `tally` counted exactly the events of `shape`; otherwise what differs.
std::string checkTally(const RouteTally &tally, const DemoShape &shape);

/// Ringflow: `shape` on a Dispatcher<Bytes>.
RunSample runDispatcherDemo(const DemoShape &shape);

/// Baseline: the same work through one MutexQueue, a producer thread per producer pushing pre-built
/// items (one push each, or a batch under one lock with pushAll()) and one consumer routing by channel.
RunSample runMutexQueueDemo(const DemoShape &shape);

} // namespace ringflow::bench
