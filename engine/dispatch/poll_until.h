#pragma once

#include <chrono>
#include <functional>

namespace ringflow::dispatch {

using Clock = std::chrono::steady_clock;

/// Now plus `timeout`, saturating at the largest time point (a "wait forever" timeout must not
/// overflow into the past).
inline Clock::time_point deadlineAfter(std::chrono::nanoseconds timeout) noexcept
{
    const auto now = Clock::now();
    if (timeout >= Clock::time_point::max() - now)
        return Clock::time_point::max();
    return now + std::chrono::duration_cast<Clock::duration>(timeout);
}

/// Asks `done` until it answers true, `abandoned` answers true, or `deadline` passes, pausing longer
/// and longer in between (yields, then sleeps of up to a millisecond). Returns done()'s last answer.
///
/// Used by the threads that wait for the consumers to drain (join, shutdown). Polling keeps them off
/// the ring's wait strategy: under busy-spin they would otherwise burn one of the cores the consumers
/// need, and a drain that finishes up to a millisecond late costs nothing.
bool pollUntil(const std::function<bool()> &done, const std::function<bool()> &abandoned, Clock::time_point deadline);

} // namespace ringflow::dispatch
