#pragma once

#include "channel_name.h"
#include "event.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace ringflow::dispatch {

/// How a route selects its events.
enum class RouteKind {
    Exact, ///< the channel equals the key
    Prefix, ///< the channel starts with the key
    Predicate, ///< the route's predicate accepts the event
    DeadLetter, ///< no other route took the event (Dispatcher::deadLetter())
};

/// "route 2 (prefix 'order.')": how errors and reports name a route.
std::string describeRoute(std::size_t index, RouteKind kind, std::string_view key);

/// A handler and the events it wants. Routes are registered before the dispatcher starts and never
/// change afterwards, so the consumer threads read them without synchronisation.
template <typename Payload>
struct Route {
    using EventType = Event<Payload>;

    RouteKind kind;
    std::string key;
    std::function<bool(const EventType &)> predicate;
    std::function<void(const EventType &)> handler;

    /// Whether the channel alone admits the event. A predicate route can only decide per event, so
    /// every channel is a candidate for it.
    bool acceptsChannel(const ChannelName &channel) const noexcept
    {
        switch (kind) {
        case RouteKind::Exact:
            return channel.view() == key;
        case RouteKind::Prefix:
            return channel.startsWith(key);
        case RouteKind::Predicate:
            return true;
        case RouteKind::DeadLetter:
            return false;
        }
        return false;
    }
};

} // namespace ringflow::dispatch
