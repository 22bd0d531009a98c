#include "wait_strategy.h"

#include "asymmetric_fence.h"
#include "sequence.h"

#include <algorithm>
#include <thread>

namespace ringflow::core {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSpinTries = 100;

// Checks the two ways out of a wait. Alert first: a halted stage must stop even with work pending.
inline bool finished(
    std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted, WaitResult &result) noexcept
{
    if (alerted.load(std::memory_order_acquire)) {
        result = {0, WaitStatus::Alerted};
        return true;
    }
    const std::int64_t available = dependency.available(sequence);
    if (available >= sequence) {
        result = {available, WaitStatus::Available};
        return true;
    }
    return false;
}

// Parking costs the waiter a futex round trip and, while it is parked, every signaller a notify.
// A consumer that has just caught up is usually fed again within microseconds, so spin briefly,
// then yield for up to kYieldBeforeParking: on a busy machine a yield hands the core to the thread
// being waited for, and a wait that ends here skips the futex. An idle stage pays this once.
constexpr auto kYieldBeforeParking = std::chrono::microseconds(50);

inline bool finishedSoon(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted,
    WaitResult &result, std::chrono::nanoseconds yieldFor = kYieldBeforeParking) noexcept
{
    for (int i = 0; i < kSpinTries; ++i) {
        if (finished(sequence, dependency, alerted, result))
            return true;
        cpuRelax();
    }
    const auto parkAt = Clock::now() + yieldFor;
    do {
        if (finished(sequence, dependency, alerted, result))
            return true;
        std::this_thread::yield();
    } while (Clock::now() < parkAt);
    return false;
}

} // namespace

WaitResult BusySpinWaitStrategy::waitFor(
    std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted)
{
    // A thread that spins while the thread it waits for is descheduled only burns the time slice
    // that thread needs; a rare yield keeps an oversubscribed machine moving.
    constexpr unsigned kSpinsPerYield = 4096;
    WaitResult result;
    for (unsigned i = 1; !finished(sequence, dependency, alerted, result); ++i) {
        if (i % kSpinsPerYield == 0)
            std::this_thread::yield();
        else
            cpuRelax();
    }
    return result;
}

WaitResult YieldingWaitStrategy::waitFor(
    std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted)
{
    // Yielding keeps latency low while other threads have work; once the wait has lasted this
    // long the pipeline is idle, and a short nap stops an idle stage from spinning a core.
    constexpr auto kNapAfter = std::chrono::milliseconds(1);
    constexpr auto kNap = std::chrono::microseconds(100);

    WaitResult result;
    for (int i = 0; i < kSpinTries; ++i) {
        if (finished(sequence, dependency, alerted, result))
            return result;
        cpuRelax();
    }
    const auto napFrom = Clock::now() + kNapAfter;
    for (unsigned i = 0;; ++i) {
        if (finished(sequence, dependency, alerted, result))
            return result;
        if ((i & 63) == 63 && Clock::now() >= napFrom)
            std::this_thread::sleep_for(kNap);
        else
            std::this_thread::yield();
    }
}

SleepingWaitStrategy::SleepingWaitStrategy(std::chrono::nanoseconds sleep) : m_sleep(sleep)
{
}

// Spins, yields, then sleeps m_sleep between checks. A wait that has lasted kLongerSleepsAfter is
// an idle stage: from then on each sleep doubles up to kLongestSleep, so that an idle stage wakes
// about 250 times a second instead of twenty thousand (a fraction of a percent of a core; with
// 1 ms it still took 1.8% on the loaded 2-core machine).
WaitResult SleepingWaitStrategy::waitFor(
    std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted)
{
    constexpr auto kLongerSleepsAfter = std::chrono::milliseconds(10);
    constexpr auto kLongestSleep = std::chrono::nanoseconds(std::chrono::milliseconds(4));
    WaitResult result;
    if (finishedSoon(sequence, dependency, alerted, result))
        return result;
    const auto idleFrom = Clock::now() + kLongerSleepsAfter;
    std::chrono::nanoseconds sleep = m_sleep;
    while (!finished(sequence, dependency, alerted, result)) {
        std::this_thread::sleep_for(sleep);
        if (sleep < kLongestSleep && Clock::now() >= idleFrom)
            sleep = std::min(2 * sleep, std::max(kLongestSleep, m_sleep));
    }
    return result;
}

// The wake-up protocol (AtomicWaitStrategy uses it with a flag): a waiter registers in m_waiters, then a
// heavy fence, then checks the condition; a signaller has advanced a sequence, then a light fence,
// then reads m_waiters. The pair acts as two seq_cst fences (asymmetric_fence.h) and forbids both
// sides from missing each other, so either the waiter sees the new sequence or the signaller sees
// the waiter and notifies. A signaller with nobody parked pays only the light fence.
WaitResult BlockingWaitStrategy::waitFor(
    std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted)
{
    // A timed wait ends (and starts again) every m_timeout while idle: yielding before each one
    // would cost an idle stage kYieldBeforeParking / m_timeout of a core.
    WaitResult result;
    if (finishedSoon(sequence, dependency, alerted, result,
            m_timeout.count() == 0 ? kYieldBeforeParking : std::chrono::nanoseconds(0)))
        return result;

    const auto deadline = Clock::now() + m_timeout;
    std::unique_lock lock(m_mutex);
    m_waiters.fetch_add(1, std::memory_order_relaxed);
    // Untimed, a wait gets here only after 50 µs of yields, rarely; timed, after one yield, at
    // nearly every catch-up, where a membarrier per park tripled the ping-pong's p99 (29 -> 72-86
    // µs). So a timed strategy keeps two plain fences, one per side.
    if (m_timeout.count() == 0)
        heavyFence();
    else
        std::atomic_thread_fence(std::memory_order_seq_cst);
    while (!finished(sequence, dependency, alerted, result)) {
        if (m_timeout.count() == 0) {
            m_condition.wait(lock);
        } else if (m_condition.wait_until(lock, deadline) == std::cv_status::timeout) {
            if (!finished(sequence, dependency, alerted, result))
                result = {0, WaitStatus::TimedOut};
            break;
        }
    }
    m_waiters.fetch_sub(1, std::memory_order_relaxed);
    return result;
}

void BlockingWaitStrategy::signalAllWhenBlocking() noexcept
{
    if (m_timeout.count() == 0)
        lightFence();
    else
        std::atomic_thread_fence(std::memory_order_seq_cst);
    if (m_waiters.load(std::memory_order_relaxed) == 0)
        return;
    // Taking the lock orders this notify after a waiter that registered has reached wait().
    {
        std::lock_guard lock(m_mutex);
    }
    m_condition.notify_all();
}

TimeoutBlockingWaitStrategy::TimeoutBlockingWaitStrategy(std::chrono::nanoseconds timeout)
    : BlockingWaitStrategy(timeout.count() > 0 ? timeout : std::chrono::nanoseconds(1))
{
}

PhasedBackoffWaitStrategy::PhasedBackoffWaitStrategy(
    std::chrono::nanoseconds spinFor, std::chrono::nanoseconds yieldFor)
    : m_spinFor(spinFor), m_yieldFor(yieldFor)
{
}

// With more threads than cores the stage waited for is often descheduled: spinning then only burns
// the time slice it needs, and a yield hands it over. Yielding is not free either (to the scheduler
// a yielding thread is busy, and a paced pipeline's busy stage needs the core), so after 100 µs it
// parks; AtomicWaitStrategy's wake-up costs a signaller one notify per parking, not one per signal.
WaitResult PhasedBackoffWaitStrategy::waitFor(
    std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted)
{
    WaitResult result;
    const auto start = Clock::now();
    for (unsigned i = 0;; ++i) {
        if (finished(sequence, dependency, alerted, result))
            return result;
        if ((i & 63) != 63) {
            cpuRelax();
            continue;
        }
        if (Clock::now() - start >= m_spinFor)
            break;
    }
    const auto parkAt = start + m_spinFor + m_yieldFor;
    while (Clock::now() < parkAt) {
        if (finished(sequence, dependency, alerted, result))
            return result;
        std::this_thread::yield();
    }
    return m_fallback.waitFor(sequence, dependency, alerted);
}

// A parked thread may need several signals' worth of time to get a core back (more so when threads
// outnumber cores). Counting waiters made every signal in that window pay a notify; the m_parked
// flag is cleared by the one signaller that wakes everybody, and set again by whoever parks anew.
WaitResult AtomicWaitStrategy::waitFor(
    std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted)
{
    WaitResult result;
    if (finishedSoon(sequence, dependency, alerted, result))
        return result;

    for (;;) {
        // Read the epoch before checking: a signal after the check changes it, so wait() returns.
        const std::uint32_t epoch = m_epoch.load(std::memory_order_acquire);
        // Release: a signaller whose exchange reads this store bumps the epoch after the load above,
        // so wait() cannot miss that bump.
        m_parked.store(true, std::memory_order_release);
        heavyFence();
        if (finished(sequence, dependency, alerted, result))
            return result;
        m_epoch.wait(epoch, std::memory_order_acquire);
    }
}

void AtomicWaitStrategy::signalAllWhenBlocking() noexcept
{
    lightFence();
    // The plain load keeps the common case (nobody parked) free of a read-modify-write.
    if (!m_parked.load(std::memory_order_relaxed) || !m_parked.exchange(false, std::memory_order_acq_rel))
        return;
    m_epoch.fetch_add(1, std::memory_order_release);
    m_epoch.notify_all();
}

std::unique_ptr<WaitStrategy> makeWaitStrategy(std::string_view name)
{
    if (name == "busy-spin")
        return std::make_unique<BusySpinWaitStrategy>();
    if (name == "yielding")
        return std::make_unique<YieldingWaitStrategy>();
    if (name == "sleeping")
        return std::make_unique<SleepingWaitStrategy>();
    if (name == "blocking")
        return std::make_unique<BlockingWaitStrategy>();
    if (name == "timeout-blocking")
        return std::make_unique<TimeoutBlockingWaitStrategy>(std::chrono::milliseconds(1));
    if (name == "phased-backoff")
        return std::make_unique<PhasedBackoffWaitStrategy>();
    if (name == "atomic-wait")
        return std::make_unique<AtomicWaitStrategy>();
    return nullptr;
}

} // namespace ringflow::core
