#pragma once

// Not first: Qt's moc (which the tests run over their includes) fails to parse <coroutine>'s
// <concepts> unless another standard header has set up the library's configuration macros.
#include <exception>
#include <utility>

#include <coroutine>

namespace ringflow::core {

/// What an async batch handler's onBatch returns: a lazily started C++20 coroutine.
///
///     struct Archive {
///         BatchTask onBatch(const EventBatch<Order> &batch, std::int64_t first)
///         {
///             co_await m_store.write(batch);   // any awaitable, e.g. another BatchTask
///         }
///     };
///
/// The task does nothing until it is awaited. Awaiting it runs the coroutine on the awaiting thread
/// until its first suspension; when the coroutine finishes, the awaiter resumes on whichever thread
/// finished it (symmetric transfer, so chains of tasks use no stack). An exception that escapes the
/// coroutine is captured and rethrown to the awaiter. The task owns the coroutine frame and
/// destroys it with itself; awaiting it a second time returns (or rethrows) at once.
///
/// Allocation: each call of a coroutine allocates its frame with operator new (the compiler may
/// elide it only when the caller's lifetime is known, which a stage's caller is not), so an async
/// stage allocates once per batch.
class [[nodiscard]] BatchTask {
public:
    struct promise_type {
        std::coroutine_handle<> continuation;
        std::exception_ptr error;

        BatchTask get_return_object() noexcept { return BatchTask(Handle::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        auto final_suspend() noexcept
        {
            struct ResumeAwaiter {
                bool await_ready() noexcept { return false; }
                std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> self) noexcept
                {
                    const std::coroutine_handle<> next = self.promise().continuation;
                    return next ? next : std::noop_coroutine();
                }
                void await_resume() noexcept { }
            };
            return ResumeAwaiter {};
        }
        void return_void() noexcept { }
        void unhandled_exception() noexcept { error = std::current_exception(); }
    };
    using Handle = std::coroutine_handle<promise_type>;

    BatchTask(BatchTask &&other) noexcept : m_handle(std::exchange(other.m_handle, {})) { }
    BatchTask &operator=(BatchTask &&other) noexcept
    {
        if (this != &other) {
            if (m_handle)
                m_handle.destroy();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    ~BatchTask()
    {
        if (m_handle)
            m_handle.destroy();
    }

    bool await_ready() const noexcept { return !m_handle || m_handle.done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept
    {
        m_handle.promise().continuation = awaiting;
        return m_handle;
    }
    void await_resume() const
    {
        if (m_handle && m_handle.promise().error)
            std::rethrow_exception(m_handle.promise().error);
    }

private:
    explicit BatchTask(Handle handle) noexcept : m_handle(handle) { }

    Handle m_handle;
};

} // namespace ringflow::core
