#pragma once

#include "dispatch_error.h"
#include "route.h"
#include "slot.h"

#include <core/event_handler.h>

#include <cstdint>
#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

namespace ringflow::dispatch {

/// Calls routes for one consumer stage and applies the exception policy: a route that throws is
/// counted and reported; under ExceptionPolicy::Halt it then halts the whole dispatcher.
template <typename Payload>
class RouteInvoker {
public:
    /// `haltDispatcher(sequence)` is called with the failing event's sequence under ExceptionPolicy::Halt.
    RouteInvoker(std::span<const Route<Payload>> routes, ErrorSink &errors, core::ExceptionPolicy policy,
        std::function<void(std::int64_t)> haltDispatcher)
        : m_routes(routes), m_errors(errors), m_policy(policy), m_haltDispatcher(std::move(haltDispatcher))
    {
    }

    std::span<const Route<Payload>> routes() const noexcept { return m_routes; }
    /// True once a route failed under ExceptionPolicy::Halt: the stage delivers nothing more.
    bool halted() const noexcept { return m_halted; }

    void deliver(std::size_t index, const Event<Payload> &event, std::int64_t sequence)
    {
        const Route<Payload> &route = m_routes[index];
        try {
            if (route.kind == RouteKind::Predicate && !route.predicate(event))
                return;
            route.handler(event);
        } catch (...) {
            fail(index, event, sequence, std::current_exception());
        }
    }

private:
    void fail(std::size_t index, const Event<Payload> &event, std::int64_t sequence, std::exception_ptr error)
    {
        const bool fatal = m_policy == core::ExceptionPolicy::Halt;
        const Route<Payload> &route = m_routes[index];
        m_errors.report({ErrorSource::Route, index, describeRoute(index, route.kind, route.key),
            std::string(event.channel.view()), sequence, std::move(error), fatal});
        if (fatal) {
            m_halted = true;
            m_haltDispatcher(sequence);
        }
    }

    std::span<const Route<Payload>> m_routes;
    ErrorSink &m_errors;
    core::ExceptionPolicy m_policy;
    std::function<void(std::int64_t)> m_haltDispatcher;
    bool m_halted = false;
};

/// ConsumerLayout::SharedStage: one stage hands each event to every matching route, in registration
/// order. Which exact and prefix routes match depends on the channel only, so the answer is cached
/// per channel; after warm-up an event costs one hash lookup plus the route calls.
template <typename Payload>
class SharedStage {
public:
    explicit SharedStage(RouteInvoker<Payload> invoker) : m_invoker(std::move(invoker))
    {
        m_uncached.reserve(m_invoker.routes().size());
    }

    void onEvent(Slot<Payload> &slot, std::int64_t sequence, bool)
    {
        if (!slot.filled || m_invoker.halted())
            return;
        for (const std::uint32_t index : candidatesFor(slot.event.channel)) {
            m_invoker.deliver(index, slot.event, sequence);
            if (m_invoker.halted())
                return;
        }
    }

private:
    // Channels seen after this many distinct ones are matched on every event instead of cached, so
    // that a stream of unique channel names cannot grow the cache without bound.
    static constexpr std::size_t kMaxCachedChannels = 4096;

    std::span<const std::uint32_t> candidatesFor(const ChannelName &channel)
    {
        if (const auto found = m_cache.find(channel); found != m_cache.end())
            return found->second;
        m_uncached.clear();
        const auto routes = m_invoker.routes();
        for (std::uint32_t index = 0; index < routes.size(); ++index) {
            if (routes[index].acceptsChannel(channel))
                m_uncached.push_back(index);
        }
        if (m_cache.size() < kMaxCachedChannels)
            return m_cache.emplace(channel, m_uncached).first->second;
        return m_uncached;
    }

    RouteInvoker<Payload> m_invoker;
    std::unordered_map<ChannelName, std::vector<std::uint32_t>, ChannelNameHash> m_cache;
    std::vector<std::uint32_t> m_uncached;
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
