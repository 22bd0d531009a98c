#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace ringflow::pipeline {

/// The slot type of every pipeline ring. The payload bytes live in the ring's own arena, one fixed
/// region per slot (PayloadArena), so publishing never allocates and the event stays small.
struct PipelineEvent {
    std::uint64_t value = 0; ///< the producing thread's running count
    std::int64_t publishedNs = 0; ///< steady-clock ns at publish for sampled events, else 0
    std::uint32_t source = 0; ///< global index of the producing thread
    std::uint32_t channel = 0; ///< interned channel id
    std::uint32_t payloadSize = 0; ///< bytes used of the slot's payload region
};

// Thirty-two bytes: two events to a cache line. Every byte here is written by every publish and
// crosses from the producer's core to the consumers': a field added costs every ring's memory and
// every event, so keep it deliberate.
static_assert(sizeof(PipelineEvent) == 32, "PipelineEvent grew: check the ring's memory budget and the hot path");
static_assert(std::is_trivially_copyable_v<PipelineEvent>, "events are copied slot to slot when forwarded");

/// The payload regions of a ring's slots: slot i owns `capacity` bytes at base + i * capacity.
struct PayloadArena {
    std::byte *base = nullptr;
    std::uint32_t capacity = 0;
    std::int64_t mask = 0; ///< the ring's size - 1

    std::byte *at(std::int64_t sequence) const noexcept
    {
        return base + static_cast<std::size_t>(sequence & mask) * capacity;
    }
};

} // namespace ringflow::pipeline
