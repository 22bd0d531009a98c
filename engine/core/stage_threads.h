#pragma once

#include "event_processor.h"
#include "thread_factory.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace ringflow::core {

/// The threads of a Disruptor's stages: one per processor, named after its stage.
///
/// A thread cannot be cancelled, so a handler that never returns keeps its thread alive whatever
/// the processor is told. joinUntil() therefore gives up on such a thread at a deadline and names
/// its stage; the thread stays here, and a later join (at the latest the destructor) waits for it.
/// Joining is safe from several threads at once.
class StageThreads {
public:
    StageThreads() = default;
    /// Joins every thread, however long that takes.
    ~StageThreads() { joinAll(); }
    StageThreads(const StageThreads &) = delete;
    StageThreads &operator=(const StageThreads &) = delete;

    /// Runs each processor that runsOnOwnThread() on a thread of its own, made by `factory` (empty:
    /// namedThread). Once, before any join. If the factory throws or returns no thread, the threads
    /// already made are kept (joined as usual) and std::logic_error (or the factory's exception) is
    /// thrown.
    void start(std::span<const std::unique_ptr<EventProcessor>> processors, const ThreadFactory &factory = {});
    /// Joins every thread, however long its handler takes.
    void joinAll();
    /// Joins the threads that end by `deadline`; returns the names of the stages whose threads
    /// were still running then (in start order), empty when every thread has been joined.
    std::vector<std::string> joinUntil(std::chrono::steady_clock::time_point deadline);

private:
    struct Stage {
        std::string name;
        std::thread thread; ///< joined by one joiner at a time (m_joining): joining twice is undefined
        bool exited = false; ///< guarded by m_mutex
    };

    /// Joins the threads of the stages `joinable` picks, with m_joining set and `lock` released.
    void joinWhile(std::unique_lock<std::mutex> &lock, const std::function<bool(const Stage &)> &joinable);

    std::vector<std::unique_ptr<Stage>> m_stages; // written by start() only
    // A plain mutex and a condition: a std::timed_mutex's timed lock is invisible to ThreadSanitizer.
    std::mutex m_mutex;
    std::condition_variable m_changed; ///< a thread exited, or a joiner finished
    bool m_joining = false; ///< guarded by m_mutex
};

} // namespace ringflow::core
