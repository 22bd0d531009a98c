#pragma once

#include "thread_factory.h"

#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstdint>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

namespace ringflow::core {

/// A fixed pool of threads that resume coroutines: the threads of a Disruptor's async stages.
///
/// post() resumes a coroutine as soon as a thread is free, postAfter() not before a delay; among
/// coroutines that are due, the earliest due runs first (FIFO for equal times). A coroutine runs
/// on one pool thread until it suspends; it may then be resumed on another. The destructor stops
/// and joins the threads; coroutines still queued then are neither resumed nor destroyed, so the
/// owner stops its work (AsyncStage::waitUntilStopped) before it destroys the pool.
class AsyncExecutor {
public:
    using Clock = std::chrono::steady_clock;

    /// `threads` (at least 1) named "<name>.<i>", each made by `factory` (see ThreadFactory;
    /// empty: namedThread). If the factory throws or returns no thread, the threads already made
    /// are stopped and joined, and std::logic_error (or the factory's exception) is thrown.
    explicit AsyncExecutor(int threads, const std::string &name = "async", const ThreadFactory &factory = {});
    ~AsyncExecutor();
    AsyncExecutor(const AsyncExecutor &) = delete;
    AsyncExecutor &operator=(const AsyncExecutor &) = delete;

    void post(std::coroutine_handle<> coroutine) { schedule(coroutine, Clock::now()); }
    void postAfter(std::coroutine_handle<> coroutine, std::chrono::nanoseconds delay)
    {
        schedule(coroutine, Clock::now() + delay);
    }
    int threadCount() const noexcept { return int(m_threads.size()); }

private:
    struct Entry {
        Clock::time_point due;
        std::uint64_t order; ///< FIFO among equal due times
        std::coroutine_handle<> coroutine;
        bool operator>(const Entry &other) const noexcept
        {
            return due != other.due ? due > other.due : order > other.order;
        }
    };

    void schedule(std::coroutine_handle<> coroutine, Clock::time_point due);
    /// Stops and joins the threads.
    void stop();
    void work();

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> m_queue; ///< guarded by m_mutex
    std::uint64_t m_posted = 0; ///< guarded by m_mutex
    bool m_stopping = false; ///< guarded by m_mutex
    std::vector<std::thread> m_threads;
};

} // namespace ringflow::core
