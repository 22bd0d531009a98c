#include "periodic_sampler.h"

#include <pipeline/metrics.h>

#include <ctime>
#include <stdexcept>

namespace ringflow::bench {

namespace {

double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

} // namespace

PeriodicSampler::PeriodicSampler(const pipeline::Runtime &runtime, std::chrono::nanoseconds period)
{
    if (period <= std::chrono::nanoseconds::zero())
        throw std::invalid_argument("PeriodicSampler needs a positive period");
    m_thread
        = std::jthread([this, &runtime, period](std::stop_token stop) { sampleUntilStopped(stop, runtime, period); });
}

PeriodicSampler::Totals PeriodicSampler::stop()
{
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_thread.join();
    }
    return m_totals;
}

void PeriodicSampler::sampleUntilStopped(
    std::stop_token stop, const pipeline::Runtime &runtime, std::chrono::nanoseconds period)
{
    const double cpuAtStart = threadCpuSeconds();
    pipeline::MetricsSampler metrics;
    std::unique_lock lock(m_mutex);
    auto next = std::chrono::steady_clock::now();
    for (;;) {
        // An absolute schedule, like a timer: a late wake-up does not shift the following ones, and
        // ticks missed while the thread waited for a core are skipped rather than made up in a burst.
        next += period;
        while (next <= std::chrono::steady_clock::now())
            next += period;
        // Waking on the stop request ends a run at once instead of up to one period late.
        m_wake.wait_until(lock, stop, next, [] { return false; });
        if (stop.stop_requested())
            break;
        metrics.update(runtime.sample());
        ++m_totals.samples;
    }
    m_totals.cpuSeconds = threadCpuSeconds() - cpuAtStart;
}

} // namespace ringflow::bench
