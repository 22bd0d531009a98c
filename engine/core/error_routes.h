#pragma once

#include "event_handler.h"

#include <map>
#include <utility>

namespace ringflow::core {

/// Where a Disruptor's stages send their errors: the first of a handler's own route
/// (handleExceptionsFor(handler).with(...)), its stage's StageOptions::onError, the Disruptor-wide
/// handler (setErrorHandler), standard error.
class ErrorRoutes {
public:
    /// What handleExceptionsFor(handler) returns: with(errorHandler) routes that handler's errors.
    class StageErrors {
    public:
        StageErrors(ErrorRoutes &routes, const void *handler) : m_routes(routes), m_handler(handler) { }
        void with(ErrorHandler errorHandler) { m_routes.m_byHandler[m_handler] = std::move(errorHandler); }

    private:
        ErrorRoutes &m_routes;
        const void *m_handler;
    };

    void setDefault(ErrorHandler errorHandler) { m_default = std::move(errorHandler); }

    /// The error handler of the stage running `handler` with `options`.
    ErrorHandler forStage(const void *handler, const StageOptions &options) const
    {
        if (const auto found = m_byHandler.find(handler); found != m_byHandler.end())
            return found->second;
        if (options.onError)
            return options.onError;
        return m_default ? m_default : ErrorHandler(reportToStandardError);
    }

private:
    ErrorHandler m_default;
    std::map<const void *, ErrorHandler> m_byHandler;
};

} // namespace ringflow::core
