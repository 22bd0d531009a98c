#include "producer_control.h"

#include "fast_clock.h"

#include <thread>

namespace ringflow::pipeline {

namespace {

using Clock = std::chrono::steady_clock;

// Closer to its due time than this, a producer yields instead of sleeping: a sleep overshoots by
// tens of microseconds, which at high rates would be most of the interval.
constexpr std::int64_t kSleepAboveNs = 200'000;
constexpr std::int64_t kWakeEarlyNs = 100'000;

} // namespace

ProducerState::ProducerState(ProducerControl &control, const std::atomic<double> &rateControl)
    : control(control), rateControl(rateControl)
{
    refresh();
}

void ProducerState::refresh() noexcept
{
    // The count first: a change after this load bumps it again, so none is missed.
    seenChanges = control.changes.load(std::memory_order_acquire);
    stopped = control.stop.load(std::memory_order_acquire);
    paused = control.paused.load(std::memory_order_acquire);
    rate = rateControl.load(std::memory_order_relaxed);
}

void ProducerState::sleepWhilePaused()
{
    while (paused && !stopped) {
        control.sleepUntil(Clock::now() + std::chrono::seconds(1), [&] { return changed(); });
        refresh();
    }
}

bool Pacer::wait(const ProducerState &state, std::uint64_t published, std::int64_t deadlineNs)
{
    std::int64_t now = FastClock::nowNs();
    if (state.rate != m_rate) {
        m_rate = state.rate;
        m_startNs = now;
        m_startCount = published;
    }
    // In double, so that any rate in range gives a due time instead of an overflow; a due time
    // beyond the deadline is the deadline.
    const double dueNs = static_cast<double>(m_startNs) + static_cast<double>(published - m_startCount) * 1e9 / m_rate;
    const std::int64_t due = dueNs >= static_cast<double>(deadlineNs) ? deadlineNs : static_cast<std::int64_t>(dueNs);
    if (due <= now)
        return false;
    for (std::int64_t left = due - now; left > 0; left = due - FastClock::nowNs()) {
        if (left <= kSleepAboveNs)
            std::this_thread::yield();
        else if (state.control.sleepUntil(
                     Clock::now() + std::chrono::nanoseconds(left - kWakeEarlyNs), [&] { return state.changed(); }))
            break;
    }
    return true;
}

} // namespace ringflow::pipeline
