#pragma once

#include "consumer_route.h"
#include "core/event_batch.h"
#include "workload.h"

#include <cstdint>

namespace ringflow::pipeline {

/// The designed workload (count, busy, sleep, checksum, fail) of one consumer thread. It never
/// reads the event, so it serves any event type: a pipeline of the user's events can keep
/// synthetic stages while its real handlers are written.
class SyntheticWork {
public:
    SyntheticWork(
        const WorkloadPlan &plan, const LiveControls &controls, std::uint64_t seed, const ConsumerRoute &route)
        : m_workload(plan, controls, seed), m_route(route)
    {
    }

protected:
    void run(std::int64_t sequence)
    {
        // Checked before the payload is looked up: a count stage then touches nothing per event.
        if (m_workload.countsOnly())
            return;
        const RingSide &side = *m_route.side;
        m_workload.run(sequence, side.payload(sequence), side.payloadSize(sequence));
    }

    Workload m_workload;
    const ConsumerRoute &m_route;
};

/// The synthetic handler called per event (the counting wrapper has applied the channel filter).
class SyntheticEventHandler final : public SyntheticWork {
public:
    using SyntheticWork::SyntheticWork;

    template <typename Event>
    void onEvent(Event &, std::int64_t sequence, bool)
    {
        run(sequence);
    }
};

/// The synthetic handler of a count (or latency) workload, called per event: the counting wrapper
/// does all its work, so it does nothing itself, and says so (NothingPerEvent) for the wrapper to
/// take its latency samples per batch, leaving the processor's loop with no per-event work of the
/// runtime's (docs/benchmarks-pipelines.md, Runtime overhead).
class SyntheticCountHandler final {
public:
    static constexpr bool kNothingPerEvent = true;

    SyntheticCountHandler(const WorkloadPlan &, const LiveControls &, std::uint64_t, const ConsumerRoute &) noexcept { }

    template <typename Event>
    void onEvent(Event &, std::int64_t, bool) noexcept
    {
    }
};

/// The synthetic handler called once per available run of events; it applies the channel filter
/// itself, since per-batch handlers are handed every event.
class SyntheticBatchHandler final : public SyntheticWork {
public:
    using SyntheticWork::SyntheticWork;

    template <typename Event>
    void onBatch(const core::EventBatch<Event> &batch, std::int64_t firstSequence)
    {
        if (m_workload.countsOnly())
            return;
        const auto end = firstSequence + static_cast<std::int64_t>(batch.size());
        for (std::int64_t sequence = firstSequence; sequence < end; ++sequence)
            if (m_route.accepts(sequence))
                run(sequence);
    }
};

} // namespace ringflow::pipeline
