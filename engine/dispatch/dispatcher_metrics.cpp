#include "dispatcher_metrics.h"

#include <cstdio>

namespace ringflow::dispatch {

void DispatcherMetrics::computeRates(std::chrono::steady_clock::time_point now)
{
    if (started == std::chrono::steady_clock::time_point {}) {
        elapsed = {};
        eventsPerSecond = nsPerEvent = 0;
        return;
    }
    elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(stopped.value_or(now) - started);
    const double seconds = std::chrono::duration<double>(elapsed).count();
    eventsPerSecond = seconds > 0 ? static_cast<double>(processed) / seconds : 0;
    nsPerEvent = processed > 0 ? static_cast<double>(elapsed.count()) / static_cast<double>(processed) : 0;
}

std::string DispatcherMetrics::summary() const
{
    char text[256];
    std::snprintf(text, sizeof text,
        "%llu emitted, %llu processed, %llu errors in %.3f s: %.0f events/s, %.0f ns/event%s",
        static_cast<unsigned long long>(total), static_cast<unsigned long long>(processed),
        static_cast<unsigned long long>(errors), std::chrono::duration<double>(elapsed).count(), eventsPerSecond,
        nsPerEvent, isStopped() ? " (stopped)" : "");
    return text;
}

} // namespace ringflow::dispatch
