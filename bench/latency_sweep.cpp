#include "latency_sweep.h"

#include "latency.h"
#include "timing.h"
#include "wait_variants.h"

#include "common/interleave.h"
#include "common/statistics.h"
#include "core/disruptor.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace ringflow::bench {

namespace {

constexpr auto kIdlePeriod = std::chrono::seconds(1);

double processCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct CountHandler {
    std::int64_t seen = 0;
    void onEvent(const ValueEvent &, std::int64_t, bool) noexcept { ++seen; }
};

// One stage on one ring, fed one event and then left idle: the process's CPU time over the idle
// second is what the waiting stage costs (the main thread sleeps). The first millisecond after the
// event counts too: a strategy that yields or spins before it parks pays that once per idle period.
double idleCpuPercent(const std::string &wait)
{
    auto strategy = makeBenchWaitStrategy(wait);
    if (!strategy)
        throw std::invalid_argument("unknown wait strategy '" + wait + "'");
    core::Disruptor<ValueEvent, core::SingleProducerSequencer> disruptor(1024, std::move(strategy));
    CountHandler handler;
    disruptor.handleEventsWith(core::configure(handler, {.name = "idle"}));
    auto &ring = disruptor.start();
    ring.publishEvent([](ValueEvent &event, std::int64_t) { event.value = 1; });
    while (disruptor.processors().front()->sequence().get() < 0)
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    const double cpuBefore = processCpuSeconds();
    const auto wallBefore = Clock::now();
    std::this_thread::sleep_for(kIdlePeriod);
    const double cpu = processCpuSeconds() - cpuBefore;
    const double wall = secondsSince(wallBefore);
    disruptor.halt();
    return 100.0 * cpu / wall;
}

WaitLatency summarize(const std::string &wait, const std::vector<RunResult> &runs)
{
    WaitLatency row {wait, {}, 0, {}};
    std::vector<double> p50, p99, p999;
    for (const RunResult &run : runs) {
        if (!run.failure.empty())
            row.failures.push_back(run.failure);
        if (!run.latency)
            continue;
        p50.push_back(run.latency->p50Ns);
        p99.push_back(run.latency->p99Ns);
        p999.push_back(run.latency->p999Ns);
        row.median.maxNs = std::max(row.median.maxNs, run.latency->maxNs);
    }
    row.median.p50Ns = median(p50);
    row.median.p99Ns = median(p99);
    row.median.p999Ns = median(p999);
    return row;
}

} // namespace

std::vector<WaitLatency> runLatencySweep(
    std::int64_t rounds, int repeats, const std::function<void(const std::string &)> &progress)
{
    const auto &names = core::kWaitStrategyNames;
    std::vector<std::vector<RunResult>> runs(std::size(names));
    for (int r = 0; r < repeats; ++r) {
        for (std::size_t i = 0; i < std::size(names); ++i) {
            const Workload workload {rounds, std::string(names[i])};
            runs[i].push_back(runCatching([&] { return ringflowPingPong(workload); }, RunResult {rounds, 0, {}, {}}));
            if (progress && runs[i].back().latency)
                progress(workload.waitStrategy + " #" + std::to_string(r + 1) + ": p50 "
                    + std::to_string(static_cast<long>(runs[i].back().latency->p50Ns)) + " ns, p99 "
                    + std::to_string(static_cast<long>(runs[i].back().latency->p99Ns)) + " ns");
        }
    }
    std::vector<WaitLatency> rows;
    for (std::size_t i = 0; i < std::size(names); ++i) {
        rows.push_back(summarize(std::string(names[i]), runs[i]));
        rows.back().idleCpuPercent = idleCpuPercent(rows.back().wait);
    }
    return rows;
}

void printLatencyTable(std::FILE *out, const std::vector<WaitLatency> &rows, std::int64_t rounds, int repeats)
{
    std::fprintf(out,
        "Ping-pong round trips (%lld per run), medians of %d interleaved repetitions (max: the largest of all);\n"
        "idle CPU: the process's CPU time over 1 s with its one stage idle, %% of one core.\n\n",
        static_cast<long long>(rounds), repeats);
    std::fprintf(out, "%-17s %10s %10s %10s %12s %9s\n", "wait", "p50 ns", "p99 ns", "p99.9 ns", "max ns", "idle CPU");
    for (const WaitLatency &row : rows)
        std::fprintf(out, "%-17s %10.0f %10.0f %10.0f %12.0f %8.2f%%\n", row.wait.c_str(), row.median.p50Ns,
            row.median.p99Ns, row.median.p999Ns, row.median.maxNs, row.idleCpuPercent);
}

void printLatencyJson(std::FILE *out, const std::vector<WaitLatency> &rows, std::int64_t rounds)
{
    auto array = nlohmann::ordered_json::array();
    for (const WaitLatency &row : rows)
        array.push_back(
            {{"case", "ping-pong"}, {"wait", row.wait}, {"round_trips", rounds}, {"p50_ns", row.median.p50Ns},
                {"p99_ns", row.median.p99Ns}, {"p999_ns", row.median.p999Ns}, {"max_ns", row.median.maxNs},
                {"idle_cpu_percent", row.idleCpuPercent}, {"checks_passed", row.failures.empty()}});
    std::fprintf(out, "%s\n", array.dump(2).c_str());
}

} // namespace ringflow::bench
