#pragma once

#include <atomic>
#include <chrono>
#include <thread>

namespace ringflow::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Holds threads of a run until all of them exist, so that creating threads is never timed.
class StartGate {
public:
    void open() noexcept { m_open.store(true, std::memory_order_release); }
    void wait() const noexcept
    {
        // Yield rather than spin: on two cores a spinning waiter would take the core the thread
        // that still has to open the gate needs.
        while (!m_open.load(std::memory_order_acquire))
            std::this_thread::yield();
    }

private:
    std::atomic<bool> m_open {false};
};

} // namespace ringflow::bench
