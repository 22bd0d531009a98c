#include "async_executor.h"

#include "thread_name.h"

#include <algorithm>

namespace ringflow::core {

AsyncExecutor::AsyncExecutor(int threads, const std::string &name)
{
    const int count = std::max(1, threads);
    m_threads.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        m_threads.emplace_back([this, threadName = name + "." + std::to_string(i)] {
            setCurrentThreadName(threadName);
            work();
        });
}

AsyncExecutor::~AsyncExecutor()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

void AsyncExecutor::schedule(std::coroutine_handle<> coroutine, Clock::time_point due)
{
    // Notified under the lock: the poster may be a thread outside the pool (whoever resumed an
    // async handler), and once the lock is free a pool thread may run the coroutine to its end,
    // after which the owner may destroy this executor.
    const std::lock_guard lock(m_mutex);
    m_queue.push({due, m_posted++, coroutine});
    m_changed.notify_one();
}

void AsyncExecutor::work()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_stopping)
            return;
        if (m_queue.empty()) {
            m_changed.wait(lock);
            continue;
        }
        const Clock::time_point due = m_queue.top().due;
        if (Clock::now() < due) {
            // Woken early by a post (maybe due sooner) or by the stop: look again either way.
            m_changed.wait_until(lock, due);
            continue;
        }
        const std::coroutine_handle<> coroutine = m_queue.top().coroutine;
        m_queue.pop();
        // The mutex orders everything the poster did before post() before the resumption here.
        lock.unlock();
        coroutine.resume();
        lock.lock();
    }
}

} // namespace ringflow::core
