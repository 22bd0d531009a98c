#pragma once

#include "event.h"

namespace ringflow::dispatch {

/// One ring slot: the event plus whether the emitter finished filling it. An emit whose payload
/// assignment throws still publishes its slot (consumers must never wait behind a claimed slot), and
/// `filled == false` keeps that half-written event away from the routes.
template <typename Payload>
struct Slot {
    Event<Payload> event;
    bool filled = false;
};

} // namespace ringflow::dispatch
