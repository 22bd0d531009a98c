#pragma once

#include "event.h"

#include <core/sequence.h>

namespace ringflow::dispatch {

/// One ring slot: the event plus whether the emitter finished filling it. An emit whose payload
/// assignment throws still publishes its slot (consumers must never wait behind a claimed slot), and
/// `filled == false` keeps that half-written event away from the routes.
///
/// Padded to whole lines: neighbouring slots are filled by different producers, often on different
/// cores at the same moment, and a line shared by two slots would pass between those cores.
template <typename Payload>
struct alignas(core::kFalseSharingRange) alignas(Event<Payload>) Slot {
    Event<Payload> event;
    bool filled = false;
};

} // namespace ringflow::dispatch
