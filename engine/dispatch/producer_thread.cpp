#include "producer_thread.h"

#include <core/thread_name.h>

namespace ringflow::dispatch {

ProducerThread::ProducerThread(std::string name) : m_name(std::move(name))
{
}

ProducerThread::~ProducerThread()
{
    requestStop();
    join();
}

bool ProducerThread::start(std::function<void(std::stop_token)> body)
{
    std::unique_lock lock(m_mutex);
    if (m_running)
        return false;
    // The previous run has returned; its thread is at most a few instructions from its end.
    if (m_thread.joinable())
        m_thread.join();
    m_stopSource = std::stop_source();
    m_running = true;
    m_thread = std::thread([this, body = std::move(body), token = m_stopSource.get_token()] {
        core::setCurrentThreadName(m_name);
        body(token);
        {
            const std::lock_guard lock(m_mutex);
            m_running = false;
        }
        m_finished.notify_all();
    });
    return true;
}

void ProducerThread::requestStop()
{
    const std::lock_guard lock(m_mutex);
    m_stopSource.request_stop();
}

bool ProducerThread::isRunning() const
{
    const std::lock_guard lock(m_mutex);
    return m_running;
}

bool ProducerThread::waitFinished(Clock::time_point deadline) const
{
    std::unique_lock lock(m_mutex);
    if (deadline == Clock::time_point::max()) {
        m_finished.wait(lock, [this] { return !m_running; });
        return true;
    }
    return m_finished.wait_until(lock, deadline, [this] { return !m_running; });
}

void ProducerThread::join()
{
    waitFinished();
    std::thread finished;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_running)
            finished = std::move(m_thread);
    }
    if (finished.joinable())
        finished.join();
}

} // namespace ringflow::dispatch
