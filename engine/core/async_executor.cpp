#include "async_executor.h"

#include <algorithm>
#include <stdexcept>

namespace ringflow::core {

AsyncExecutor::AsyncExecutor(int threads, const std::string &name, const ThreadFactory &factory)
{
    const int count = std::max(1, threads);
    m_threads.reserve(std::size_t(count));
    try {
        for (int i = 0; i < count; ++i) {
            const std::string threadName = name + "." + std::to_string(i);
            std::thread thread
                = factory ? factory(threadName, [this] { work(); }) : namedThread(threadName, [this] { work(); });
            if (!thread.joinable())
                throw std::logic_error("the thread factory returned no thread for '" + threadName + "'");
            m_threads.push_back(std::move(thread));
        }
    } catch (...) {
        stop(); // the destructor does not run for a constructor that throws
        throw;
    }
}

AsyncExecutor::~AsyncExecutor()
{
    stop();
}

void AsyncExecutor::stop()
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
