#include "route.h"

namespace ringflow::dispatch {

std::string describeRoute(std::size_t index, RouteKind kind, std::string_view key)
{
    std::string text = "route " + std::to_string(index);
    switch (kind) {
    case RouteKind::Exact:
        return text + " (channel '" + std::string(key) + "')";
    case RouteKind::Prefix:
        return text + " (prefix '" + std::string(key) + "')";
    case RouteKind::Predicate:
        return text + " (predicate)";
    case RouteKind::DeadLetter:
        return "the dead-letter route";
    }
    return text;
}

} // namespace ringflow::dispatch
