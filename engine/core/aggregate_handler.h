#pragma once

#include "event_handler.h"

#include <tuple>

namespace ringflow::core {

/// Several per-event handlers run one after another on one thread, in one processor loop: cheaper
/// than a stage each when the work per handler is small. Lifecycle hooks are forwarded to each.
template <typename... Handlers>
class AggregateHandler {
public:
    explicit AggregateHandler(Handlers &...handlers) : m_handlers(handlers...) { }

    template <typename T>
    requires(EventHandler<Handlers, T> &&...) void onEvent(T &event, std::int64_t sequence, bool endOfBatch)
    {
        std::apply([&](auto &...handler) { (handler.onEvent(event, sequence, endOfBatch), ...); }, m_handlers);
    }
    void onStart()
    {
        std::apply([](auto &...handler) { (invokeOnStart(handler), ...); }, m_handlers);
    }
    void onShutdown()
    {
        std::apply([](auto &...handler) { (invokeOnShutdown(handler), ...); }, m_handlers);
    }
    void onTimeout(std::int64_t sequence)
    {
        std::apply([sequence](auto &...handler) { (invokeOnTimeout(handler, sequence), ...); }, m_handlers);
    }

private:
    std::tuple<Handlers &...> m_handlers;
};

} // namespace ringflow::core
