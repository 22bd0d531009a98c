#pragma once

#include "async_executor.h"

#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <exception>
#include <mutex>

namespace ringflow::core {

/// A stage that runs on an AsyncExecutor instead of a thread of its own: launched once, then
/// awaited until it stops. The Disruptor waits for its async stages in halt(), before the
/// executor or the stage may go.
class AsyncStage {
public:
    virtual ~AsyncStage() = default;

    /// Starts the stage's loop on `executor`, which must outlive the loop (waitUntilStopped()).
    virtual void launch(AsyncExecutor &executor) = 0;
    /// Waits until the loop has stopped (at once when it was never launched).
    void waitUntilStopped();
    /// The same, giving up at `deadline`: false when the loop was still running then.
    bool waitUntilStopped(std::chrono::steady_clock::time_point deadline);

protected:
    AsyncStage() = default;

    /// A coroutine that nobody awaits: started by posting handle, frees its frame itself at the end.
    struct Loop {
        struct promise_type {
            Loop get_return_object() noexcept { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
            std::suspend_always initial_suspend() noexcept { return {}; }
            std::suspend_never final_suspend() noexcept { return {}; }
            void return_void() noexcept { }
            void unhandled_exception() noexcept { std::terminate(); } // the loop catches what it can
        };
        std::coroutine_handle<promise_type> handle;
    };

    /// Suspends and asks `executor` to resume the coroutine after `delay` (or next in line for 0).
    struct Resched {
        AsyncExecutor &executor;
        std::chrono::nanoseconds delay;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> self) { executor.postAfter(self, delay); }
        void await_resume() const noexcept { }
    };

    /// Before the loop is posted.
    void markLaunched();
    /// The loop's last act: after it, waiters may destroy the stage, so the loop touches nothing of
    /// it any more (its frame, freed next, holds no reference that is used).
    void markStopped() noexcept;

private:
    std::mutex m_mutex;
    std::condition_variable m_stopped;
    bool m_running = false; ///< guarded by m_mutex
};

} // namespace ringflow::core
