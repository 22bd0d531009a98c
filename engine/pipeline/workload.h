#pragma once

#include "pipeline_event.h"
#include "plan.h"

#include <atomic>
#include <cstdint>
#include <random>

namespace ringflow::pipeline {

/// Spins for about `nanoseconds` without reading the clock: the loop's speed is calibrated once per
/// process, so busy work costs the same whether a stage handles 1 or 1000 events per batch.
void busyWork(std::int64_t nanoseconds) noexcept;

/// The work a simulated handler does for one event. One instance per handler thread; cost and
/// sleep are atomics so that the designer can tune them while the pipeline runs.
class Workload {
public:
    explicit Workload(const WorkloadPlan &plan, std::uint64_t seed);

    /// Runs the steps on `event`; the Fail step throws std::runtime_error.
    void run(const PipelineEvent &event);

    void setCostNs(std::int64_t ns) noexcept { m_costNs.store(ns, std::memory_order_relaxed); }
    void setSleepUs(std::int64_t us) noexcept { m_sleepUs.store(us, std::memory_order_relaxed); }
    std::uint64_t checksum() const noexcept { return m_checksum; }

private:
    WorkloadPlan m_plan;
    std::atomic<std::int64_t> m_costNs;
    std::atomic<std::int64_t> m_sleepUs;
    std::bernoulli_distribution m_fail;
    std::minstd_rand m_random;
    std::uint64_t m_checksum = 0;
};

} // namespace ringflow::pipeline
