#pragma once

#include "consumer_handler.h"
#include "node_counters.h"
#include "plan.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace ringflow::pipeline {

/// Shared by the threads of one producer node; written by the runtime, read once per batch.
/// A producer waiting to pace itself or paused sleeps on `changed`; whoever stops, pauses,
/// resumes or tunes the node calls wake(), so that every such change takes effect at once.
/// Read on every batch, it owns its cache lines (see ConsumerHandler).
struct alignas(core::kFalseSharingRange) ProducerControl {
    std::atomic<bool> paused {false};
    std::atomic<bool> stop {false};
    /// Bumped by every wake(): a publishing producer reads only this once per batch, and looks at
    /// `paused`, `stop` and its live rate again only when it changed.
    std::atomic<std::uint64_t> changes {0};
    std::mutex mutex;
    std::condition_variable changed;

    /// Call after changing `paused`, `stop` or a live parameter of the node.
    void wake()
    {
        // Release: a producer that sees the new count (acquire) also sees what changed before it.
        changes.fetch_add(1, std::memory_order_release);
        // Taking the lock orders the notify after a waiter's check of the state under it.
        {
            std::lock_guard lock(mutex);
        }
        changed.notify_all();
    }

    /// Sleeps until `deadline` (steady clock) or until `done()` holds, checked under the lock
    /// after every wake(). Returns done().
    template <typename Done>
    bool sleepUntil(std::chrono::steady_clock::time_point deadline, Done done)
    {
        std::unique_lock lock(mutex);
        return changed.wait_until(lock, deadline, done);
    }
};

struct ProducerThreadSetup {
    const ProducerPlan &plan;
    PipelineRing &ring;
    ProducerControl &control;
    const std::atomic<double> &rate; ///< events/s per thread, 0: as fast as possible (live)
    ProducerCounters &counters;
    std::uint32_t channel;
    std::uint32_t source;
    PayloadArena payloads; ///< of the ring it publishes into
};

/// One producer thread: publishes `plan.eventsPerThread` events (or for `plan.durationSeconds`,
/// or until stopped) in batches of `plan.batch`, paced to the live rate, and marks itself finished.
void runProducerThread(const ProducerThreadSetup &setup);

} // namespace ringflow::pipeline
