#include "workload.h"

#include "core/event_handler.h"
#include "fast_clock.h"

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
    // Best of a few runs of 1 ms each: long enough for the core to reach its working frequency,
    // and the fastest is the one least disturbed by other threads.
    double best = 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        constexpr std::uint64_t kIterations = 1'000'000;
        const std::int64_t start = FastClock::steadyNs();
        spin(kIterations);
        const auto elapsed = static_cast<double>(FastClock::steadyNs() - start);
        if (elapsed > 0)
            best = std::max(best, static_cast<double>(kIterations) / elapsed);
    }
    return best > 0 ? best : 1.0;
}

// Below this, reading the clock would be a sizeable part of the work: the calibrated loop runs
// alone. Above it, the loop runs in small steps until the clock says the time is up, so that the
// cost is what it says whatever the core's frequency does meanwhile.
constexpr std::int64_t kTimedAboveNs = 250;
constexpr std::uint64_t kStepIterations = 8;

} // namespace

void busyWork(std::int64_t nanoseconds) noexcept
{
    static const double iterationsPerNs = calibrateIterationsPerNs();
    if (nanoseconds <= 0)
        return;
    if (nanoseconds < kTimedAboveNs) {
        spin(static_cast<std::uint64_t>(static_cast<double>(nanoseconds) * iterationsPerNs));
        return;
    }
    const std::int64_t end = FastClock::nowNs() + nanoseconds;
    while (FastClock::nowNs() < end)
        spin(kStepIterations);
}

bool countsOnly(const WorkloadPlan &plan) noexcept
{
    return std::all_of(plan.steps.begin(), plan.steps.end(),
        [](WorkloadStep step) { return step == WorkloadStep::Count || step == WorkloadStep::Latency; });
}

Workload::Workload(const WorkloadPlan &plan, const LiveControls &controls, std::uint64_t seed)
    : m_plan(plan),
      m_countsOnly(pipeline::countsOnly(plan)),
      m_costNs(controls.get("cost")),
      m_sleepUs(controls.get("sleep")),
      m_fail(std::clamp(plan.failProbability, 0.0, 1.0)),
      m_random(static_cast<std::minstd_rand::result_type>(seed | 1))
{
}

void Workload::runSteps(std::int64_t sequence, const std::byte *payload, std::uint32_t size)
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
            for (std::uint32_t i = 0; i < size; ++i)
                hash = (hash ^ static_cast<std::uint8_t>(payload[i])) * 1099511628211ULL;
            m_checksum += hash;
            break;
        }
        case WorkloadStep::Fail:
            if (m_fail(m_random)) {
                if (m_plan.failRewinds)
                    throw core::RewindableException("simulated failure on event " + std::to_string(sequence));
                throw std::runtime_error("simulated failure on event " + std::to_string(sequence));
            }
            break;
        }
    }
}

} // namespace ringflow::pipeline
