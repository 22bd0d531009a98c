#include "poll_loop.h"

#include "core/thread_name.h"

#include <algorithm>

namespace ringflow::pipeline {

PollLoop::PollLoop(const core::Sequencer &sequencer, std::vector<const core::Sequence *> upstream,
    core::StageOptions options, core::ErrorHandler onError, std::function<void()> haltRing)
    : m_barrier(sequencer, std::move(upstream)),
      m_options(std::move(options)),
      m_onError(std::move(onError)),
      m_haltRing(std::move(haltRing))
{
}

PollLoop::~PollLoop() = default; // the derived loop stops and joins: run() is its

void PollLoop::start()
{
    m_thread = std::thread([this] {
        core::setCurrentThreadName(m_options.name);
        run();
        // Under the lock, so that a joiner that saw m_exited cannot free this loop before this
        // thread is done with the mutex and the condition.
        const std::lock_guard lock(m_mutex);
        m_exited = true;
        m_exitedChanged.notify_all();
    });
}

void PollLoop::requestStop() noexcept
{
    m_stop.store(true, std::memory_order_relaxed);
    m_barrier.alert(); // release, and wakes the loop if it is parked in the wait strategy
}

bool PollLoop::joinUntil(std::chrono::steady_clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    if (!m_exitedChanged.wait_until(lock, deadline, [this] { return m_exited || !m_thread.joinable(); }))
        return false;
    // Under the lock: one joiner at a time. The thread has nothing left to do but return.
    if (m_thread.joinable())
        m_thread.join();
    return true;
}

void PollLoop::join()
{
    std::unique_lock lock(m_mutex);
    m_exitedChanged.wait(lock, [this] { return m_exited || !m_thread.joinable(); });
    if (m_thread.joinable())
        m_thread.join();
}

bool PollLoop::mayRewind(std::int64_t sequence) noexcept
{
    if (sequence != m_rewoundAt) {
        m_rewoundAt = sequence;
        m_rewinds = 0;
    }
    if (m_rewinds >= m_options.rewind.maxRewinds)
        return false;
    ++m_rewinds;
    return true;
}

void PollLoop::pauseUnlessStopping(std::chrono::nanoseconds pause) const
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point end = Clock::now() + pause;
    for (Clock::time_point now = Clock::now(); now < end && !stopping(); now = Clock::now())
        std::this_thread::sleep_for(std::min<Clock::duration>(end - now, std::chrono::milliseconds(1)));
}

PollLoop::Outcome PollLoop::onFailure(std::int64_t sequence, std::exception_ptr error, bool rewindable)
{
    if (rewindable && mayRewind(sequence)) {
        pauseUnlessStopping(m_options.rewind.backOff);
        return Outcome::Retry;
    }
    const bool fatal = m_options.policy != core::ExceptionPolicy::Continue;
    m_onError({m_options.name, core::FailurePhase::Event, sequence, std::move(error), fatal});
    if (!fatal)
        return Outcome::Skip;
    m_failed.store(true, std::memory_order_release);
    if (m_options.policy == core::ExceptionPolicy::Halt)
        m_haltRing();
    return Outcome::Stop;
}

bool PollLoop::guard(core::FailurePhase phase, const std::function<void()> &hook)
{
    try {
        hook();
        return true;
    } catch (...) {
        // A failing onShutdown stops nothing: the loop is ending anyway.
        const bool fatal = phase == core::FailurePhase::Start && m_options.policy != core::ExceptionPolicy::Continue;
        m_onError({m_options.name, phase, -1, std::current_exception(), fatal});
        if (fatal) {
            m_failed.store(true, std::memory_order_release);
            if (m_options.policy == core::ExceptionPolicy::Halt)
                m_haltRing();
        }
        return !fatal;
    }
}

void PollLoops::start()
{
    for (const auto &loop : m_loops)
        loop->start();
}

void PollLoops::requestStop() noexcept
{
    for (const auto &loop : m_loops)
        loop->requestStop();
}

std::vector<std::string> PollLoops::joinUntil(std::chrono::steady_clock::time_point deadline)
{
    std::vector<std::string> running;
    for (const auto &loop : m_loops)
        if (!loop->joinUntil(deadline))
            running.push_back(loop->name());
    return running;
}

void PollLoops::join()
{
    for (const auto &loop : m_loops)
        loop->join();
}

bool PollLoops::anyFailed() const noexcept
{
    return std::any_of(m_loops.begin(), m_loops.end(), [](const auto &loop) { return loop->hasFailed(); });
}

std::vector<std::string> PollLoops::failed() const
{
    std::vector<std::string> names;
    for (const auto &loop : m_loops)
        if (loop->hasFailed())
            names.push_back(loop->name());
    return names;
}

} // namespace ringflow::pipeline
