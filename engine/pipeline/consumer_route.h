#pragma once

#include "ring_side.h"

#include <cstdint>
#include <vector>

namespace ringflow::pipeline {

/// What every thread of one consumer node shares: the side of the ring it reads, which events its
/// channel filter lets through, and the side of the ring it forwards into.
struct ConsumerRoute {
    const RingSide *side = nullptr;
    /// Whether the filter is decided per event: the node filters and the ring carries several
    /// channels. Otherwise every event is handled, or (a filter matching the ring's one channel
    /// not at all) none is, decided once.
    bool filtersPerEvent = false;
    bool acceptsNothing = false;
    std::vector<bool> acceptsChannel; ///< by channel id, when filtering per event
    RingSide *forwardSide = nullptr;
    /// Busy time, the last batch's end and sampled latency are measured (Plan::instrumented).
    bool instrumented = true;
    /// The stage's RewindStrategy::maxRewinds, so that its counting wrapper tells a rewind (the
    /// batch comes again) from a failure exactly as the processor does; and whether a re-delivery
    /// starts at the failing event (a polled stage's) rather than at the batch's first.
    std::int64_t maxRewinds = 0;
    bool rewindsFromFailure = false;

    bool accepts(std::int64_t sequence) const noexcept
    {
        if (!filtersPerEvent) [[likely]]
            return !acceptsNothing;
        const std::uint32_t channel = side->channel(sequence);
        return channel < acceptsChannel.size() && acceptsChannel[channel];
    }
};

} // namespace ringflow::pipeline
