#pragma once

#include "consumer_route.h"
#include "core/event_handler.h"
#include "core/sequencer.h"
#include "live_controls.h"
#include "metrics.h"
#include "node_counters.h"
#include "plan.h"
#include "producer_control.h"
#include "ring_side.h"
#include "run_report.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ringflow::pipeline {

enum class RunState { Ready, Running, Paused, Finished };

/// How long stop() lets the rings drain before it halts, unless told otherwise (the runner's
/// --drain-timeout, the designer's setting).
inline constexpr std::chrono::seconds kDefaultDrainTimeout {5};
/// How long stop() and halt() wait, after the drain, for a handler to return from the event in
/// hand before they give up on it and name its stage (longer than any synthetic workload's event).
inline constexpr std::chrono::seconds kStuckHandlerGrace {2};

/// A ring of a run, whatever its event type: what starting, stopping and sampling need of it.
class RunRing {
public:
    virtual ~RunRing() = default;
    virtual void start() = 0;
    /// Halts and joins every stage: waits for the handlers' events in hand, however long they take.
    virtual void halt() = 0;
    /// Halts, waiting at most `limit` for the stages: the names of those still in a handler.
    virtual std::vector<std::string> halt(std::chrono::nanoseconds limit) = 0;
    /// Waits until every consumer has processed what was published; false on timeout.
    virtual bool drain(std::chrono::nanoseconds timeout) = 0;
    virtual bool hasFailed() const = 0;
    /// The stages (processor names) that halted on an error.
    virtual std::vector<std::string> failedStages() const = 0;
    virtual const core::Sequencer &sequencer() const = 0;
};

namespace detail {

// The parts of a run that do not depend on the event type, in plan order. The typed runtime
// (BasicRuntime) adds the ring itself, each producer's thread function and each consumer's
// processors' sequences.

struct RingPart {
    const RingPlan *plan = nullptr;
    std::unique_ptr<RingSide> side;
    std::unique_ptr<RunRing> ring;
    /// Set when this ring's payloads are another's (RingPlan::payloadOf, where the run shares
    /// them): the ring, upstream, that allocated them, whose producers also wait for this ring's
    /// gating consumers.
    std::optional<std::size_t> payloadsOf;
};

struct ProducerPart {
    const ProducerPlan *plan = nullptr;
    std::size_t ring = 0; ///< index into the rings
    std::unique_ptr<ProducerControl> control;
    std::unique_ptr<LiveControls> live;
    std::vector<std::unique_ptr<ProducerCounters>> counters; ///< one per thread
    std::uint32_t channel = 0;
    std::optional<std::uint32_t> completionChannel; ///< set when the node sends completion events
    std::function<void(std::size_t thread)> run; ///< the body of thread `thread`
};

struct ConsumerPart {
    const ConsumerPlan *plan = nullptr;
    std::size_t ring = 0;
    std::size_t forwardRing = 0; ///< when the plan forwards
    std::unique_ptr<LiveControls> live;
    std::vector<std::unique_ptr<ConsumerCounters>> counters; ///< one per thread
    std::unique_ptr<ConsumerRoute> route;
    std::vector<const core::Sequence *> sequences; ///< of its processors, for the backlog
};

} // namespace detail

/// Runs a compiled plan on real threads: one per producer thread, stage, aggregate and worker (a
/// polled stage's thread runs its poll loop; a ring's async stages share its async pool, with the
/// threads they add).
/// This is the part of BasicRuntime that does not depend on the event type: the lifecycle, the
/// counters and live controls, sampling and the report.
///
/// start() once; pause()/resume() hold and release the producers (consumers drain meanwhile);
/// stop() stops the producers, drains ring by ring in data-flow order within the timeout and then
/// halts everything; halt() stops at once. Any of them may be called from any thread, and stop()
/// and halt() always return: within the drain timeout plus the event in hand, or plus
/// kStuckHandlerGrace for a handler that does not return, whose stage the report names (its
/// thread is joined when the runtime is destroyed, which waits for that handler). sample() reads the live counters
/// without locks.
class RuntimeCore {
public:
    RuntimeCore(const RuntimeCore &) = delete;
    RuntimeCore &operator=(const RuntimeCore &) = delete;

    /// Starts every thread. When the machine refuses one (std::system_error from the thread
    /// library), the threads already started are stopped and joined, the run is Finished, and a
    /// std::runtime_error says why.
    void start();
    void pause();
    void resume();
    /// Stops producers, drains, halts; the report says whether the drain completed in time.
    RunReport stop(std::chrono::nanoseconds drainTimeout = kDefaultDrainTimeout);
    /// Stops everything now; pending events stay unprocessed (the report says so).
    RunReport halt();

    RunState state() const noexcept { return m_state.load(std::memory_order_acquire); }
    /// True when every producer thread has published all it was asked to (bounded runs).
    bool producersFinished() const noexcept;
    /// True once a stage halted on an error (the run should then be stopped).
    bool hasFailed() const noexcept;

    /// Live tuning: sets a parameter the kind registry marks live-tunable (ParamSpec::liveTunable)
    /// to `value`, in the parameter's own unit. Thread-safe and effective at once. False when the
    /// node is not in the run or the parameter is not live. Values are not checked here: they come
    /// from the same range-checked edits as the file's (validation owns the ranges).
    bool setParameter(const std::string &nodeId, const std::string &param, double value);

    /// The live counts, nodes and rings in plan order (see Plan::nodeIndex).
    Sample sample() const;
    const Plan &plan() const noexcept { return m_plan; }
    /// The errors reported by handlers so far (the first ones), oldest first.
    std::vector<std::string> errors() const;

protected:
    /// Builds what does not depend on the event type: ring sides, counters, live controls,
    /// channel routes. Throws std::invalid_argument for a plan that names what it lacks.
    /// `userNodes`: the nodes that run the user's code, not their synthetic workload; a ring fed by
    /// such a forwarding stage keeps payloads of its own (the user's handler may throw, and an
    /// event it fails is not forwarded, so the sequences of the two rings would part).
    explicit RuntimeCore(Plan plan, const std::set<std::string> &userNodes = {});
    /// Halts everything: a derived runtime calls haltAll() in its own destructor first, since its
    /// rings and handlers go before this destructor runs.
    virtual ~RuntimeCore();

    /// Stops the producers, halts every ring and joins the threads. Idempotent.
    void haltAll();
    /// Where typed rings send their handlers' errors.
    core::ErrorHandler errorHandler();

    Plan m_plan;
    std::vector<detail::RingPart> m_rings;
    std::vector<detail::ProducerPart> m_producers;
    std::vector<detail::ConsumerPart> m_consumers;

private:
    struct State;
    /// The part of plan ring `i`, whose side has `shape`: slot arrays of its own, or a view of the
    /// upstream ring's payloads where the plan shares them (RingPlan::payloadOf) and the forwarding
    /// stage is not one of `userNodes`. Throws std::invalid_argument where the plan asks for sharing
    /// that cannot hold.
    detail::RingPart ringPart(std::size_t i, const RingSide::Shape &shape, const std::set<std::string> &userNodes);
    /// Starts the rings' consumers, then every producer thread, which all wait at a start line
    /// until the last one exists (releaseProducers()).
    void startThreads();
    /// Opens the producers' start line. Idempotent.
    void releaseProducers() noexcept;
    /// Joins the producer threads, once the rings are halted and the producers told to stop.
    void stopProducers();
    RunReport finish(bool drain, std::chrono::nanoseconds drainTimeout);
    RunEnding ending(bool drain, bool drained) const;

    std::unique_ptr<State> m_run;
    std::atomic<RunState> m_state {RunState::Ready};
};

} // namespace ringflow::pipeline
