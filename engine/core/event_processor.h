#pragma once

#include "event_handler.h"
#include "sequence.h"
#include "sequence_barrier.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace ringflow::core {

/// A stage's processing loop, run on a thread of the owner's choosing. Its sequence is the last
/// event it has finished with: downstream stages and producers wait on it.
///
/// Lifecycle: run() once; halt() from any thread makes run() return once the handler returns
/// from the event in hand (per-event handlers) or the batch in hand (batch handlers); halt()
/// before run() makes run() return at once, still calling the handler's onStart/onShutdown.
/// A handler that never returns keeps run() from returning: threads cannot be cancelled.
class EventProcessor {
public:
    EventProcessor(std::shared_ptr<SequenceBarrier> barrier, StageOptions options);
    virtual ~EventProcessor() = default;
    EventProcessor(const EventProcessor &) = delete;
    EventProcessor &operator=(const EventProcessor &) = delete;

    /// Throws std::logic_error if the processor is already running, or runs on an executor.
    void run();
    /// False for a stage that runs on its Disruptor's AsyncExecutor (AsyncStage), which StageThreads
    /// gives no thread.
    virtual bool runsOnOwnThread() const noexcept { return true; }
    void halt() noexcept;
    bool isRunning() const noexcept { return m_state.load(std::memory_order_acquire) == State::Running; }
    /// True once the handler failed under ExceptionPolicy::Halt or HaltStage: the stage has stopped.
    bool hasFailed() const noexcept { return m_failed.load(std::memory_order_acquire); }

    const Sequence &sequence() const noexcept { return m_sequence; }
    const std::string &name() const noexcept { return m_options.name; }
    const StageOptions &options() const noexcept { return m_options; }

    /// Both are set before run(); both are called on the processor's thread. onFatal: after a
    /// failure under ExceptionPolicy::HaltDisruptor, to halt the rest.
    void setErrorHandler(ErrorHandler handler) { m_onError = std::move(handler); }
    void setOnFatal(std::function<void()> onFatal) { m_onFatal = std::move(onFatal); }

protected:
    virtual void notifyStart() = 0;
    virtual void processEvents() = 0;
    virtual void notifyShutdown() = 0;

    /// The start of run(): Idle to Running. False when halted before it ever ran (the loop is then
    /// skipped); throws std::logic_error when already running. leaveRun() marks the end.
    bool enterRun();
    void leaveRun() noexcept;

    /// Reports a failed event (or batch starting at `sequence`) and applies the stage's policy.
    /// Returns true when the loop may continue, false when the stage halts.
    bool handleEventFailure(std::int64_t sequence, std::exception_ptr error, FailurePhase phase = FailurePhase::Event);
    /// Runs a lifecycle hook; a failure there is reported but never stops the stage.
    template <typename F>
    void guardLifecycle(FailurePhase phase, F &&hook)
    {
        try {
            hook();
        } catch (...) {
            report({m_options.name, phase, -1, std::current_exception(), false});
        }
    }

    /// Marks everything up to `sequence` done and wakes whoever waits for it.
    void advanceTo(std::int64_t sequence) noexcept
    {
        m_sequence.set(sequence);
        signalProgress();
    }
    /// Wakes parked waiters; skipped for strategies that never park (no virtual call per batch).
    void signalProgress() noexcept
    {
        if (m_needsSignal)
            m_waitStrategy.signalAllWhenBlocking();
    }

    Sequence m_sequence;
    const std::shared_ptr<SequenceBarrier> m_barrier;
    WaitStrategy &m_waitStrategy;
    const bool m_needsSignal = m_waitStrategy.needsSignal();
    const StageOptions m_options;

private:
    enum class State { Idle, Running, Halted };

    void report(const HandlerError &error);

    std::atomic<State> m_state {State::Idle};
    std::atomic<bool> m_failed {false};
    ErrorHandler m_onError;
    std::function<void()> m_onFatal;
};

} // namespace ringflow::core
