#include "stage_threads.h"

#include "thread_name.h"

#include <algorithm>

namespace ringflow::core {

void StageThreads::start(std::span<const std::unique_ptr<EventProcessor>> processors)
{
    m_stages.reserve(processors.size()); // no reallocation below: push_back cannot throw
    for (const auto &processor : processors) {
        auto stage = std::make_unique<Stage>();
        stage->name = processor->name();
        stage->thread = std::thread([this, p = processor.get(), s = stage.get()] {
            setCurrentThreadName(p->name());
            p->run();
            // Under the lock, so that a joiner that saw `exited` cannot return (and the owner
            // free this object) before this thread is done with the mutex and the condition.
            std::lock_guard lock(m_exitMutex);
            s->exited = true;
            m_exited.notify_all();
        });
        m_stages.push_back(std::move(stage));
    }
}

void StageThreads::joinAll()
{
    std::lock_guard lock(m_joinMutex);
    for (const auto &stage : m_stages) {
        if (stage->thread.joinable())
            stage->thread.join();
    }
}

std::vector<std::string> StageThreads::joinUntil(std::chrono::steady_clock::time_point deadline)
{
    // Another thread may be joining without a limit, behind a handler that never returns.
    std::unique_lock joining(m_joinMutex, deadline);
    if (!joining.owns_lock())
        return namesOf(exitedStages());
    {
        std::unique_lock lock(m_exitMutex);
        m_exited.wait_until(lock, deadline, [this] {
            return std::all_of(m_stages.begin(), m_stages.end(), [](const auto &stage) { return stage->exited; });
        });
    }
    const std::vector<bool> exited = exitedStages();
    for (std::size_t i = 0; i < m_stages.size(); ++i) {
        // A thread that has set `exited` has nothing left to do but return: joining it is quick.
        if (exited[i] && m_stages[i]->thread.joinable())
            m_stages[i]->thread.join();
    }
    return namesOf(exited);
}

std::vector<bool> StageThreads::exitedStages()
{
    std::lock_guard lock(m_exitMutex);
    std::vector<bool> exited;
    for (const auto &stage : m_stages)
        exited.push_back(stage->exited);
    return exited;
}

std::vector<std::string> StageThreads::namesOf(const std::vector<bool> &exited) const
{
    std::vector<std::string> running;
    for (std::size_t i = 0; i < m_stages.size(); ++i) {
        if (!exited[i])
            running.push_back(m_stages[i]->name);
    }
    return running;
}

} // namespace ringflow::core
