#include "async_stage.h"

namespace ringflow::core {

void AsyncStage::waitUntilStopped()
{
    std::unique_lock lock(m_mutex);
    m_stopped.wait(lock, [this] { return !m_running; });
}

bool AsyncStage::waitUntilStopped(std::chrono::steady_clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    return m_stopped.wait_until(lock, deadline, [this] { return !m_running; });
}

void AsyncStage::markLaunched()
{
    const std::lock_guard lock(m_mutex);
    m_running = true;
}

void AsyncStage::markStopped() noexcept
{
    // Notified under the lock: a waiter that saw !m_running may destroy this object right after.
    const std::lock_guard lock(m_mutex);
    m_running = false;
    m_stopped.notify_all();
}

} // namespace ringflow::core
