#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace ringflow::pipeline {

/// The slot type of every pipeline ring. The payload bytes live in the ring's own arena (one
/// fixed region per slot, set when the ring is built), so publishing never allocates.
struct PipelineEvent {
    std::uint64_t value = 0; ///< the producing thread's running count
    std::int64_t publishedNs = 0; ///< steady-clock ns at publish for sampled events, else 0
    std::uint32_t source = 0; ///< global index of the producing thread
    std::uint32_t channel = 0; ///< interned channel id
    std::uint32_t payloadSize = 0;
    std::byte *payload = nullptr;
};

// Forty bytes: eight events share three cache lines, and a producer filling a batch writes whole
// lines. A field added here costs every ring's memory and every publish: keep it deliberate.
static_assert(sizeof(PipelineEvent) == 40, "PipelineEvent grew: check the ring's memory budget and the hot path");
static_assert(std::is_trivially_copyable_v<PipelineEvent>, "events are copied slot to slot when forwarded");

} // namespace ringflow::pipeline
