#include "event_processor.h"

#include <stdexcept>

namespace ringflow::core {

EventProcessor::EventProcessor(std::shared_ptr<SequenceBarrier> barrier, StageOptions options)
    : m_barrier(std::move(barrier)), m_waitStrategy(m_barrier->waitStrategy()), m_options(std::move(options))
{
}

void EventProcessor::run()
{
    if (!runsOnOwnThread())
        throw std::logic_error("stage '" + m_options.name + "' runs on its Disruptor's executor, not on a thread");
    const bool process = enterRun();
    notifyStart();
    if (process && !m_barrier->isAlerted())
        processEvents();
    notifyShutdown();
    leaveRun();
}

bool EventProcessor::enterRun()
{
    State expected = State::Idle;
    if (m_state.compare_exchange_strong(expected, State::Running))
        return true;
    if (expected == State::Running)
        throw std::logic_error("stage '" + m_options.name + "' is already running");
    return false; // halted before it ever ran: onStart/onShutdown still come, paired, for the handler
}

void EventProcessor::leaveRun() noexcept
{
    m_state.store(State::Halted, std::memory_order_release);
}

void EventProcessor::halt() noexcept
{
    State expected = State::Idle;
    m_state.compare_exchange_strong(expected, State::Halted);
    m_barrier->alert();
}

bool EventProcessor::handleEventFailure(std::int64_t sequence, std::exception_ptr error, FailurePhase phase)
{
    const bool fatal = m_options.policy != ExceptionPolicy::Continue;
    report({m_options.name, phase, sequence, std::move(error), fatal});
    if (!fatal)
        return true;
    m_failed.store(true, std::memory_order_release);
    if (m_options.policy == ExceptionPolicy::HaltDisruptor && m_onFatal)
        m_onFatal();
    return false;
}

void EventProcessor::report(const HandlerError &error)
{
    if (!m_onError) {
        reportToStandardError(error);
        return;
    }
    try {
        m_onError(error);
    } catch (...) {
        // An error handler that throws must not take the stage down with it.
        reportToStandardError(error);
    }
}

} // namespace ringflow::core
