#pragma once

#include "core/sequence.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace ringflow::pipeline {

/// The payload of a completion event: the thread's published count, as a std::uint64_t (cut to
/// the ring's payload capacity when that is smaller).
inline constexpr std::uint32_t kCompletionPayloadBytes = sizeof(std::uint64_t);

/// Shared by the threads of one producer node; written by the runtime, read once per batch.
/// A producer waiting to pace itself or paused sleeps on `changed`; whoever stops, pauses,
/// resumes or tunes the node calls wake(), so that every such change takes effect at once.
/// Read on every batch, it owns its cache lines.
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

/// What one producer thread last saw of its control state and live rate.
struct ProducerState {
    ProducerState(ProducerControl &control, const std::atomic<double> &rateControl);

    /// True when stop(), pause(), resume() or a new rate happened since the last look: cheap,
    /// one load of a line that only those write.
    bool changed() const noexcept { return control.changes.load(std::memory_order_acquire) != seenChanges; }
    /// Reads the control state again.
    void refresh() noexcept;
    /// Sleeps while paused and not stopped; true when it was (a schedule must then start anew).
    /// Inline, since a running producer asks before every batch.
    bool holdWhilePaused()
    {
        if (!paused) [[likely]]
            return false;
        sleepWhilePaused();
        return true;
    }
    void sleepWhilePaused();

    ProducerControl &control;
    const std::atomic<double> &rateControl;
    std::uint64_t seenChanges = 0;
    bool stopped = false;
    bool paused = false;
    double rate = 0; ///< events/s, 0: as fast as possible
};

/// Keeps a producer on an absolute schedule, so sleep overshoots do not accumulate and low rates
/// stay accurate; a rate change starts a new schedule from now.
class Pacer {
public:
    /// Waits until the event numbered `published` is due at `state.rate` (> 0), or until
    /// `deadlineNs`; returns early when the producer's control state changes. True when it waited
    /// at all: the caller then looks at the state and the deadline again before publishing.
    bool wait(const ProducerState &state, std::uint64_t published, std::int64_t deadlineNs);
    void restart() { m_rate = 0; }

private:
    double m_rate = 0;
    std::int64_t m_startNs = 0;
    std::uint64_t m_startCount = 0;
};

} // namespace ringflow::pipeline
