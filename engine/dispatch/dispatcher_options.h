#pragma once

#include "dispatch_error.h"

#include <core/event_handler.h>
#include <core/wait_strategy.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ringflow::dispatch {

/// How routes are laid out on the ring's consumer side (see docs/dispatch.md for measurements).
enum class ConsumerLayout {
    SharedStage, ///< one consumer thread calls every matching route; the fastest for light routes
    StagePerRoute, ///< one consumer thread per route; a slow route no longer delays the others
};

/// How a Dispatcher is built; fixed for its lifetime.
struct DispatcherOptions {
    std::int64_t bufferSize = 4096; ///< slots, a power of two
    std::string waitStrategy = "atomic-wait"; ///< one of core::kWaitStrategyNames
    std::size_t payloadCapacity = 0; ///< reserved in every slot for payloads with reserve()
    ConsumerLayout layout = ConsumerLayout::SharedStage;
    std::int64_t maxBatchSize = 256; ///< events a stage handles before releasing them; 0: no limit
    /// Continue (report and go on), Halt (halt the dispatcher) or HaltStage (stop the failing route only).
    core::ExceptionPolicy routeErrors = core::ExceptionPolicy::Continue;
    ErrorCallback onError {}; ///< empty: standard error
};

/// Checks `options` and creates its wait strategy; throws std::invalid_argument naming the mistake.
std::unique_ptr<core::WaitStrategy> makeWaitStrategyFor(const DispatcherOptions &options);

} // namespace ringflow::dispatch
