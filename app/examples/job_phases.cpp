// ringflow-job-phases: phases of jobs on a JobPool, and a failing pool that leaves it alone.
//
// A pool of 4 workers runs three phases (load, transform, store), with a barrier between them, and
// prints how long each took against the time one thread would need for its jobs. Meanwhile, on another thread,
// a second pool runs jobs of which every third fails: its errors reach its own barrier only.

#include "example_options.h"

#include <dispatch/job_pool.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <time.h>

using namespace ringflow::dispatch;
using Clock = std::chrono::steady_clock;

namespace {

struct Phase {
    const char *name;
    int jobs;
    std::chrono::microseconds work; // per job
    bool waits; // true: waits like I/O; false: keeps a core busy
};

std::chrono::nanoseconds threadCpuTime()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

// Computes for `duration` of this thread's CPU time (not wall time: a preempted job must not count
// the time it waited as work). The result is used so that the loop is not optimised away.
double compute(std::chrono::microseconds duration)
{
    const auto until = threadCpuTime() + duration;
    double x = 1.0;
    while (threadCpuTime() < until) {
        for (int i = 0; i < 256; ++i)
            x = std::sqrt(x + i);
    }
    return x;
}

double msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

} // namespace

int main(int argc, char **argv)
{
    // Takes no options, yet answers --help and rejects anything else as the other programs do.
    if (const std::optional<int> exit
        = ringflow::examples::parseOptions(argc, argv, "ringflow-job-phases", "usage: ringflow-job-phases\n", {}))
        return *exit;
    constexpr std::size_t kWorkers = 4;
    const std::vector<Phase> phases = {
        {"load", 32, std::chrono::microseconds(4000), true},
        {"transform", 24, std::chrono::microseconds(3000), false},
        {"store", 16, std::chrono::microseconds(6000), true},
    };

    // The failing pool, fed from its own thread for the whole time the phases run.
    std::atomic<bool> phasesDone {false};
    std::atomic<int> flakyPhases {0};
    std::atomic<int> flakyReported {0};
    JobPool flaky(2, "flaky");
    std::thread flakyDriver([&] {
        for (int round = 0; !phasesDone.load(); ++round) {
            for (int job = 0; job < 9; ++job) {
                flaky.dispatch([round, job] {
                    std::this_thread::sleep_for(std::chrono::microseconds(500));
                    if (job % 3 == 2)
                        throw std::runtime_error("round " + std::to_string(round) + ", job " + std::to_string(job));
                });
            }
            try {
                flaky.barrier();
            } catch (const std::exception &) {
                flakyReported.fetch_add(1);
            }
            flakyPhases.fetch_add(1);
        }
    });

    JobPool pool(kWorkers, "phase");
    std::printf("pool of %zu workers on %u cores; a second pool of 2 fails every third job meanwhile\n", kWorkers,
        std::thread::hardware_concurrency());
    std::printf("%-10s %5s %12s %12s %9s\n", "phase", "jobs", "wall ms", "serial ms", "speed-up");
    std::atomic<double> sink {0};
    const auto runStart = Clock::now();
    for (const Phase &phase : phases) {
        const auto phaseStart = Clock::now();
        for (int job = 0; job < phase.jobs; ++job) {
            pool.dispatch([&phase, &sink] {
                if (phase.waits)
                    std::this_thread::sleep_for(phase.work);
                else
                    sink.store(compute(phase.work), std::memory_order_relaxed);
            });
        }
        pool.barrier(); // the next phase starts only when every job of this one has finished
        const double wall = msBetween(phaseStart, Clock::now());
        const double serial = std::chrono::duration<double, std::milli>(phase.work).count() * phase.jobs;
        std::printf("%-10s %5d %12.1f %12.1f %8.1fx\n", phase.name, phase.jobs, wall, serial, serial / wall);
    }
    std::printf("%-10s %5s %12.1f\n", "total", "", msBetween(runStart, Clock::now()));
    pool.finalize();

    phasesDone = true;
    flakyDriver.join();
    flaky.finalize();
    std::printf("phase pool: %llu jobs, %llu failed\n", static_cast<unsigned long long>(pool.completedJobs()),
        static_cast<unsigned long long>(pool.failedJobs()));
    std::printf("flaky pool: %llu jobs, %llu failed, %d of %d barriers rethrew an error;"
                " the phase pool saw none of them\n",
        static_cast<unsigned long long>(flaky.completedJobs()), static_cast<unsigned long long>(flaky.failedJobs()),
        flakyReported.load(), flakyPhases.load());
    return pool.failedJobs() == 0 && flaky.failedJobs() > 0 ? 0 : 1;
}
