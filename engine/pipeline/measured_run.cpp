#include "measured_run.h"

#include <sys/resource.h>

#include <thread>

namespace ringflow::pipeline {

namespace {

double processCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &time) {
        return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) * 1e-6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

} // namespace

MeasuredRun runMeasured(
    const Plan &plan, double durationSeconds, std::chrono::nanoseconds drainTimeout, const std::atomic<bool> *cancel)
{
    MeasuredRun run;
    Runtime runtime(plan);
    const double cpuBefore = processCpuSeconds();
    const auto started = std::chrono::steady_clock::now();
    runtime.start();
    run.meanBacklog.assign(plan.nodeCount(), 0);
    for (std::size_t readings = 1;; ++readings) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        const Sample sample = runtime.sample();
        for (std::size_t i = 0; i < run.meanBacklog.size() && i < sample.nodes.size(); ++i)
            run.meanBacklog[i] += (static_cast<double>(sample.nodes[i].backlog) - run.meanBacklog[i]) / readings;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        // Relaxed: the flag carries no data; seeing it one poll late only makes the run 10 ms longer.
        run.cancelled = cancel && cancel->load(std::memory_order_relaxed);
        if (run.cancelled || runtime.producersFinished() || runtime.hasFailed()
            || (durationSeconds > 0 && seconds >= durationSeconds))
            break;
    }
    run.report = run.cancelled ? runtime.halt() : runtime.stop(drainTimeout);
    run.cpuSeconds = processCpuSeconds() - cpuBefore;
    return run;
}

} // namespace ringflow::pipeline
