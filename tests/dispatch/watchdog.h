#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace ringflow::dispatch::testing {

/// Aborts the test process when a scope outlives `limit`, naming the scope: a deadlock fails with a
/// message instead of hanging until CTest's timeout.
class Watchdog {
public:
    explicit Watchdog(const char *what, std::chrono::seconds limit = std::chrono::seconds(60))
        : m_thread([this, what, limit] {
              std::unique_lock lock(m_mutex);
              if (!m_dismissed.wait_for(lock, limit, [this] { return m_done; })) {
                  std::fprintf(stderr, "watchdog: '%s' still running after %llds: deadlock?\n", what,
                      static_cast<long long>(limit.count()));
                  std::abort();
              }
          })
    {
    }
    ~Watchdog()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_dismissed.notify_one();
        m_thread.join();
    }
    Watchdog(const Watchdog &) = delete;
    Watchdog &operator=(const Watchdog &) = delete;

private:
    std::mutex m_mutex;
    std::condition_variable m_dismissed;
    bool m_done = false;
    std::thread m_thread;
};

} // namespace ringflow::dispatch::testing
