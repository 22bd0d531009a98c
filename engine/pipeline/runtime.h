#pragma once

#include "metrics.h"
#include "plan.h"
#include "run_report.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ringflow::pipeline {

enum class RunState { Ready, Running, Paused, Finished };

/// How long stop() lets the rings drain before it halts, unless told otherwise (the runner's
/// --drain-timeout, the designer's setting).
inline constexpr std::chrono::seconds kDefaultDrainTimeout {5};

/// Runs a compiled plan on real threads: one per producer thread, stage, aggregate and worker.
///
/// start() once; pause()/resume() hold and release the producers (consumers drain meanwhile);
/// stop() stops the producers, drains ring by ring in data-flow order within the timeout and then
/// halts everything; halt() stops at once. Any of them may be called from any thread, and stop()
/// and halt() always return. sample() reads the live counters without locks.
class Runtime {
public:
    explicit Runtime(Plan plan);
    ~Runtime();
    Runtime(const Runtime &) = delete;
    Runtime &operator=(const Runtime &) = delete;

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

private:
    struct Impl;
    void startThreads();
    RunReport finish(bool drain, std::chrono::nanoseconds drainTimeout);

    Plan m_plan;
    std::unique_ptr<Impl> m_impl;
    std::atomic<RunState> m_state {RunState::Ready};
};

} // namespace ringflow::pipeline
