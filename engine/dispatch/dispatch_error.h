#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>

namespace ringflow::dispatch {

/// Where a DispatchError was caught.
enum class ErrorSource { Route, Producer };

/// One exception caught by the dispatcher: thrown by a route (its handler or predicate) or escaped
/// from a producer's body.
struct DispatchError {
    ErrorSource source;
    std::size_t index; ///< the route's index (registration order) or the producer's id
    std::string where; ///< "route 2 (prefix 'order.')", "producer 'feed'"
    std::string channel; ///< the event's channel; empty for a producer
    std::int64_t sequence; ///< the event's ring sequence; -1 for a producer
    std::exception_ptr error;
    bool fatal; ///< true when the dispatcher (routeErrors Halt) or the route (HaltStage) stops because of it
    bool routeOnly; ///< fatal to its route only (HaltStage): the dispatcher goes on

    /// "route 2 (prefix 'order.') failed on event 42 of channel 'order.new': boom (dispatcher halted)",
    /// or "... (route stopped)" under HaltStage
    std::string describe() const;
};

/// Called on the thread that caught the error; calls are serialised, so it needs no locking of its own.
using ErrorCallback = std::function<void(const DispatchError &)>;

/// Counts errors and hands them to the user's callback, one at a time. Errors come from the consumer
/// threads and from every producer thread, and a callback that must lock for itself is easy to get
/// wrong; errors are rare, so serialising them costs nothing that matters.
class ErrorSink {
public:
    /// An empty callback writes to standard error.
    explicit ErrorSink(ErrorCallback callback);

    void report(const DispatchError &error) noexcept;
    std::uint64_t count() const noexcept { return m_count.load(std::memory_order_relaxed); }

private:
    ErrorCallback m_callback;
    std::mutex m_mutex;
    std::atomic<std::uint64_t> m_count {0};
};

} // namespace ringflow::dispatch
