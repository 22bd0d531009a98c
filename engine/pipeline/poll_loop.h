#pragma once

#include "core/event_handler.h"
#include "core/event_poller.h"
#include "core/sequence_barrier.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ringflow::pipeline {

/// The loop that consumes a polled stage (`consume` poll) the way a user's own thread consumes a
/// core::EventPoller: poll; when nothing is available (idle or gating), wait in the ring's wait
/// strategy on a barrier of its own over the poller's upstream, which the producers and the
/// upstream stages signal as they signal any stage's; poll again.
///
/// It keeps the stage's promises as a processor would: failures go to the error handler and follow
/// the ExceptionPolicy (Continue: the event counts as done; HaltStage: the loop stops, its
/// poller's sequence before the failing event; Halt: that, and the ring is told to halt); a
/// core::RewindableException has the event handed out again, after the back-off, while the
/// RewindStrategy allows (a poller's batch ends at the failing event: the events before it are
/// done). A stop request ends the loop after the event in hand.
class PollLoop {
public:
    virtual ~PollLoop();
    PollLoop(const PollLoop &) = delete;
    PollLoop &operator=(const PollLoop &) = delete;

    /// Starts the loop's thread, named after the stage. Once.
    void start();
    /// Tells the loop to stop after the event in hand and wakes it; from any thread.
    void requestStop() noexcept;
    /// Joins the loop's thread if it ends by `deadline`: false when it was still running then.
    bool joinUntil(std::chrono::steady_clock::time_point deadline);
    void join();
    /// True once a failure stopped the loop (HaltStage or Halt).
    bool hasFailed() const noexcept { return m_failed.load(std::memory_order_acquire); }
    const std::string &name() const noexcept { return m_options.name; }

protected:
    /// `haltRing` asks the whole ring to halt without waiting (ExceptionPolicy::Halt).
    PollLoop(const core::Sequencer &sequencer, std::vector<const core::Sequence *> upstream, core::StageOptions options,
        core::ErrorHandler onError, std::function<void()> haltRing);

    enum class Outcome { Skip, Retry, Stop };
    /// Thrown out of poll() so that the event in hand stays unhandled.
    struct Leave {
        Outcome outcome;
    };

    /// The handler threw on `sequence`: rewind (Retry, after the back-off), go on (Skip, Continue)
    /// or stop (Stop).
    Outcome onFailure(std::int64_t sequence, std::exception_ptr error, bool rewindable);
    /// Runs a lifecycle hook; false when it failed and the policy stops the stage.
    bool guard(core::FailurePhase phase, const std::function<void()> &hook);
    /// Waits until `sequence` may be available (or a stop, or the wait strategy's timeout).
    void waitFor(std::int64_t sequence) { m_barrier.waitFor(sequence); }
    // Relaxed: the flag only ends the loop; whoever stopped it joins the thread before relying on it.
    bool stopping() const noexcept { return m_stop.load(std::memory_order_relaxed); }

    virtual void run() = 0;

private:
    bool mayRewind(std::int64_t sequence) noexcept;
    void pauseUnlessStopping(std::chrono::nanoseconds pause) const;

    core::SequenceBarrier m_barrier;
    core::StageOptions m_options;
    core::ErrorHandler m_onError;
    std::function<void()> m_haltRing;
    std::atomic<bool> m_stop {false};
    std::atomic<bool> m_failed {false};
    std::int64_t m_rewoundAt = -1; ///< the event last handed out again (loop thread only)
    std::int64_t m_rewinds = 0; ///< how often in a row
    std::thread m_thread;
    std::mutex m_mutex; ///< m_exited, and one joiner at a time
    std::condition_variable m_exitedChanged;
    bool m_exited = false;
};

/// The poll loop of a per-event handler `H` (already wrapped for counting) on `Ring`.
template <typename Ring, typename H>
class HandlerPollLoop final : public PollLoop {
public:
    HandlerPollLoop(core::EventPoller<Ring> &poller, const core::Sequencer &sequencer,
        std::vector<const core::Sequence *> upstream, H &handler, core::StageOptions options,
        core::ErrorHandler onError, std::function<void()> haltRing)
        : PollLoop(sequencer, std::move(upstream), std::move(options), std::move(onError), std::move(haltRing)),
          m_poller(poller),
          m_handler(handler)
    {
    }
    ~HandlerPollLoop() override
    {
        requestStop();
        join();
    }

private:
    void run() override
    {
        if (guard(core::FailurePhase::Start, [this] { core::invokeOnStart(m_handler); }))
            pollUntilStopped();
        guard(core::FailurePhase::Shutdown, [this] { core::invokeOnShutdown(m_handler); });
    }

    void pollUntilStopped()
    {
        while (!stopping()) {
            core::PollState state;
            try {
                // `this->`: clang 14 misses the implicit use in a generic lambda and warns of an unused capture.
                state = m_poller.poll([this](auto &event, std::int64_t sequence, bool endOfBatch) {
                    return this->handle(event, sequence, endOfBatch);
                });
            } catch (const Leave &leave) {
                if (leave.outcome == Outcome::Stop)
                    return;
                continue; // Retry: the failing event comes first in the next poll
            }
            if (state != core::PollState::Processing)
                waitFor(m_poller.sequence().get() + 1);
        }
    }

    template <typename Event>
    bool handle(Event &event, std::int64_t sequence, bool endOfBatch)
    {
        Outcome outcome;
        try {
            m_handler.onEvent(event, sequence, endOfBatch);
            return !stopping();
        } catch (const core::RewindableException &) {
            outcome = onFailure(sequence, std::current_exception(), true);
        } catch (...) {
            outcome = onFailure(sequence, std::current_exception(), false);
        }
        if (outcome == Outcome::Skip)
            return !stopping();
        throw Leave {outcome};
    }

    core::EventPoller<Ring> &m_poller;
    H &m_handler;
};

/// The poll loops of one ring: made while the ring's stages are added, started after its
/// Disruptor, stopped with it.
class PollLoops {
public:
    /// `onError`: where the loops' failures go; `haltRing`: asks the ring to halt (Halt policy).
    PollLoops(core::ErrorHandler onError, std::function<void()> haltRing)
        : m_onError(std::move(onError)), m_haltRing(std::move(haltRing))
    {
    }

    /// A loop over `poller` for `handler`, which reads after `upstream` (empty: the producers).
    template <typename Ring, typename H>
    void add(core::EventPoller<Ring> &poller, Ring &ring, std::vector<const core::Sequence *> upstream, H &handler,
        core::StageOptions options)
    {
        m_loops.push_back(std::make_unique<HandlerPollLoop<Ring, H>>(
            poller, ring.sequencer(), std::move(upstream), handler, std::move(options), m_onError, m_haltRing));
    }

    void start();
    void requestStop() noexcept;
    /// The names of the loops still running at `deadline` (their threads are joined later).
    std::vector<std::string> joinUntil(std::chrono::steady_clock::time_point deadline);
    void join();
    bool anyFailed() const noexcept;
    std::vector<std::string> failed() const;
    bool empty() const noexcept { return m_loops.empty(); }

private:
    core::ErrorHandler m_onError;
    std::function<void()> m_haltRing;
    std::vector<std::unique_ptr<PollLoop>> m_loops;
};

} // namespace ringflow::pipeline
