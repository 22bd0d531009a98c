#pragma once

#include "sequencer.h"
#include "wait_strategy.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

namespace ringflow::core {

/// A ring's wait strategy (consumers wait with it unchanged), plus a gate where producers wait for
/// free slots: for multi-producer rings with many more publishing threads than cores (the dispatcher's
/// ring, and such rings of the pipeline runtime).
///
/// Why not the core's next(): it claims first and then waits in the ring's strategy, which spins,
/// yields for up to 50 µs and only then parks. With hundreds of producers on two cores those yields
/// keep the scheduler busy with threads that cannot progress and take the CPU from the one consumer
/// that frees slots, and each waiting claim holds a place in line, so the consumer in turn waits for
/// waiting producers to be scheduled (docs/benchmarks-pipelines.md, "Why batches were slower").
///
/// The gate learns of freed slots from the consumers' end-of-batch signals, which every core
/// processor sends when its strategy needs them (needsSignal() is always true here).
/// Emitters claim with tryNext() instead, so a producer at the gate holds no claim; it parks at once.
/// Once the ring is at least half free, each consumer signal wakes one of them, not all: every
/// woken producer then finds hundreds of free slots and emits that many events before it parks
/// again, instead of a handful each for hundreds of woken threads. Parks and wake-ups (two context
/// switches and a futex each) were most of a single emit's cost with 256 producers. One rather than a
/// few: producers woken together run on different cores at once and pass the claim cursor and the
/// slots' lines between them on every event (docs/benchmarks-pipelines.md, "One at a time": the
/// dispatcher's single emits 1.2-1.6x, the pipeline runtime's 1.1-1.2x against eight).
class CapacityGate final : public WaitStrategy {
public:
    /// Wraps `inner`; each consumer signal with half the ring free wakes one producer at the gate.
    explicit CapacityGate(std::unique_ptr<WaitStrategy> inner);

    /// The sequencer whose free slots the gate watches; before any producer or consumer runs.
    void attach(const Sequencer &sequencer) noexcept;

    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override
    {
        return m_inner->waitFor(sequence, dependency, alerted);
    }
    /// The inner strategy's signal, then a wake-up of the gate's producers once half the ring is free.
    void signalAllWhenBlocking() noexcept override;
    /// A publish signals the inner strategy only. Publishing never frees a slot (the free room is
    /// the claim cursor against the consumers' sequences, and a publish moves neither), so it can
    /// never be what a producer at the gate waits for; the consumers' signals after each batch are.
    /// This keeps a seq_cst fence and the reads of the cursor and the consumers' sequences (lines
    /// other cores write) off every publish while producers are parked, which is most of the time
    /// with many more producers than cores.
    WaitStrategy *publishSignalled() noexcept override { return m_inner->publishSignalled(); }
    std::string_view name() const noexcept override { return m_inner->name(); }
    /// Always: the gate learns of freed slots from the consumers' signals.
    bool needsSignal() const noexcept override { return true; }

    /// Parks the calling producer until `n` slots may be free (then it claims again), or the gate
    /// closed: false then.
    bool waitForCapacity(std::int64_t n) noexcept;
    /// Closes the gate for good and wakes every producer at it; they leave with false.
    void close() noexcept;
    /// close(), then waits until every producer has left the gate (before the gate is freed).
    void releaseWaiting() noexcept;

private:
    bool mayClaim(std::int64_t n) const noexcept;

    const std::unique_ptr<WaitStrategy> m_inner;
    const bool m_innerNeedsSignal;
    const Sequencer *m_sequencer = nullptr;
    std::int64_t m_wakeAtFree = 1;
    std::atomic<std::uint32_t> m_epoch {0};

    std::atomic<int> m_waiting {0}; ///< producers announced at the gate: parked or about to park
    std::atomic<bool> m_closed {false};
    std::atomic<int> m_inside {0}; ///< producers inside waitForCapacity(); see releaseWaiting()
};

} // namespace ringflow::core
