#pragma once

#include <cstdint>

namespace ringflow::bench {

/// The event of every case: one 64-bit value, as in the LMAX throughput tests.
struct ValueEvent {
    std::int64_t value = 0;
};

/// Slots of every ring and of every baseline queue in the throughput cases: both sides get the
/// same room to absorb the scheduler's hiccups, which on an oversubscribed machine decides a lot.
inline constexpr std::int64_t kCapacity = 1 << 16;

/// Events per claim in the batched case: next(n)/publish(lo, hi) on Ringflow, one locked push of
/// the whole batch on the mutex queue.
inline constexpr std::int64_t kPublishBatch = 100;

} // namespace ringflow::bench
