#pragma once

#include "event_batch.h"

#include <concepts>
#include <cstdint>
#include <exception>
#include <functional>
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

template <typename H, typename T>
concept AnyEventHandler = EventHandler<H, T> || BatchHandler<H, T>;

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

/// What a stage does when its handler throws while handling events.
enum class ExceptionPolicy {
    Halt, ///< stop the stage and halt its disruptor (producers are released with Halted)
    Continue, ///< report, count the failed event (or batch) as processed and go on
};

enum class FailurePhase { Start, Event, Timeout, Shutdown };

/// One exception thrown by a handler, as delivered to the ErrorHandler.
struct HandlerError {
    std::string stage;
    FailurePhase phase;
    std::int64_t sequence; ///< the failing event (or first event of the failing batch); -1 if none
    std::exception_ptr error;
    bool fatal; ///< true when the stage halts because of it

    /// "stage 'journal' failed on event 42: disk full (stage halted)"
    std::string describe() const;
};

using ErrorHandler = std::function<void(const HandlerError &)>;

/// The what() of the exception, or a sentence saying it was not a std::exception.
std::string exceptionMessage(const std::exception_ptr &error);

/// Writes the error to standard error; used when the owner sets no handler of its own.
void reportToStandardError(const HandlerError &error);

/// Per-stage settings.
struct StageOptions {
    std::string name; ///< for errors, thread names and reports
    ExceptionPolicy policy = ExceptionPolicy::Halt;
    std::int64_t maxBatchSize = 0; ///< 0: as many as are available
};

} // namespace ringflow::core
