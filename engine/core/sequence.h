#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <span>

namespace ringflow::core {

// 128 bytes, not 64: the adjacent-line prefetcher of x86 fetches cache lines in pairs, so two hot
// counters 64 bytes apart still ping-pong between cores.
inline constexpr std::size_t kFalseSharingRange = 128;
/// One cache line: the step of a prefetch over a block.
inline constexpr std::size_t kCacheLine = 64;

/// A 64-bit sequence counter that owns its cache-line pair, so that a producer's cursor and a
/// consumer's progress never share a line. Values start at -1: "nothing published/processed yet".
class alignas(kFalseSharingRange) Sequence {
public:
    static constexpr std::int64_t kInitial = -1;

    explicit Sequence(std::int64_t initial = kInitial) noexcept : m_value(initial) { }
    Sequence(const Sequence &) = delete;
    Sequence &operator=(const Sequence &) = delete;

    // Acquire pairs with the release in set(): whoever reads a sequence also sees the slot
    // contents written before it was advanced.
    std::int64_t get() const noexcept { return m_value.load(std::memory_order_acquire); }
    void set(std::int64_t value) noexcept { m_value.store(value, std::memory_order_release); }

    bool compareAndSet(std::int64_t expected, std::int64_t desired) noexcept
    {
        return m_value.compare_exchange_strong(expected, desired, std::memory_order_acq_rel, std::memory_order_acquire);
    }
    /// Adds and returns the previous value.
    std::int64_t fetchAdd(std::int64_t increment) noexcept
    {
        return m_value.fetch_add(increment, std::memory_order_acq_rel);
    }

private:
    std::atomic<std::int64_t> m_value;
};

static_assert(sizeof(Sequence) == kFalseSharingRange, "a Sequence must fill its padded lines");

/// The smallest value among `sequences`, or `whenEmpty` if there are none.
inline std::int64_t minimumSequence(std::span<const Sequence *const> sequences,
    std::int64_t whenEmpty = std::numeric_limits<std::int64_t>::max()) noexcept
{
    std::int64_t minimum = whenEmpty;
    for (const Sequence *sequence : sequences)
        minimum = std::min(minimum, sequence->get());
    return minimum;
}

/// Hint to the CPU that we are in a spin loop (frees pipeline resources for a sibling hyperthread).
inline void cpuRelax() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

} // namespace ringflow::core
