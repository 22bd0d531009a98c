#pragma once

#include "core/wait_strategy.h"

#include <memory>
#include <string_view>

namespace ringflow::bench {

/// The phased back-off strategy as it was before issue 11 (spin 10 µs, yield until 110 µs, then park
/// on a mutex and condition variable), kept only here so that the benchmark can run it beside the
/// current one in the same binary.
inline constexpr std::string_view kPhasedBackoffBefore = "phased-backoff-before";

/// makeWaitStrategy(), plus the benchmark-only variants above; nullptr for an unknown name.
std::unique_ptr<core::WaitStrategy> makeBenchWaitStrategy(std::string_view name);

} // namespace ringflow::bench
