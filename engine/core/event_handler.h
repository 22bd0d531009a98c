#pragma once

#include "batch_task.h"
#include "event_batch.h"

#include <chrono>
#include <concepts>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>

namespace ringflow::core {

/// A per-event handler: `onEvent(event, sequence, endOfBatch)`.
template <typename H, typename T>
concept EventHandler = requires(H &handler, T &event, std::int64_t sequence, bool endOfBatch)
{
    handler.onEvent(event, sequence, endOfBatch);
};

/// A per-batch handler: `onBatch(batch, firstSequence)`; the batch may wrap the end of the ring.
template <typename H, typename T>
concept BatchHandler = requires(H &handler, const EventBatch<T> &batch, std::int64_t firstSequence)
{
    handler.onBatch(batch, firstSequence);
};

/// An async batch handler: `BatchTask onBatch(batch, firstSequence)`, a coroutine. Its stage runs
/// on its Disruptor's AsyncExecutor instead of a thread of its own (async_batch_processor.h).
template <typename H, typename T>
concept AsyncBatchHandler = requires(H &handler, const EventBatch<T> &batch, std::int64_t firstSequence)
{
    {
        handler.onBatch(batch, firstSequence)
        } -> std::same_as<BatchTask>;
};

/// A handler that a stage with a thread of its own runs: per-event or (synchronous) per-batch.
template <typename H, typename T>
concept AnyEventHandler = (EventHandler<H, T> || BatchHandler<H, T>)&&!AsyncBatchHandler<H, T>;

// The optional lifecycle hooks a handler may declare.
template <typename H>
concept HasOnStart = requires(H &handler)
{
    handler.onStart();
};
template <typename H>
concept HasOnShutdown = requires(H &handler)
{
    handler.onShutdown();
};
template <typename H>
concept HasOnTimeout = requires(H &handler, std::int64_t sequence)
{
    handler.onTimeout(sequence);
};

/// `onBatchStart(batchSize, queueDepth)`, called before each batch (see invokeOnBatchStart).
template <typename H>
concept HasOnBatchStart = requires(H &handler, std::int64_t batchSize, std::int64_t queueDepth)
{
    handler.onBatchStart(batchSize, queueDepth);
};

/// The optional hooks of a handler, called only when it declares them.
template <typename H>
void invokeOnStart(H &handler)
{
    if constexpr (HasOnStart<H>)
        handler.onStart();
}
template <typename H>
void invokeOnShutdown(H &handler)
{
    if constexpr (HasOnShutdown<H>)
        handler.onShutdown();
}
template <typename H>
void invokeOnTimeout(H &handler, std::int64_t sequence)
{
    if constexpr (HasOnTimeout<H>)
        handler.onTimeout(sequence);
}

/// Before each batch, on the stage's thread: `batchSize` events follow (each to onEvent, or all to
/// one onBatch); `queueDepth` is the ring's cursor minus the stage's sequence at that moment, i.e.
/// the events claimed by producers that this stage has not finished, this batch included (so
/// queueDepth >= batchSize; more when maxBatchSize split the run or producers claimed more since).
/// On a multi-producer ring the cursor counts claimed slots, some of which may not be published yet.
/// A stage whose handler declares no onBatchStart reads no cursor.
template <typename H>
void invokeOnBatchStart(H &handler, std::int64_t batchSize, std::int64_t queueDepth)
{
    if constexpr (HasOnBatchStart<H>)
        handler.onBatchStart(batchSize, queueDepth);
}

/// What a stage does when its handler throws while handling events. Every failure is reported to
/// the stage's error handler first.
enum class ExceptionPolicy {
    /// Stop this stage and halt its whole Disruptor: every stage stops, producers waiting in next()
    /// get Halted. The default.
    Halt,
    Continue, ///< count the failed event (or batch) as processed and go on
    /// Stop this stage only; the other stages go on. Stages downstream of it then wait for it for
    /// good, and once its producers have filled the ring up to it they block in next() until the
    /// Disruptor is halted (halt(), shutdown() or the destructor).
    HaltStage,
    HaltDisruptor = Halt, ///< Halt, named for its scope
};

enum class FailurePhase { Start, BatchStart, Event, Timeout, Shutdown };

/// One exception thrown by a handler, as delivered to the ErrorHandler.
struct HandlerError {
    std::string stage;
    FailurePhase phase;
    std::int64_t sequence; ///< the failing event (or first event of the failing batch); -1 if none
    std::exception_ptr error;
    bool fatal; ///< true when the stage stops because of it (ExceptionPolicy Halt or HaltStage)

    /// "stage 'journal' failed on event 42: disk full (stage halted)"
    std::string describe() const;
};

using ErrorHandler = std::function<void(const HandlerError &)>;

/// The what() of the exception, or a sentence saying it was not a std::exception.
std::string exceptionMessage(const std::exception_ptr &error);

/// Writes the error to standard error; used when the owner sets no handler of its own.
void reportToStandardError(const HandlerError &error);

/// Thrown by a handler (from onEvent, onBatch or an async batch's task) to have the batch in hand
/// delivered again, whole: the same first sequence and the same events, as far as the stage's
/// RewindStrategy allows. A per-event handler then sees the batch's earlier events again too.
class RewindableException : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How often a stage re-delivers a batch whose handler threw a RewindableException. When the
/// rewinds are used up (or none are allowed), that exception is a failure like any other and the
/// stage's ExceptionPolicy applies to it. The count starts afresh with each new batch.
struct RewindStrategy {
    static constexpr std::int64_t kUnlimited = std::numeric_limits<std::int64_t>::max();

    std::int64_t maxRewinds = 0; ///< re-deliveries of one batch; 0: never rewind
    /// Pause before each re-delivery. A halt cuts it short on a stage with a thread of its own; an
    /// async stage's pause is a timer on its executor, which a halt waits out.
    std::chrono::nanoseconds backOff {0};

    static RewindStrategy always(std::chrono::nanoseconds backOff = {}) { return {kUnlimited, backOff}; }
    static RewindStrategy upTo(std::int64_t rewinds, std::chrono::nanoseconds backOff = {})
    {
        return {rewinds, backOff};
    }
};

/// Per-stage settings.
struct StageOptions {
    std::string name; ///< for errors, thread names and reports
    ExceptionPolicy policy = ExceptionPolicy::Halt;
    std::int64_t maxBatchSize = 0; ///< 0: as many as are available
    RewindStrategy rewind = {}; ///< what a RewindableException does; default: nothing (a failure)
    /// This stage's errors go here instead of to the Disruptor's error handler; empty: there.
    /// Called on the stage's thread (an async stage's: a thread of its executor).
    ErrorHandler onError = {};
};

} // namespace ringflow::core
