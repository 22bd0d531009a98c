#pragma once

#include "dispatch_error.h"
#include "route.h"
#include "slot.h"

#include <core/event_handler.h>
#include <core/sequence.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

namespace ringflow::dispatch {

/// Calls routes for one consumer stage and applies the exception policy: a route that throws is
/// counted and reported; under ExceptionPolicy::Halt it then halts the whole dispatcher, under
/// HaltStage it stops only that route (the dispatcher's unit of work, as a stage is the core's).
///
/// A stopped route's handler is not called again. Its predicate still answers for the unrouted
/// count (its errors no longer reported), so an event it would have taken is neither unrouted nor
/// dead-lettered, as the tally stage of ConsumerLayout::StagePerRoute (which cannot see another
/// stage's stop) counts it. Each route is delivered by exactly one invoker, so the flags are
/// plain members of the thread that delivers.
template <typename Payload>
class RouteInvoker {
public:
    /// `haltDispatcher(sequence)` is called with the failing event's sequence under ExceptionPolicy::Halt.
    RouteInvoker(std::span<const Route<Payload>> routes, const Route<Payload> *deadLetter, ErrorSink &errors,
        core::ExceptionPolicy policy, std::function<void(std::int64_t)> haltDispatcher)
        : m_routes(routes),
          m_deadLetter(deadLetter),
          m_errors(errors),
          m_policy(policy),
          m_haltDispatcher(std::move(haltDispatcher)),
          m_stoppedRoutes(routes.size() + 1, false)
    {
    }

    std::span<const Route<Payload>> routes() const noexcept { return m_routes; }
    /// True once a route failed under ExceptionPolicy::Halt: the stage delivers nothing more.
    bool halted() const noexcept { return m_halted; }

    /// Hands `event` to route `index` if the route takes it (its predicate, for a predicate
    /// route); true when it did, whether or not the handler then threw.
    bool deliver(std::size_t index, const Event<Payload> &event, std::int64_t sequence)
    {
        const Route<Payload> &route = m_routes[index];
        try {
            if (route.kind == RouteKind::Predicate && !route.predicate(event))
                return false;
            if (!m_stoppedRoutes[index])
                route.handler(event);
        } catch (...) {
            if (!m_stoppedRoutes[index])
                fail(index, event, sequence, std::current_exception());
        }
        return true;
    }

    /// Hands an event no route took to the dead-letter route, if there is one.
    void deliverDeadLetter(const Event<Payload> &event, std::int64_t sequence)
    {
        if (!m_deadLetter || m_stoppedRoutes[m_routes.size()])
            return;
        try {
            m_deadLetter->handler(event);
        } catch (...) {
            fail(m_routes.size(), event, sequence, std::current_exception());
        }
    }

    /// Whether any route takes `event` among `candidates` (the routes its channel admits), asking
    /// predicates without delivering.
    bool anyTakes(std::span<const std::uint32_t> candidates, const Event<Payload> &event) const
    {
        for (const std::uint32_t index : candidates) {
            const Route<Payload> &route = m_routes[index];
            if (route.kind != RouteKind::Predicate || route.predicate(event))
                return true;
        }
        return false;
    }

private:
    void fail(std::size_t index, const Event<Payload> &event, std::int64_t sequence, std::exception_ptr error)
    {
        const bool haltsDispatcher = m_policy == core::ExceptionPolicy::Halt;
        const bool stopsRoute = m_policy == core::ExceptionPolicy::HaltStage;
        const Route<Payload> &route = index < m_routes.size() ? m_routes[index] : *m_deadLetter;
        m_errors.report({ErrorSource::Route, index, describeRoute(index, route.kind, route.key),
            std::string(event.channel.view()), sequence, std::move(error), haltsDispatcher || stopsRoute, stopsRoute});
        if (stopsRoute)
            m_stoppedRoutes[index] = true;
        if (haltsDispatcher) {
            m_halted = true;
            m_haltDispatcher(sequence);
        }
    }

    std::span<const Route<Payload>> m_routes;
    const Route<Payload> *m_deadLetter; ///< null: none
    ErrorSink &m_errors;
    core::ExceptionPolicy m_policy;
    std::function<void(std::int64_t)> m_haltDispatcher;
    std::vector<bool> m_stoppedRoutes; ///< by route index; the dead-letter route last
    bool m_halted = false;
};

/// Which routes a channel admits (exact and prefix routes by the channel alone, predicate routes
/// always), cached per channel: after warm-up a lookup is one hash probe.
template <typename Payload>
class CandidateCache {
public:
    explicit CandidateCache(std::span<const Route<Payload>> routes) : m_routes(routes)
    {
        m_uncached.reserve(routes.size());
    }

    std::span<const std::uint32_t> candidatesFor(const ChannelName &channel)
    {
        if (const auto found = m_cache.find(channel); found != m_cache.end())
            return found->second;
        m_uncached.clear();
        for (std::uint32_t index = 0; index < m_routes.size(); ++index) {
            if (m_routes[index].acceptsChannel(channel))
                m_uncached.push_back(index);
        }
        if (m_cache.size() < kMaxCachedChannels)
            return m_cache.emplace(channel, m_uncached).first->second;
        return m_uncached;
    }

private:
    // Channels seen after this many distinct ones are matched on every event instead of cached, so
    // that a stream of unique channel names cannot grow the cache without bound.
    static constexpr std::size_t kMaxCachedChannels = 4096;

    std::span<const Route<Payload>> m_routes;
    std::unordered_map<ChannelName, std::vector<std::uint32_t>, ChannelNameHash> m_cache;
    std::vector<std::uint32_t> m_uncached;
};

/// The bytes of a payload, for the metrics: a container's elements, or the object itself.
template <typename Payload>
std::uint64_t payloadBytes(const Payload &payload) noexcept
{
    if constexpr (requires {
                      payload.size();
                      typename Payload::value_type;
                  })
        return static_cast<std::uint64_t>(payload.size() * sizeof(typename Payload::value_type));
    else
        return sizeof(Payload);
}

/// What the consumer side counts besides the routes' work: payload bytes processed and events no
/// route took. Written by one consumer thread, read by metrics() on any. Padded to lines of its own:
/// it sits in DispatchRing next to the state every emit reads, and a consumer writing it per event
/// made each emit wait for that line from the consumer's core (13% of an emit in `perf`).
template <typename Payload>
class alignas(core::kFalseSharingRange) RouteTally {
public:
    void counted(const Event<Payload> &event) noexcept
    {
        m_bytes.store(m_bytes.load(std::memory_order_relaxed) + payloadBytes(event.payload), std::memory_order_relaxed);
    }

    void unrouted() noexcept
    {
        m_unrouted.store(m_unrouted.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }

    std::uint64_t bytes() const noexcept { return m_bytes.load(std::memory_order_relaxed); }
    std::uint64_t unroutedCount() const noexcept { return m_unrouted.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> m_bytes {0};
    std::atomic<std::uint64_t> m_unrouted {0};
};

/// ConsumerLayout::SharedStage: one stage hands each event to every matching route, in registration
/// order, and tallies it. After warm-up an event costs one hash lookup plus the route calls.
template <typename Payload>
class SharedStage {
public:
    SharedStage(RouteInvoker<Payload> invoker, RouteTally<Payload> &tally)
        : m_invoker(std::move(invoker)), m_candidates(m_invoker.routes()), m_tally(tally)
    {
    }

    void onEvent(Slot<Payload> &slot, std::int64_t sequence, bool)
    {
        if (!slot.filled || m_invoker.halted())
            return;
        m_tally.counted(slot.event);
        bool taken = false;
        for (const std::uint32_t index : m_candidates.candidatesFor(slot.event.channel)) {
            taken = m_invoker.deliver(index, slot.event, sequence) || taken;
            if (m_invoker.halted())
                return;
        }
        if (!taken) {
            m_tally.unrouted();
            m_invoker.deliverDeadLetter(slot.event, sequence);
        }
    }

private:
    RouteInvoker<Payload> m_invoker;
    CandidateCache<Payload> m_candidates;
    RouteTally<Payload> &m_tally;
};

/// ConsumerLayout::StagePerRoute: the stage beside the route stages that tallies every event and
/// finds those no route takes (asking predicate routes their predicate a second time).
template <typename Payload>
class TallyStage {
public:
    TallyStage(RouteInvoker<Payload> invoker, RouteTally<Payload> &tally)
        : m_invoker(std::move(invoker)), m_candidates(m_invoker.routes()), m_tally(tally)
    {
    }

    void onEvent(Slot<Payload> &slot, std::int64_t sequence, bool)
    {
        if (!slot.filled || m_invoker.halted())
            return;
        m_tally.counted(slot.event);
        if (!m_invoker.anyTakes(m_candidates.candidatesFor(slot.event.channel), slot.event)) {
            m_tally.unrouted();
            m_invoker.deliverDeadLetter(slot.event, sequence);
        }
    }

private:
    RouteInvoker<Payload> m_invoker;
    CandidateCache<Payload> m_candidates;
    RouteTally<Payload> &m_tally;
};

/// ConsumerLayout::StagePerRoute: a stage (and thread) per route that skips what its route does not
/// want, so that a slow route does not delay the others.
template <typename Payload>
class RouteStage {
public:
    RouteStage(RouteInvoker<Payload> invoker, std::size_t index) : m_invoker(std::move(invoker)), m_index(index) { }

    void onEvent(Slot<Payload> &slot, std::int64_t sequence, bool)
    {
        if (!slot.filled || m_invoker.halted() || !m_invoker.routes()[m_index].acceptsChannel(slot.event.channel))
            return;
        m_invoker.deliver(m_index, slot.event, sequence);
    }

private:
    RouteInvoker<Payload> m_invoker;
    std::size_t m_index;
};

} // namespace ringflow::dispatch
