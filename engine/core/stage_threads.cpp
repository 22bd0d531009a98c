#include "stage_threads.h"

#include "thread_name.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace ringflow::core {

std::thread namedThread(const std::string &stageName, std::function<void()> body)
{
    return std::thread([name = stageName, body = std::move(body)] {
        setCurrentThreadName(name);
        body();
    });
}

ThreadFactory pinnedThreads(CpuPlacement placement, PinFailureHandler onFailure)
{
    if (!onFailure)
        onFailure = [](const std::string &stageName, std::error_code error) {
            std::fprintf(
                stderr, "ringflow: stage '%s' runs unpinned: %s\n", stageName.c_str(), error.message().c_str());
        };
    return [placement = std::move(placement), onFailure = std::move(onFailure)](
               const std::string &stageName, std::function<void()> body) {
        std::vector<int> cpus = placement ? placement(stageName) : std::vector<int> {};
        return std::thread([onFailure, name = stageName, cpus = std::move(cpus), body = std::move(body)] {
            setCurrentThreadName(name);
            if (const std::error_code error = pinCurrentThread(cpus))
                onFailure(name, error);
            body();
        });
    };
}

void StageThreads::start(std::span<const std::unique_ptr<EventProcessor>> processors, const ThreadFactory &factory)
{
    m_stages.reserve(processors.size()); // no reallocation below: push_back cannot throw
    for (const auto &processor : processors) {
        if (!processor->runsOnOwnThread())
            continue; // an async stage: its Disruptor's executor runs it
        auto stage = std::make_unique<Stage>();
        stage->name = processor->name();
        std::function<void()> body = [this, p = processor.get(), s = stage.get()] {
            p->run();
            // Under the lock, so that a joiner that saw `exited` cannot return (and the owner
            // free this object) before this thread is done with the mutex and the condition.
            std::lock_guard lock(m_mutex);
            s->exited = true;
            m_changed.notify_all();
        };
        stage->thread = factory ? factory(stage->name, std::move(body)) : namedThread(stage->name, std::move(body));
        if (!stage->thread.joinable())
            throw std::logic_error("the thread factory returned no thread for stage '" + stage->name + "'");
        m_stages.push_back(std::move(stage));
    }
}

void StageThreads::joinAll()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_joining; });
    joinWhile(lock, [](const Stage &) { return true; });
}

std::vector<std::string> StageThreads::joinUntil(std::chrono::steady_clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_until(lock, deadline,
        [this] { return std::all_of(m_stages.begin(), m_stages.end(), [](const auto &s) { return s->exited; }); });
    // A thread that has set `exited` has nothing left to do but return: joining it is quick. One
    // that is being joined elsewhere (a halt() without a limit) is left to that join.
    if (!m_joining)
        joinWhile(lock, [](const Stage &stage) { return stage.exited; });
    std::vector<std::string> running;
    for (const auto &stage : m_stages) {
        if (!stage->exited)
            running.push_back(stage->name);
    }
    return running;
}

void StageThreads::joinWhile(std::unique_lock<std::mutex> &lock, const std::function<bool(const Stage &)> &joinable)
{
    std::vector<std::thread *> threads;
    for (const auto &stage : m_stages) {
        if (stage->thread.joinable() && joinable(*stage))
            threads.push_back(&stage->thread);
    }
    // Joined without the lock: the threads take it on their way out.
    m_joining = true;
    lock.unlock();
    for (std::thread *thread : threads)
        thread->join();
    lock.lock();
    m_joining = false;
    m_changed.notify_all();
}

} // namespace ringflow::core
