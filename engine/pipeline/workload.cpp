#include "workload.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace ringflow::pipeline {

namespace {

// One step of a dependent chain the optimiser cannot remove or vectorise.
inline std::uint64_t spin(std::uint64_t iterations) noexcept
{
    std::uint64_t x = 1;
    for (std::uint64_t i = 0; i < iterations; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        asm volatile("" : "+r"(x));
    }
    return x;
}

double calibrateIterationsPerNs()
{
    using Clock = std::chrono::steady_clock;
    // Best of a few short runs: the fastest is the one least disturbed by other threads.
    double best = 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        constexpr std::uint64_t kIterations = 200'000;
        const auto start = Clock::now();
        spin(kIterations);
        const auto elapsed = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
        if (elapsed > 0)
            best = std::max(best, static_cast<double>(kIterations) / elapsed);
    }
    return best > 0 ? best : 1.0;
}

} // namespace

void busyWork(std::int64_t nanoseconds) noexcept
{
    static const double iterationsPerNs = calibrateIterationsPerNs();
    if (nanoseconds > 0)
        spin(static_cast<std::uint64_t>(static_cast<double>(nanoseconds) * iterationsPerNs));
}

Workload::Workload(const WorkloadPlan &plan, const LiveControls &controls, std::uint64_t seed)
    : m_plan(plan),
      m_countsOnly(std::all_of(plan.steps.begin(), plan.steps.end(),
          [](WorkloadStep step) { return step == WorkloadStep::Count || step == WorkloadStep::Latency; })),
      m_costNs(controls.get("cost")),
      m_sleepUs(controls.get("sleep")),
      m_fail(std::clamp(plan.failProbability, 0.0, 1.0)),
      m_random(static_cast<std::minstd_rand::result_type>(seed | 1))
{
}

void Workload::runSteps(const PipelineEvent &event, const std::byte *payload)
{
    for (WorkloadStep step : m_plan.steps) {
        switch (step) {
        case WorkloadStep::Count:
        case WorkloadStep::Latency: // every consumer records sampled latency; nothing more to do
            break;
        case WorkloadStep::Busy:
            busyWork(static_cast<std::int64_t>(m_costNs.load(std::memory_order_relaxed)));
            break;
        case WorkloadStep::Sleep:
            std::this_thread::sleep_for(
                std::chrono::microseconds(static_cast<std::int64_t>(m_sleepUs.load(std::memory_order_relaxed))));
            break;
        case WorkloadStep::Checksum: {
            // FNV-1a over the payload: touches every byte the producer wrote.
            std::uint64_t hash = 14695981039346656037ULL;
            for (std::uint32_t i = 0; i < event.payloadSize; ++i)
                hash = (hash ^ static_cast<std::uint8_t>(payload[i])) * 1099511628211ULL;
            m_checksum += hash;
            break;
        }
        case WorkloadStep::Fail:
            if (m_fail(m_random))
                throw std::runtime_error("simulated failure on event " + std::to_string(event.value) + " of source "
                    + std::to_string(event.source));
            break;
        }
    }
}

} // namespace ringflow::pipeline
