#pragma once

#include "run_sample.h"

#include <pipeline/plan.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace ringflow::bench {

/// How often the sampled runs read the metrics: the rate of the designer's live view.
inline constexpr int kSamplesPerSecond = 50;

/// What watching a pipeline costs it: the same compiled pipeline run to the end either with a thread
/// calling Runtime::sample() and MetricsSampler::update() kSamplesPerSecond times a second, or with
/// nobody looking.
class MetricsCostBench {
public:
    /// Loads and compiles `file` with every producer thread publishing `eventsPerThread` events.
    /// Throws std::runtime_error with the file's problems when it does not load or compile.
    MetricsCostBench(const std::filesystem::path &file, std::int64_t eventsPerThread);

    /// One run to the end. The time is the runtime's own, from start() to the end of the drain.
    RunSample run(bool sampled) const;

    /// Events published per run, over all producer threads.
    std::uint64_t events() const noexcept { return m_events; }
    /// The pipeline's threads (producers, stages, workers); a sampled run adds the sampler.
    int threads() const noexcept { return m_plan.threadCount(); }
    /// The rings' wait strategies, e.g. "phased-backoff".
    std::string waitStrategies() const;

private:
    pipeline::Plan m_plan;
    std::uint64_t m_events = 0;
};

} // namespace ringflow::bench
