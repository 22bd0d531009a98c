#pragma once

#include "core/sequence.h"
#include "fast_clock.h"
#include "latency_histogram.h"

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ringflow::pipeline {

/// Steady-clock nanoseconds: the time base of publish stamps, latencies, busy time and the flow
/// window, read cheaply (FastClock).
inline std::int64_t nowNs() noexcept
{
    return FastClock::nowNs();
}

/// Adds to a counter that only the calling thread writes: a relaxed load and store instead of a
/// locked read-modify-write, so counting costs the hot path almost nothing.
inline void addOwned(std::atomic<std::uint64_t> &counter, std::uint64_t amount) noexcept
{
    counter.store(counter.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
}

/// What one consumer thread (a stage, an aggregate, one worker of a pool) has done so far.
struct alignas(core::kFalseSharingRange) ConsumerCounters {
    std::atomic<std::uint64_t> processed {0}; ///< events taken off the ring
    std::atomic<std::uint64_t> handled {0}; ///< of those, the ones matching the channel filter
    std::atomic<std::uint64_t> errors {0};
    std::atomic<std::uint64_t> forwarded {0};
    std::atomic<std::uint64_t> rewinds {0}; ///< batches delivered again (core::RewindableException)
    std::atomic<std::uint64_t> busyNs {0}; ///< time spent inside batches
    std::atomic<std::int64_t> lastBatchEndNs {0}; ///< steady-clock ns; 0 before the first batch
    LatencyHistogram latency; ///< publish-to-handle of sampled events
};

// Each thread's counters own their cache lines: a stage counting its events must not slow down the
// stage next to it (the counters are written on every batch and read by the sampler).
static_assert(
    alignof(ConsumerCounters) == core::kFalseSharingRange && sizeof(ConsumerCounters) % core::kFalseSharingRange == 0);

/// What one producer thread has done so far.
struct alignas(core::kFalseSharingRange) ProducerCounters {
    std::atomic<std::uint64_t> published {0}; ///< events in the ring, completion event included
    std::atomic<std::uint64_t> dropped {0}; ///< try publish: events that found the ring full
    std::atomic<std::int64_t> firstPublishNs {0}; ///< steady-clock ns; 0 before the first publish
    std::atomic<bool> finished {false};
};

static_assert(sizeof(ProducerCounters) == core::kFalseSharingRange, "one producer thread's counters, one line pair");

} // namespace ringflow::pipeline
