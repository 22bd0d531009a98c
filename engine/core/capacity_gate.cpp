#include "capacity_gate.h"

#include <algorithm>
#include <climits>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ringflow::core {

namespace {

// Parks on `word` while it holds `expected` (returns at once otherwise, or spuriously).
void parkWhile(std::atomic<std::uint32_t> &word, std::uint32_t expected) noexcept
{
#if defined(__linux__)
    // The futex itself, not atomic::wait(): libstdc++ spins and yields a dozen times first, which
    // keeps hundreds of would-be sleepers runnable, taking the CPU from the consumer that frees slots.
    syscall(SYS_futex, reinterpret_cast<std::uint32_t *>(&word), FUTEX_WAIT_PRIVATE, expected, nullptr, nullptr, 0);
#else
    word.wait(expected, std::memory_order_acquire);
#endif
}

// Wakes up to `count` threads parked on `word` (INT_MAX: all).
void wake(std::atomic<std::uint32_t> &word, int count) noexcept
{
#if defined(__linux__)
    syscall(SYS_futex, reinterpret_cast<std::uint32_t *>(&word), FUTEX_WAKE_PRIVATE, count, nullptr, nullptr, 0);
#else
    (void)count; // atomic::notify can wake one or all: all, as before the partial wake-up
    word.notify_all();
#endif
}

} // namespace

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

// The wake-up protocol of AtomicWaitStrategy, with a count of announced producers instead of a flag:
// a producer announces itself (m_waiting), then a seq_cst fence, then checks for room; a consumer
// has advanced its sequence (a release store), then a seq_cst fence, then reads m_waiting. The
// fences forbid both from missing each other: either the producer sees the freed slots, or the
// consumer sees it announced. A consumer that sees producers announced but less than half the ring
// free leaves them parked: slots are then claimed but not yet consumed, and consuming them brings
// further signals, the last of them with the ring empty.
//
// Each signal with half the ring free wakes one producer, not all; the others stay
// parked and announced, so the next signal wakes more. None is forgotten: a wake-up bumps the epoch,
// so whoever announced but has not parked yet returns at once, and at least one parked producer
// wakes. A woken producer either claims (its events bring further consumer signals) or finds the
// ring full again (its events are unconsumed, so further signals come too); the last signal comes
// with the ring empty, when every woken producer can claim. Woken producers that find room emit
// until the ring is full, hundreds of events each, where waking all 256 of the demo's gave each a
// handful before they parked again: a park and a wake-up cost two context switches and two
// system calls, more than the event itself.
//
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
        // Read the epoch before announcing: a wake-up after the check below changes it, so the park
        // returns at once. The announcement is a release (part of the seq_cst RMW): a signaller whose
        // acquire load reads it (or a later count in its release sequence) bumps the epoch after this
        // read, so the park cannot miss that bump.
        const std::uint32_t epoch = m_epoch.load(std::memory_order_acquire);
        m_waiting.fetch_add(1, std::memory_order_seq_cst);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        // Relaxed is enough: a close() this load misses bumps the epoch after its store, and that
        // bump comes after the epoch read above (had the read seen it, the store would be visible
        // here), so the park returns.
        if (!m_closed.load(std::memory_order_relaxed) && !mayClaim(n))
            parkWhile(m_epoch, epoch);
        // Relaxed: a signaller that still counts this producer only wakes somebody in vain.
        m_waiting.fetch_sub(1, std::memory_order_relaxed);
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
    // The load (ordered by the fence above) keeps the common case, nobody announced, free of reading
    // the consumers' sequences and of a read-modify-write. Acquire: see waitForCapacity(); the bump
    // is a release so that a parked producer that sees it also sees what came before.
    if (m_waiting.load(std::memory_order_acquire) == 0 || m_sequencer->remainingCapacity() < m_wakeAtFree)
        return;
    m_epoch.fetch_add(1, std::memory_order_release);
    wake(m_epoch, 1);
}

void CapacityGate::close() noexcept
{
    // seq_cst: see waitForCapacity()'s registration; the bump after it wakes whoever missed it.
    m_closed.store(true, std::memory_order_seq_cst);
    m_epoch.fetch_add(1, std::memory_order_release);
    wake(m_epoch, INT_MAX);
}

void CapacityGate::releaseWaiting() noexcept
{
    close();
    // The woken producers leave at once. seq_cst: see waitForCapacity() (it is also an acquire,
    // paired with their release on the way out).
    waitUntilNoneInside(m_inside);
}

} // namespace ringflow::core
