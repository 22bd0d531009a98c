#pragma once

#include "live_controls.h"
#include "plan.h"

#include <atomic>
#include <cstdint>
#include <random>

namespace ringflow::pipeline {

/// Keeps the CPU busy for `nanoseconds` of wall-clock time: short costs with a loop calibrated once
/// per process, longer ones in small steps until the clock says the time is up (within about 2%).
void busyWork(std::int64_t nanoseconds) noexcept;

/// True when no step of `plan` does anything per event beyond what the handler counts (a count or
/// latency workload).
bool countsOnly(const WorkloadPlan &plan) noexcept;

/// The work a simulated handler does for one event. One instance per handler thread; cost and
/// sleep are read from the node's live controls so that they can be tuned while the pipeline runs.
class Workload {
public:
    Workload(const WorkloadPlan &plan, const LiveControls &controls, std::uint64_t seed);

    /// Runs the steps on the event at `sequence`, whose payload is `size` bytes at `payload`; the
    /// Fail step throws std::runtime_error (core::RewindableException when the plan says
    /// failRewinds, so that the stage delivers the batch again). The steps never read the event itself: they work for
    /// any event type.
    void run(std::int64_t sequence, const std::byte *payload, std::uint32_t size)
    {
        if (!m_countsOnly)
            runSteps(sequence, payload, size);
    }

    /// True when no step does anything per event beyond what the handler counts (a count or
    /// latency workload): the caller may skip finding the payload.
    bool countsOnly() const noexcept { return m_countsOnly; }

    std::uint64_t checksum() const noexcept { return m_checksum; }

private:
    void runSteps(std::int64_t sequence, const std::byte *payload, std::uint32_t size);

    WorkloadPlan m_plan;
    bool m_countsOnly; ///< no step does anything per event beyond what the handler counts
    const std::atomic<double> &m_costNs;
    const std::atomic<double> &m_sleepUs;
    std::bernoulli_distribution m_fail;
    std::minstd_rand m_random;
    std::uint64_t m_checksum = 0;
};

} // namespace ringflow::pipeline
