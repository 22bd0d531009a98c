#pragma once

#include "emitter.h"
#include "producer_thread.h"

#include <core/sequence.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace ringflow::dispatch {

template <typename Payload>
class Dispatcher;

/// A producer registered with Dispatcher::addProducer(): a body that runs on its own thread and
/// emits through the Emitter it is given. Dispatcher::start() starts every producer; afterwards
/// each can be stopped and started again. All members may be called from any thread.
///
/// The body returns when it is done or when `emitter.stopRequested()`. An exception escaping it is
/// reported to the dispatcher's error callback and counted, except core::Halted, which only means
/// the dispatcher stopped under it.
template <typename Payload>
class Producer {
public:
    using Body = std::function<void(Emitter<Payload> &)>;

    /// Runs the body (again) unless it is running. Throws std::logic_error unless the dispatcher runs.
    void start()
    {
        if (m_ring.state() != DispatcherState::Running)
            throw std::logic_error("producer '" + name() + "' can only start while its dispatcher runs");
        launch();
    }
    /// Asks the body to return (through its stop token); does not wait.
    void stop() { m_thread.requestStop(); }
    bool isRunning() const { return m_thread.isRunning(); }

    ProducerId id() const noexcept { return m_id; }
    const std::string &name() const noexcept { return m_thread.name(); }
    /// Events emitted by this producer, over all of its runs.
    std::uint64_t emitted() const noexcept { return m_emitted.value.load(std::memory_order_relaxed); }

private:
    friend class Dispatcher<Payload>;

    Producer(DispatchRing<Payload> &ring, ErrorSink &errors, ProducerId id, std::string name, Body body)
        : m_ring(ring), m_errors(errors), m_id(id), m_body(std::move(body)), m_thread(std::move(name))
    {
    }

    // Dispatcher::start() launches without the state check: a route failing under the Halt policy
    // may stop the dispatcher while it is still starting producers. Such a body ends at its first
    // emit, which throws core::Halted.
    void launch()
    {
        m_thread.start([this](std::stop_token stopToken) { run(std::move(stopToken)); });
    }
    bool waitFinished(Clock::time_point deadline) const { return m_thread.waitFinished(deadline); }
    void join() { m_thread.join(); }

    void run(std::stop_token stopToken) noexcept
    {
        Emitter<Payload> emitter(m_ring, m_id, m_emitted.value, std::move(stopToken));
        try {
            m_body(emitter);
        } catch (const core::Halted &) {
            // The dispatcher stopped while the body was emitting: a normal way for a run to end.
        } catch (...) {
            m_errors.report({ErrorSource::Producer, m_id, "producer '" + name() + "'", {}, -1, std::current_exception(),
                false, false});
        }
    }

    DispatchRing<Payload> &m_ring;
    ErrorSink &m_errors;
    const ProducerId m_id;
    const Body m_body;
    // Padded: producers count on different cores, and adjacent counters would share a line.
    struct alignas(core::kFalseSharingRange) Counter {
        std::atomic<std::uint64_t> value {0};
    } m_emitted;
    ProducerThread m_thread; // last: its destructor stops and joins the run that uses the members above
};

} // namespace ringflow::dispatch
