#pragma once

#include "dispatcher_metrics.h"
#include "dispatcher_options.h"
#include "emitter.h"
#include "producer.h"
#include "route.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ringflow::dispatch {

/// Named channels on one multi-producer disruptor ring. Producers emit events tagged with a channel;
/// routes registered by channel, prefix or predicate receive them on the ring's consumer side.
///
///     Dispatcher<> dispatcher({.payloadCapacity = 1024});
///     dispatcher.route("orders", [](const auto &event) { book(event.payload); });
///     dispatcher.addProducer("feed", [](auto &out) { while (!out.stopRequested()) out.emit("orders", read()); });
///     dispatcher.start();
///     ...
///     dispatcher.shutdown(std::chrono::seconds(1));
///
/// Every route sees the events it matches exactly once, in ring order, so each producer's events
/// arrive in the order it emitted them. A route that throws is reported and counted; by default the
/// run continues (DispatcherOptions::routeErrors).
///
/// Events no route takes are counted (DispatcherMetrics::unrouted) and handed to the dead-letter
/// route when one is set (deadLetter()).
///
/// Threads: routes are set up on one thread before start(). After that emit()/batch()/emitWith(),
/// addProducer(), metrics(), isRunning() and the producers' start()/stop() may be called from any
/// thread; start(), join() and shutdown() belong to the owning thread. Routes run on the consumer
/// threads and must not call join() or shutdown().
template <typename Payload = Bytes>
class Dispatcher {
public:
    using EventType = Event<Payload>;
    using Handler = std::function<void(const EventType &)>;
    using Predicate = std::function<bool(const EventType &)>;
    using EmitterType = Emitter<Payload>;
    using ProducerType = Producer<Payload>;

    /// Throws std::invalid_argument for invalid options. Allocates the whole ring.
    explicit Dispatcher(DispatcherOptions options = {})
        : m_errors(std::move(options.onError)),
          m_ring(options),
          m_external(m_ring, kExternalProducer, m_externalEmitted)
    {
    }
    /// Stops at once: shutdown() with no time to drain. Call join() or shutdown() first to process
    /// everything that was emitted.
    ~Dispatcher() { shutdown(std::chrono::nanoseconds::zero()); }
    Dispatcher(const Dispatcher &) = delete;
    Dispatcher &operator=(const Dispatcher &) = delete;

    /// Routes events whose channel equals `channel`. Returns the route's index (as in DispatchError).
    std::size_t route(std::string_view channel, Handler handler)
    {
        return addRoute(RouteKind::Exact, channel, {}, std::move(handler));
    }
    /// Routes events whose channel starts with `prefix` ("" routes everything).
    std::size_t routePrefix(std::string_view prefix, Handler handler)
    {
        return addRoute(RouteKind::Prefix, prefix, {}, std::move(handler));
    }
    /// Routes events that `predicate` accepts; it runs on the consumer side for every event.
    std::size_t routeIf(Predicate predicate, Handler handler)
    {
        if (!predicate)
            throw std::invalid_argument("routeIf() needs a predicate");
        return addRoute(RouteKind::Predicate, {}, std::move(predicate), std::move(handler));
    }

    /// Receives the events no other route takes (as counted in DispatcherMetrics::unrouted). One;
    /// before start(). Its errors are reported and follow routeErrors as a route's do.
    void deadLetter(Handler handler)
    {
        requireIdle("the dead-letter route");
        if (!handler)
            throw std::invalid_argument("the dead-letter route needs a handler");
        m_deadLetter = Route<Payload> {RouteKind::DeadLetter, {}, {}, std::move(handler)};
    }

    /// Registers a producer whose body runs on a thread of its own: from start(), or at once when
    /// the dispatcher already runs (join() then waits for it too). Ids count from 0. Throws
    /// std::logic_error once the dispatcher stopped or shutdown() began.
    ProducerType &addProducer(std::string name, typename ProducerType::Body body)
    {
        if (!body)
            throw std::invalid_argument("producer '" + name + "' needs a body");
        const std::lock_guard lock(m_producersMutex);
        if (m_closing || m_ring.state() == DispatcherState::Stopped)
            throw std::logic_error("producer '" + name + "' cannot be added: the dispatcher has stopped");
        const auto id = static_cast<ProducerId>(m_producers.size());
        // Not make_unique: the constructor is private to Dispatcher.
        std::unique_ptr<ProducerType> producer(
            new ProducerType(m_ring, m_errors, id, std::move(name), std::move(body)));
        ProducerType &added = *m_producers.emplace_back(std::move(producer));
        if (m_ring.state() == DispatcherState::Running)
            added.launch();
        return added;
    }

    /// Starts the consumer side, then every registered producer. Only once.
    void start()
    {
        if (m_ring.state() != DispatcherState::Idle)
            throw std::logic_error("a Dispatcher can be started only once");
        {
            const std::lock_guard lock(m_timesMutex);
            m_started = Clock::now();
        }
        // Held while starting, so that a producer added meanwhile is launched exactly once.
        const std::lock_guard lock(m_producersMutex);
        m_ring.start(m_routes, m_deadLetter ? &*m_deadLetter : nullptr, m_errors);
        for (auto &producer : m_producers)
            producer->launch();
    }

    bool isRunning() const noexcept { return m_ring.state() == DispatcherState::Running; }

    /// Emitting from any thread, as the external producer (kExternalProducer): the same calls as
    /// Emitter::emit(), emitWith() and batch().
    template <typename... Args>
    requires requires(EmitterType &emitter, Args &&...args) { emitter.emit(std::forward<Args>(args)...); }
    void emit(Args &&...args) { m_external.emit(std::forward<Args>(args)...); }
    template <typename... Args>
    requires requires(EmitterType &emitter, Args &&...args) { emitter.emitWith(std::forward<Args>(args)...); }
    void emitWith(Args &&...args) { m_external.emitWith(std::forward<Args>(args)...); }
    template <typename... Args>
    requires requires(EmitterType &emitter, Args &&...args) { emitter.batch(std::forward<Args>(args)...); }
    void batch(Args &&...args) { m_external.batch(std::forward<Args>(args)...); }

    /// Waits until every producer's body has returned and every event emitted so far has been
    /// processed by every route. Returns false if the dispatcher halted with events unprocessed (a
    /// route failed under ExceptionPolicy::Halt, or shutdown() gave up on draining). Producers that
    /// never return keep it waiting: stop them, or use shutdown(timeout).
    bool join()
    {
        for (std::size_t waited = 0;; ++waited) {
            ProducerType *next = producerAt(waited);
            if (!next)
                break;
            next->waitFinished(Clock::time_point::max());
        }
        return m_ring.waitForClaimed(Clock::time_point::max());
    }

    /// Asks every producer to stop, waits up to `timeout` for them to return and for the routes to
    /// process what was emitted, then halts: emitting throws core::Halted from now on, producers
    /// blocked on a full ring are released, and all threads are joined. Returns true when
    /// everything emitted was processed in time. Later calls return the first call's answer.
    bool shutdown(std::chrono::nanoseconds timeout)
    {
        const std::lock_guard lock(m_shutdownMutex);
        if (m_drained)
            return *m_drained;
        const Clock::time_point deadline = deadlineAfter(timeout);
        {
            const std::lock_guard producersLock(m_producersMutex);
            m_closing = true; // from here on the list stays as it is
        }
        for (auto &producer : m_producers)
            producer->stop();
        bool drained = true;
        for (auto &producer : m_producers)
            drained = producer->waitFinished(deadline) && drained;
        drained = m_ring.waitForClaimed(deadline) && drained;
        m_ring.stop();
        // A body that outlived the deadline is released by the halt: its next emit throws.
        for (auto &producer : m_producers)
            producer->join();
        {
            const std::lock_guard timesLock(m_timesMutex);
            m_stopped = Clock::now();
        }
        m_drained = drained;
        return drained;
    }

    DispatcherMetrics metrics() const
    {
        DispatcherMetrics metrics;
        // Processed first: every event it covers was counted by its emitter before it was published,
        // so the totals read afterwards include it (processed <= total in every snapshot).
        metrics.processed = m_ring.processed();
        metrics.errors = m_errors.count();
        metrics.unrouted = m_ring.tally().unroutedCount();
        metrics.bytes = m_ring.tally().bytes();
        metrics.consumers = m_ring.state() == DispatcherState::Idle ? 0 : m_ring.consumerCount();
        {
            const std::lock_guard lock(m_producersMutex);
            metrics.producers.reserve(m_producers.size());
            for (const auto &producer : m_producers) {
                metrics.producers.push_back(
                    {producer->id(), producer->name(), producer->emitted(), producer->isRunning()});
                metrics.total += metrics.producers.back().emitted;
            }
        }
        metrics.external = m_externalEmitted.load(std::memory_order_relaxed);
        metrics.total += metrics.external;
        {
            const std::lock_guard lock(m_timesMutex);
            metrics.started = m_started;
            metrics.stopped = m_stopped;
        }
        metrics.computeRates(Clock::now());
        return metrics;
    }

    ProducerType &producer(ProducerId id)
    {
        const std::lock_guard lock(m_producersMutex);
        return *m_producers.at(id);
    }
    std::size_t producerCount() const
    {
        const std::lock_guard lock(m_producersMutex);
        return m_producers.size();
    }
    std::size_t routeCount() const noexcept { return m_routes.size(); }

private:
    std::size_t addRoute(RouteKind kind, std::string_view key, Predicate predicate, Handler handler)
    {
        requireIdle("routes");
        if (!handler)
            throw std::invalid_argument("a route needs a handler");
        // A key longer than any channel name could never match: refuse it now (std::length_error).
        static_cast<void>(ChannelName(key));
        m_routes.push_back({kind, std::string(key), std::move(predicate), std::move(handler)});
        return m_routes.size() - 1;
    }

    ProducerType *producerAt(std::size_t index) const
    {
        const std::lock_guard lock(m_producersMutex);
        return index < m_producers.size() ? m_producers[index].get() : nullptr;
    }

    void requireIdle(const char *what) const
    {
        if (m_ring.state() != DispatcherState::Idle)
            throw std::logic_error(std::string(what) + " must be added before the dispatcher starts");
    }

    ErrorSink m_errors;
    std::vector<Route<Payload>> m_routes;
    std::optional<Route<Payload>> m_deadLetter;
    DispatchRing<Payload> m_ring;
    std::atomic<std::uint64_t> m_externalEmitted {0};
    EmitterType m_external;
    mutable std::mutex m_producersMutex; ///< guards the list, not the producers
    std::vector<std::unique_ptr<ProducerType>> m_producers;
    bool m_closing = false; ///< shutdown() began: no more producers

    mutable std::mutex m_timesMutex;
    Clock::time_point m_started {};
    std::optional<Clock::time_point> m_stopped;
    std::mutex m_shutdownMutex;
    std::optional<bool> m_drained;
};

// Compiled once in dispatcher.cpp for the default payload.
extern template class Dispatcher<Bytes>;

} // namespace ringflow::dispatch
