#include "dispatch_error.h"

#include "core/event_handler.h"

#include <cstdio>

namespace ringflow::dispatch {

namespace {

void writeToStandardError(const DispatchError &error) noexcept
{
    try {
        std::fprintf(stderr, "ringflow: %s\n", error.describe().c_str());
    } catch (...) {
        std::fputs("ringflow: a dispatch error could not be described\n", stderr);
    }
}

} // namespace

std::string DispatchError::describe() const
{
    std::string text = where + " failed";
    if (sequence >= 0)
        text += " on event " + std::to_string(sequence);
    if (!channel.empty())
        text += " of channel '" + channel + "'";
    text += ": " + core::exceptionMessage(error);
    if (fatal)
        text += routeOnly ? " (route stopped)" : " (dispatcher halted)";
    return text;
}

ErrorSink::ErrorSink(ErrorCallback callback) : m_callback(std::move(callback))
{
}

void ErrorSink::report(const DispatchError &error) noexcept
{
    // Counted before the callback runs, so that whoever the callback signals sees the count.
    m_count.fetch_add(1, std::memory_order_relaxed);
    const std::lock_guard lock(m_mutex);
    if (!m_callback) {
        writeToStandardError(error);
        return;
    }
    try {
        m_callback(error);
    } catch (...) {
        // A callback that throws must not take a consumer or producer thread down with it.
        writeToStandardError(error);
    }
}

} // namespace ringflow::dispatch
