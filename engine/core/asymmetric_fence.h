#pragma once

#include <atomic>

namespace ringflow::core {

namespace detail {
/// Decides, once, whether the fences below are asymmetric (registering with membarrier if so).
bool registerAsymmetricFences() noexcept;
} // namespace detail

/// A seq_cst fence split in two for the wake-up protocol of the parking wait strategies, where one
/// side runs on every publish and the other only when a thread is about to park.
///
/// The protocol (Dekker's): a waiter announces itself, fences, then checks the sequence; a
/// signaller has advanced the sequence, fences, then checks for waiters. Each side needs a full
/// fence, and on x86 the signaller's (a locked instruction) waits for its store buffer to drain:
/// a producer that has just written a payload into lines another core holds waits for those lines
/// to arrive, on every publish (in `perf` on a forwarding pipeline with 64-byte payloads, 38% of
/// the producer's samples sat on that fence).
///
/// With Linux's membarrier(2), the waiter's heavyFence() makes every other running thread of the
/// process execute a full barrier before it returns, so the signaller's lightFence() only has to
/// stop the compiler from reordering: either the signaller's check of the waiters ran after its
/// barrier (and sees the announcement made before heavyFence()), or its sequence store was drained
/// by that barrier (and the waiter's check after heavyFence() sees it). A thread that was not
/// running passed a full barrier when it was switched out. Parking is rare next to publishing and
/// costs a futex anyway, so the heavy side's system call (a few microseconds) is paid where it is
/// cheap.
///
/// Where membarrier's private expedited command is missing or refused (old kernels, seccomp), or
/// when RINGFLOW_FENCES=symmetric is set in the environment (to measure the difference), both sides
/// are plain seq_cst fences. The choice is made once per process, before the first fence.
///
/// One answer for the whole process (an inline function's static is one object in every
/// translation unit, initialised once, every caller waiting for it): the light side skips the CPU
/// fence only if every heavy side uses membarrier.
inline bool asymmetricFences() noexcept
{
    static const bool registered = detail::registerAsymmetricFences();
    return registered;
}

/// The frequent side: after advancing a sequence, before reading whether anybody parked.
inline void lightFence() noexcept
{
    if (asymmetricFences())
        std::atomic_signal_fence(std::memory_order_seq_cst);
    else
        std::atomic_thread_fence(std::memory_order_seq_cst);
}

/// The rare side: after announcing a park, before checking the sequence once more.
void heavyFence() noexcept;

} // namespace ringflow::core
