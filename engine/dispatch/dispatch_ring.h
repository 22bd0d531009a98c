#pragma once

#include "consumer_stages.h"
#include "dispatcher_options.h"
#include "poll_until.h"
#include "slot.h"

#include <core/capacity_gate.h>
#include <core/disruptor.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace ringflow::dispatch {

/// Idle until start(), Running until it halts (shutdown or a fatal route error), then Stopped for good.
enum class DispatcherState { Idle, Running, Stopped };

/// The multi-producer ring all channels share, with its consumer stages. Emitters publish into it,
/// the dispatcher starts and stops it.
template <typename Payload>
class DispatchRing {
public:
    using SlotType = Slot<Payload>;
    using Ring = core::RingBuffer<SlotType, core::MultiProducerSequencer>;

    /// Allocates every slot (reserving payloadCapacity where the payload allows) up front.
    explicit DispatchRing(const DispatcherOptions &options)
        : m_layout(options.layout),
          m_maxBatchSize(options.maxBatchSize),
          m_policy(options.routeErrors),
          m_disruptor(options.bufferSize, makeGate(options),
              [capacity = options.payloadCapacity] {
                  SlotType slot;
                  if constexpr (ReservablePayload<Payload>)
                      slot.event.payload.reserve(capacity);
                  return slot;
              }),
          m_ring(m_disruptor.ringBuffer())
    {
        m_gate->attach(m_ring.sequencer());
    }

    /// Builds the consumer stages over `routes` and the optional `deadLetter` route (which must
    /// outlive the ring and stay unchanged) and starts their threads. Emits are accepted from now on.
    void start(std::span<const Route<Payload>> routes, const Route<Payload> *deadLetter, ErrorSink &errors)
    {
        auto invoker = [&] {
            return RouteInvoker<Payload>(
                routes, deadLetter, errors, m_policy, [this](std::int64_t failed) { haltFromConsumer(failed); });
        };
        if (m_layout == ConsumerLayout::StagePerRoute && !routes.empty()) {
            for (std::size_t index = 0; index < routes.size(); ++index) {
                auto &stage = *m_routeStages.emplace_back(std::make_unique<RouteStage<Payload>>(invoker(), index));
                m_disruptor.handleEventsWith(core::configure(stage, stageOptions("route-" + std::to_string(index))));
            }
            m_tallyStage = std::make_unique<TallyStage<Payload>>(invoker(), m_tally);
            m_disruptor.handleEventsWith(core::configure(*m_tallyStage, stageOptions("tally")));
        } else {
            m_sharedStage = std::make_unique<SharedStage<Payload>>(invoker(), m_tally);
            m_disruptor.handleEventsWith(core::configure(*m_sharedStage, stageOptions("dispatch")));
        }
        m_disruptor.start();
        // Release: an emitter that sees Running also sees the started stages and their gating.
        m_state.store(DispatcherState::Running, std::memory_order_release);
    }

    /// The ring, for an emitter about to claim slots. Throws std::logic_error before start() and
    /// core::Halted once the dispatcher stopped.
    Ring &ringForEmit()
    {
        const DispatcherState state = m_state.load(std::memory_order_acquire);
        if (state == DispatcherState::Running) [[likely]]
            return m_ring;
        if (state == DispatcherState::Idle)
            throw std::logic_error("emit before the dispatcher started");
        throw core::Halted();
    }

    /// Parks an emitter whose claim found the ring full until `n` slots may be free; throws
    /// core::Halted once the dispatcher stopped. See CapacityGate.
    void waitForCapacity(std::int64_t n)
    {
        if (!m_gate->waitForCapacity(n))
            throw core::Halted();
    }

    DispatcherState state() const noexcept { return m_state.load(std::memory_order_acquire); }
    const RouteTally<Payload> &tally() const noexcept { return m_tally; }
    /// The consumer stages (each a thread) once started: one per route plus the tally, or one.
    std::size_t consumerCount() const noexcept { return m_disruptor.processors().size(); }

    /// Events every route has finished with. Read on any thread without disturbing the consumers:
    /// it is the slowest stage's own sequence.
    std::uint64_t processed() const noexcept
    {
        if (state() == DispatcherState::Idle)
            return 0;
        return static_cast<std::uint64_t>(lastProcessed() + 1);
    }

    /// Waits until every stage has finished the events claimed so far. False when `deadline` passes
    /// first or the ring halted with some of them unprocessed.
    bool waitForClaimed(Clock::time_point deadline) const
    {
        if (state() == DispatcherState::Idle)
            return true;
        const std::int64_t target = m_ring.cursor();
        return pollUntil(
            [&] { return lastProcessed() >= target; }, [&] { return state() == DispatcherState::Stopped; }, deadline);
    }

    /// Refuses further emits, halts the stages (pending events stay unprocessed), releases producers
    /// blocked on a full ring and joins the consumer threads. Not from a consumer thread.
    void stop()
    {
        m_state.store(DispatcherState::Stopped, std::memory_order_release);
        m_gate->releaseWaiting();
        m_disruptor.halt();
    }

private:
    // The ring's wait strategy wrapped in the gate; the Disruptor owns it, the ring keeps a reference.
    std::unique_ptr<core::WaitStrategy> makeGate(const DispatcherOptions &options)
    {
        auto gate = std::make_unique<core::CapacityGate>(makeWaitStrategyFor(options));
        m_gate = gate.get();
        return gate;
    }

    core::StageOptions stageOptions(std::string name) const
    {
        // Continue: the stages catch route exceptions themselves; the core policy only guards the
        // dispatch code, which must never halt the ring on its own.
        return {std::move(name), core::ExceptionPolicy::Continue, m_maxBatchSize};
    }

    // The slowest stage's sequence, but never past an event that halted the dispatcher: a halted
    // stage still marks the rest of its batch done, though no route saw those events.
    std::int64_t lastProcessed() const noexcept
    {
        std::int64_t slowest = m_ring.cursor();
        for (const auto &processor : m_disruptor.processors())
            slowest = std::min(slowest, processor->sequence().get());
        // Relaxed is enough: the halt is recorded before its stage advances, and the acquire loads
        // of the stage sequences above make it visible whenever a stage has moved past it.
        return std::min(slowest, m_haltedAt.load(std::memory_order_relaxed) - 1);
    }

    // Called on a consumer thread when a route fails under ExceptionPolicy::Halt. It cannot join the
    // consumer threads (it is one of them), so it only does what Disruptor::halt() does before joining.
    void haltFromConsumer(std::int64_t failed) noexcept
    {
        // The earliest failure wins when several stages fail at once (ConsumerLayout::StagePerRoute).
        std::int64_t earliest = m_haltedAt.load(std::memory_order_relaxed);
        while (failed < earliest && !m_haltedAt.compare_exchange_weak(earliest, failed, std::memory_order_relaxed)) { }
        m_state.store(DispatcherState::Stopped, std::memory_order_release);
        m_gate->close(); // not releaseWaiting(): the owner's stop() waits for the producers to leave
        m_ring.sequencer().halt();
        for (const auto &processor : m_disruptor.processors())
            processor->halt();
    }

    const ConsumerLayout m_layout;
    const std::int64_t m_maxBatchSize;
    const core::ExceptionPolicy m_policy;
    std::atomic<DispatcherState> m_state {DispatcherState::Idle};
    std::atomic<std::int64_t> m_haltedAt {std::numeric_limits<std::int64_t>::max()};
    RouteTally<Payload> m_tally;
    std::unique_ptr<SharedStage<Payload>> m_sharedStage;
    std::vector<std::unique_ptr<RouteStage<Payload>>> m_routeStages;
    std::unique_ptr<TallyStage<Payload>> m_tallyStage;
    core::CapacityGate *m_gate = nullptr; ///< owned by m_disruptor, set while it is built
    // Declared after the stages, destroyed before them: its destructor joins the threads using them.
    core::Disruptor<SlotType, core::MultiProducerSequencer> m_disruptor;
    Ring &m_ring;
};

} // namespace ringflow::dispatch
