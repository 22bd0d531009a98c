#include "event_handler.h"

#include <cstdio>

namespace ringflow::core {

namespace {

const char *phaseName(FailurePhase phase)
{
    switch (phase) {
    case FailurePhase::Start:
        return "on start";
    case FailurePhase::BatchStart:
        return "on batch start";
    case FailurePhase::Event:
        return "on event";
    case FailurePhase::Timeout:
        return "on timeout";
    case FailurePhase::Shutdown:
        return "on shutdown";
    }
    return "";
}

} // namespace

std::string exceptionMessage(const std::exception_ptr &error)
{
    try {
        if (error)
            std::rethrow_exception(error);
    } catch (const std::exception &e) {
        return e.what();
    } catch (...) {
        return "an exception that is not a std::exception";
    }
    return "unknown error";
}

std::string HandlerError::describe() const
{
    // Appends rather than operator+ chains: GCC 12 -O3 reports a false -Wrestrict on those (bug 105329).
    std::string text = "stage '";
    text += stage;
    text += "' failed ";
    text += phaseName(phase);
    if (sequence >= 0) {
        text += ' ';
        text += std::to_string(sequence);
    }
    text += ": ";
    text += exceptionMessage(error);
    if (fatal)
        text += " (stage halted)";
    return text;
}

void reportToStandardError(const HandlerError &error)
{
    std::fprintf(stderr, "ringflow: %s\n", error.describe().c_str());
}

} // namespace ringflow::core
