#pragma once

#include <functional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace ringflow::core {

/// Makes the thread of one stage: starts a thread that calls `body` once, and returns it. Called
/// once per stage thread (each worker of a pool has its own, named "pool.0", "pool.1", ...) and
/// once per thread of the async pool ("async.0", "async.1", ...: the threads of the Disruptor's
/// async stages, see AsyncExecutor), on the thread that starts the Disruptor, in the order the
/// stages were added, the async pool's last. The thread must still be joinable when returned;
/// naming and pinning it is the factory's business.
using ThreadFactory = std::function<std::thread(const std::string &stageName, std::function<void()> body)>;

/// The default ThreadFactory: a thread named after its stage.
std::thread namedThread(const std::string &stageName, std::function<void()> body);

/// The CPUs a stage's thread is pinned to; empty for a stage left to the scheduler.
using CpuPlacement = std::function<std::vector<int>(const std::string &stageName)>;
/// Told, on the stage's thread, that the OS refused to pin it; the stage then runs unpinned.
using PinFailureHandler = std::function<void(const std::string &stageName, std::error_code error)>;

/// A ThreadFactory whose threads are named after their stage and pinned where `placement` says.
/// A refused pin (a CPU outside the process's cpuset, an OS without affinity) is not fatal: it goes
/// to `onFailure` (default: a line on standard error) before the stage runs.
ThreadFactory pinnedThreads(CpuPlacement placement, PinFailureHandler onFailure = {});

} // namespace ringflow::core
