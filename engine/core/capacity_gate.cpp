#include "capacity_gate.h"

#include <algorithm>

namespace ringflow::core {

CapacityGate::CapacityGate(std::unique_ptr<WaitStrategy> inner)
    : m_inner(std::move(inner)), m_innerNeedsSignal(m_inner->needsSignal())
{
}

void CapacityGate::attach(const Sequencer &sequencer) noexcept
{
    m_sequencer = &sequencer;
    m_wakeAtFree = std::max<std::int64_t>(1, sequencer.bufferSize() / 2);
}

bool CapacityGate::mayClaim(std::int64_t n) const noexcept
{
    return m_sequencer->hasAvailableCapacity(n);
}

// The wake-up protocol of AtomicWaitStrategy: a producer announces itself (m_parked), then a
// seq_cst fence, then checks for room; a consumer has advanced its sequence (a release store), then
// a seq_cst fence, then reads m_parked. The fences forbid both from missing each other: either the
// producer sees the freed slots, or the consumer sees it parked. A consumer that sees it parked but
// less than half the ring free leaves it parked: slots are then claimed but not yet consumed, and
// consuming them brings further signals, the last of them with the ring empty.
// Unlike the rings' strategies, the gate keeps two plain fences (not asymmetric_fence.h): it serves
// many more producers than cores, which park here thousands of times a second, and a membarrier per
// park would interrupt the one consumer that frees the slots each time.
bool CapacityGate::waitForCapacity(std::int64_t n) noexcept
{
    // seq_cst, paired with close(): a producer that registers after the closing store sees it, one
    // that registered before it is counted by releaseWaiting().
    m_inside.fetch_add(1, std::memory_order_seq_cst);
    bool open = !m_closed.load(std::memory_order_seq_cst);
    if (open && !mayClaim(n)) {
        // Read the epoch before announcing: a wake-up after the check below changes it, so wait()
        // returns. Release: a signaller whose exchange reads this store bumps the epoch after that read.
        const std::uint32_t epoch = m_epoch.load(std::memory_order_acquire);
        m_parked.store(true, std::memory_order_release);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        // Relaxed is enough: a close() this load misses bumps the epoch after its store, and that
        // bump comes after the epoch read above (had the read seen it, the store would be visible
        // here), so wait() returns.
        if (!m_closed.load(std::memory_order_relaxed) && !mayClaim(n))
            m_epoch.wait(epoch, std::memory_order_acquire);
        // Acquire, paired with close()'s store: a producer woken by a close sees it.
        open = !m_closed.load(std::memory_order_acquire);
    }
    // Release: all this producer did with the gate happens before releaseWaiting() sees it gone.
    m_inside.fetch_sub(1, std::memory_order_release);
    return open;
}

void CapacityGate::signalAllWhenBlocking() noexcept
{
    if (m_innerNeedsSignal)
        m_inner->signalAllWhenBlocking();
    std::atomic_thread_fence(std::memory_order_seq_cst);
    // The relaxed load (ordered by the fence above) keeps the common case, nobody parked, free of
    // reading the consumers' sequences and of a read-modify-write. Only the signaller whose exchange
    // clears the flag wakes anybody; acq_rel orders its bump after the parked producers' epoch reads
    // (their release stores of the flag), and the bump is a release so that wait() returns.
    if (!m_parked.load(std::memory_order_relaxed) || m_sequencer->remainingCapacity() < m_wakeAtFree
        || !m_parked.exchange(false, std::memory_order_acq_rel))
        return;
    m_epoch.fetch_add(1, std::memory_order_release);
    m_epoch.notify_all();
}

void CapacityGate::close() noexcept
{
    // seq_cst: see waitForCapacity()'s registration; the bump after it wakes whoever missed it.
    m_closed.store(true, std::memory_order_seq_cst);
    m_epoch.fetch_add(1, std::memory_order_release);
    m_epoch.notify_all();
}

void CapacityGate::releaseWaiting() noexcept
{
    close();
    // The woken producers leave at once. seq_cst: see waitForCapacity() (it is also an acquire,
    // paired with their release on the way out).
    waitUntilNoneInside(m_inside);
}

} // namespace ringflow::core
