#pragma once

#include "event_processor.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <span>
#include <string>
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

    /// Runs each processor on a thread of its own. Once, before any join.
    void start(std::span<const std::unique_ptr<EventProcessor>> processors);
    /// Joins every thread, however long its handler takes.
    void joinAll();
    /// Joins the threads that end by `deadline`; returns the names of the stages whose threads
    /// were still running then (in start order), empty when every thread has been joined.
    std::vector<std::string> joinUntil(std::chrono::steady_clock::time_point deadline);

private:
    struct Stage {
        std::string name;
        std::thread thread;
        bool exited = false; ///< guarded by m_exitMutex
    };

    std::vector<bool> exitedStages();
    /// The names of the stages whose thread had not exited.
    std::vector<std::string> namesOf(const std::vector<bool> &exited) const;

    std::vector<std::unique_ptr<Stage>> m_stages; // written by start() only
    std::timed_mutex m_joinMutex; // std::thread::join on one thread from two threads is undefined
    std::mutex m_exitMutex;
    std::condition_variable m_exited;
};

} // namespace ringflow::core
