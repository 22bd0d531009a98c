#pragma once

#include <atomic>

namespace ringflow::bench {

/// Holds the threads of a run until all of them exist and the timer starts, so that creating 256
/// threads is timed on neither side. Waiters park on the atomic (a futex) instead of yielding:
/// 256 threads yielding in a loop on two cores would slow down the creation of the rest.
class StartLine {
public:
    explicit StartLine(int runners) noexcept : m_runners(runners) { }

    /// Called by each runner: counts it in, then parks until open().
    void arriveAndWait() noexcept
    {
        if (m_arrived.fetch_add(1, std::memory_order_acq_rel) + 1 == m_runners)
            m_arrived.notify_all();
        m_open.wait(false, std::memory_order_acquire);
    }

    /// Returns once every runner has arrived.
    void waitForAll() const noexcept
    {
        // Only the last arrival notifies; a wake-up for an intermediate count just waits again.
        for (int arrived = m_arrived.load(std::memory_order_acquire); arrived < m_runners;
             arrived = m_arrived.load(std::memory_order_acquire))
            m_arrived.wait(arrived, std::memory_order_acquire);
    }

    void open() noexcept
    {
        m_open.store(true, std::memory_order_release);
        m_open.notify_all();
    }

private:
    const int m_runners;
    std::atomic<int> m_arrived {0};
    std::atomic<bool> m_open {false};
};

} // namespace ringflow::bench
