#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

namespace ringflow::core {

enum class WaitStatus { Available, Alerted, TimedOut };

/// What a wait ended with. `available` is meaningful only for WaitStatus::Available, and is then
/// at least the sequence that was waited for.
struct WaitResult {
    std::int64_t available;
    WaitStatus status;
};

/// Something a thread can wait on: "how far may I go?". A stage's barrier answers with the
/// slowest of its upstream stages; a producer's capacity check answers with the slowest consumer.
class Dependency {
public:
    /// The highest sequence that may be used now; `wanted` lets multi-producer rings stop the
    /// answer at the first slot that is claimed but not yet published.
    virtual std::int64_t available(std::int64_t wanted) const noexcept = 0;

protected:
    ~Dependency() = default;
};

/// How a thread waits for a sequence. Every party that advances a sequence somebody may wait on
/// (producers on publish, stages after each batch, halt) calls signalAllWhenBlocking(), so the
/// parking strategies park consumers, dependent stages and producers alike and never lose a wake-up.
class WaitStrategy {
public:
    virtual ~WaitStrategy() = default;
    virtual WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted)
        = 0;
    virtual void signalAllWhenBlocking() noexcept = 0;
    /// The strategy whose signalAllWhenBlocking() a producer's publish calls (nullptr: none), asked
    /// once when the sequencer is built. A publish makes events available and never frees a slot, so
    /// a strategy that also parks producers waiting for free slots (the CapacityGate) names the one
    /// its consumers wait on; by default it is this strategy, when it needs signals at all.
    virtual WaitStrategy *publishSignalled() noexcept { return needsSignal() ? this : nullptr; }
    virtual std::string_view name() const noexcept = 0;
    /// False for strategies whose signalAllWhenBlocking() does nothing: callers skip the call.
    virtual bool needsSignal() const noexcept { return true; }
};

/// Spins on the CPU: lowest latency, burns a core even when idle. Meant for fewer threads than
/// cores; every few thousand fruitless spins it yields once so that oversubscription still progresses.
class BusySpinWaitStrategy final : public WaitStrategy {
public:
    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override;
    void signalAllWhenBlocking() noexcept override { }
    std::string_view name() const noexcept override { return "busy-spin"; }
    bool needsSignal() const noexcept override { return false; }
};

/// Spins briefly, then yields the CPU to other runnable threads. After about a millisecond of
/// idleness it naps 100 µs after every 64 yields, so an idle stage does not keep a core at 100%;
/// it still uses about a fifth of one (on an idle machine a yield returns at once). Where idle
/// stages must leave the CPU alone, SleepingWaitStrategy or a parking strategy fits better.
class YieldingWaitStrategy final : public WaitStrategy {
public:
    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override;
    void signalAllWhenBlocking() noexcept override { }
    std::string_view name() const noexcept override { return "yielding"; }
    bool needsSignal() const noexcept override { return false; }
};

/// Spins, yields, then sleeps `sleep` between checks: latency about `sleep`. After 10 ms of waiting
/// the sleeps grow to 4 ms, so that an idle stage uses well under 1% of a core.
class SleepingWaitStrategy final : public WaitStrategy {
public:
    explicit SleepingWaitStrategy(std::chrono::nanoseconds sleep = std::chrono::microseconds(50));
    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override;
    void signalAllWhenBlocking() noexcept override { }
    std::string_view name() const noexcept override { return "sleeping"; }
    bool needsSignal() const noexcept override { return false; }

private:
    std::chrono::nanoseconds m_sleep;
};

/// Parks waiting threads on a condition variable. Signalling costs a light fence (asymmetric_fence.h;
/// a plain one with a timeout) plus, only when someone is parked, a lock and a notify.
class BlockingWaitStrategy : public WaitStrategy {
public:
    BlockingWaitStrategy() = default;
    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override;
    void signalAllWhenBlocking() noexcept override;
    std::string_view name() const noexcept override { return "blocking"; }

protected:
    explicit BlockingWaitStrategy(std::chrono::nanoseconds timeout) : m_timeout(timeout) { }

private:
    std::chrono::nanoseconds m_timeout {0}; // 0: wait without limit
    std::mutex m_mutex;
    std::condition_variable m_condition;
    std::atomic<int> m_waiters {0};
};

/// Blocking, but a wait that sees nothing for `timeout` returns TimedOut (stages get onTimeout).
class TimeoutBlockingWaitStrategy final : public BlockingWaitStrategy {
public:
    explicit TimeoutBlockingWaitStrategy(std::chrono::nanoseconds timeout);
    std::string_view name() const noexcept override { return "timeout-blocking"; }
};

/// Parks on a C++20 std::atomic::wait (a futex on Linux) instead of a mutex and condition variable.
class AtomicWaitStrategy final : public WaitStrategy {
public:
    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override;
    void signalAllWhenBlocking() noexcept override;
    std::string_view name() const noexcept override { return "atomic-wait"; }

private:
    std::atomic<std::uint32_t> m_epoch {0};
    std::atomic<bool> m_parked {false}; // somebody may be parked since the last wake-up
};

/// Spins for `spinFor`, yields until `spinFor + yieldFor`, then parks like AtomicWaitStrategy. The
/// short spin, the yields and the cheap wake-up of a parked thread keep it fast when threads
/// outnumber cores (docs/benchmarks.md); an idle stage parks after about 100 µs.
class PhasedBackoffWaitStrategy final : public WaitStrategy {
public:
    PhasedBackoffWaitStrategy(std::chrono::nanoseconds spinFor = std::chrono::microseconds(1),
        std::chrono::nanoseconds yieldFor = std::chrono::microseconds(100));
    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override;
    void signalAllWhenBlocking() noexcept override { m_fallback.signalAllWhenBlocking(); }
    std::string_view name() const noexcept override { return "phased-backoff"; }

private:
    std::chrono::nanoseconds m_spinFor;
    std::chrono::nanoseconds m_yieldFor;
    AtomicWaitStrategy m_fallback;
};

/// The names makeWaitStrategy() understands, in a stable order.
inline constexpr std::string_view kWaitStrategyNames[]
    = {"busy-spin", "yielding", "sleeping", "blocking", "timeout-blocking", "phased-backoff", "atomic-wait"};

/// Creates a strategy by name with default parameters; nullptr for an unknown name.
std::unique_ptr<WaitStrategy> makeWaitStrategy(std::string_view name);

} // namespace ringflow::core
