#pragma once

#include <pipeline/runtime.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace ringflow::bench {

/// A thread that samples a running pipeline on a fixed schedule, like the designer's live view:
/// Runtime::sample() followed by MetricsSampler::update() every `period`.
class PeriodicSampler {
public:
    struct Totals {
        int samples = 0;
        double cpuSeconds = 0; ///< the thread's own CPU time: sampling, and waking up to do it
    };

    /// Throws std::invalid_argument unless `period` is positive.
    PeriodicSampler(const pipeline::Runtime &runtime, std::chrono::nanoseconds period);
    ~PeriodicSampler() { stop(); }
    PeriodicSampler(const PeriodicSampler &) = delete;
    PeriodicSampler &operator=(const PeriodicSampler &) = delete;

    /// Stops and joins the thread at once (it is woken from its wait).
    Totals stop();

private:
    void sampleUntilStopped(std::stop_token stop, const pipeline::Runtime &runtime, std::chrono::nanoseconds period);

    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    Totals m_totals; ///< written by the thread, read after join()
    std::jthread m_thread;
};

} // namespace ringflow::bench
