#pragma once

#include <cstdint>
#include <type_traits>

namespace ringflow::pipeline {

/// The event of a pipeline run on synthetic workloads: the producing thread's running count. All
/// else the runtime knows about an event (channel, payload, publish time) lives beside the ring
/// (RingSide), so that this event is as small as a hand-written benchmark's and a user's own event
/// type can take its place (Bindings).
struct SyntheticEvent {
    std::uint64_t value = 0;
};

static_assert(sizeof(SyntheticEvent) == 8, "eight events to a cache line, as in the core's benchmarks");
static_assert(std::is_trivially_copyable_v<SyntheticEvent>, "events are copied slot to slot when forwarded");

} // namespace ringflow::pipeline
