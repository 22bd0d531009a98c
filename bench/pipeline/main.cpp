// ringflow-pipeline-bench: the dispatcher demo against a mutex-queue version of it, and what live
// metrics sampling costs a running pipeline. See docs/benchmarks-pipelines.md.
#include "case_runner.h"
#include "dispatcher_bench.h"
#include "dispatcher_runtime_bench.h"
#include "metrics_cost_bench.h"
#include "output.h"
#include "runtime_cost_bench.h"
#include "runtime_overhead_bench.h"

#include "common/command_line.h"
#include "common/machine_load.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ringflow::bench;

constexpr int kFullRepeats = 7;
constexpr int kQuickRepeats = 3;
// Events per run of the metrics-cost pipeline: about 5 s (full) or 1.3 s (quick) at its ~4 M
// events/s here, so that each run sees hundreds (or dozens) of samples.
constexpr std::int64_t kFullPipelineEvents = 20'000'000;
constexpr std::int64_t kQuickPipelineEvents = 5'000'000;
// The target of the live-metrics issue: watching a pipeline may cost it at most 3%.
constexpr double kMetricsCostTarget = 0.97;

struct CaseInfo {
    std::string_view id;
    std::string_view description;
};

// Events per run of the runtime-overhead cases, on both sides; multiples of 300 (3 producers,
// batches of 100).
constexpr std::int64_t kFullOverheadEvents = 30'000'000;
constexpr std::int64_t kQuickOverheadEvents = 6'000'000;
// overhead-batched runs this many times as many: at 1-3 G events/s either side would otherwise be
// timed over 10-30 ms, more thread start and scheduling than steady state.
constexpr std::int64_t kBatchedOverheadScale = 10;
// Events per run of the payload cases: about 0.1-1 s at 1 KiB.
constexpr std::int64_t kFullPayloadEvents = 10'000'000;
constexpr std::int64_t kQuickPayloadEvents = 2'000'000;

constexpr CaseInfo kCases[] = {
    {"overhead-unicast", "unicast 1P-1C through the pipeline runtime vs the same on the core"},
    {"overhead-batched", "batched 1P-1C (100 per publish) through the runtime vs the core"},
    {"overhead-pipeline", "pipeline 1P-3C through the runtime vs the core (pipeline-read-only)"},
    {"overhead-multicast", "multicast 1P-3C through the runtime vs the core"},
    {"overhead-diamond", "diamond 1P-3C through the runtime vs the core (diamond-read-only)"},
    {"overhead-sequencer", "sequencer 3P-1C through the runtime vs the core"},
    {"overhead-worker-pool", "worker pool 1P-2W through the runtime vs the core"},
    {"instrumentation-unicast", "overhead-unicast's runtime with instrumentation on vs off (Plan::instrumented)"},
    {"instrumentation-pipeline", "overhead-pipeline's runtime with instrumentation on vs off"},
    {"payload-64", "1P -> ring -> forwarding stage -> ring -> stage, 64 B payloads vs none; and a 64 B memcpy"},
    {"payload-256", "the same with 256 B payloads"},
    {"payload-1024", "the same with 1024 B payloads"},
    {"dispatcher", "256 producers x 1000 single emits of 1 KiB + 1 completed each; vs a mutex queue"},
    {"dispatcher-batched", "the same in batches of 16 (one claim / one lock per batch); vs a mutex queue"},
    {"dispatcher-batch-gain", "the demo in batches of 16 vs the demo's single emits, both on the dispatcher"},
    {"dispatcher-batch-producer", "128 producers x 100,000 emits of 1 KiB in batches of 16 vs single emits"},
    {"dispatcher-runtime",
        "dispatcher-demo.json in a burst of the demo's shape through the runtime vs the library's demo"},
    {"metrics-cost", "diamond.json sampled at 50 Hz (sample() + MetricsSampler::update()) vs unsampled"},
};

struct Options {
    std::vector<std::string_view> cases;
    bool quick = false;
    bool json = false;
    bool help = false;
    std::optional<int> repeats;
};

void printUsage(std::FILE *out)
{
    std::fprintf(out,
        "usage: ringflow-pipeline-bench [--quick] [--json] [--cases a,b,...] [--repeat N] [--help]\n\n"
        "  --quick        %d repetitions and a shorter pipeline run (under two minutes on two cores)\n"
        "  --json         print only a JSON array, one object per case and implementation\n"
        "  --cases LIST   run only these cases, comma separated\n"
        "  --repeat N     repetitions per case (default %d, or %d with --quick); medians are reported\n\n"
        "cases:\n",
        kQuickRepeats, kFullRepeats, kQuickRepeats);
    for (const CaseInfo &info : kCases)
        std::fprintf(out, "  %-26.*s %.*s\n", static_cast<int>(info.id.size()), info.id.data(),
            static_cast<int>(info.description.size()), info.description.data());
}

bool knownCase(std::string_view id)
{
    return std::any_of(std::begin(kCases), std::end(kCases), [id](const CaseInfo &info) { return info.id == id; });
}

// Returns std::nullopt after printing why when the command line is wrong.
std::optional<Options> parseArguments(int argc, char **argv)
{
    CommandLine line("ringflow-pipeline-bench", argc, argv);
    Options options;
    while (const std::optional<std::string_view> argument = line.next()) {
        if (argument == "--quick") {
            options.quick = true;
        } else if (argument == "--json") {
            options.json = true;
        } else if (argument == "--help" || argument == "-h") {
            options.help = true;
        } else if (argument == "--cases") {
            const std::optional<std::string_view> list = line.value();
            if (!list)
                return std::nullopt;
            if (list->empty())
                return line.needs("at least one case");
            for (const std::string_view id : splitList(*list)) {
                if (!knownCase(id))
                    return line.fail("unknown case '" + std::string(id) + "'");
                if (std::find(options.cases.begin(), options.cases.end(), id) == options.cases.end())
                    options.cases.push_back(id);
            }
        } else if (argument == "--repeat") {
            const std::optional<std::int64_t> count = line.positiveInteger(std::numeric_limits<int>::max());
            if (!count)
                return std::nullopt;
            options.repeats = static_cast<int>(*count);
        } else {
            return line.unknownArgument();
        }
    }
    if (options.cases.empty())
        for (const CaseInfo &info : kCases)
            options.cases.push_back(info.id);
    return options;
}

BenchCase dispatcherCase(std::string id, DemoShape shape)
{
    const int threads = shape.producers + 1; // the producers and the one consumer, on both sides
    return {std::move(id), {"ringflow", kDispatcherWait, threads, [shape] { return runDispatcherDemo(shape); }},
        {"mutex-queue", "condition-variable", threads, [shape] { return runMutexQueueDemo(shape); }}};
}

// What batching gains on the dispatcher itself: `shape` in batches of kDemoBatch against single emits.
BenchCase batchGainCase(std::string id, DemoShape shape)
{
    const int threads = shape.producers + 1;
    const DemoShape batched = shape.inBatchesOf(kDemoBatch);
    return {std::move(id),
        {"batches-of-16", kDispatcherWait, threads, [batched] { return runDispatcherDemo(batched); }},
        {"single-emits", kDispatcherWait, threads, [shape] { return runDispatcherDemo(shape); }}};
}

BenchCase metricsCostCase(const MetricsCostBench &bench)
{
    return {"metrics-cost",
        {"sampled", bench.waitStrategies(), bench.threads() + 1, [&bench] { return bench.run(true); }},
        {"unsampled", bench.waitStrategies(), bench.threads(), [&bench] { return bench.run(false); }}};
}

void printMetricsVerdict(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    for (const CaseSummary &summary : summaries) {
        if (summary.benchCase->id != "metrics-cost")
            continue;
        std::fprintf(out,
            "\nmetrics-cost: sampled runs kept %.1f%% of the unsampled throughput (median of pairs); "
            "target >= %.0f%%: %s.\n",
            summary.ratio.median * 100, kMetricsCostTarget * 100,
            summary.ratio.median >= kMetricsCostTarget ? "met" : "NOT met");
        // The CPU the sampler takes is the part of its cost that the other tenants' noise cannot hide.
        if (const auto cpu = summary.measured.samplerCpuMicroseconds)
            std::fprintf(out,
                "The sampler thread used %.0f us of CPU per sample (median): %.2f%% of one core at %d Hz.\n", *cpu,
                *cpu * kSamplesPerSecond / 1e4, kSamplesPerSecond);
    }
}

} // namespace

int main(int argc, char **argv)
{
    const std::optional<Options> options = parseArguments(argc, argv);
    if (const std::optional<int> status = exitBeforeRunning(options, printUsage))
        return *status;
    const int repeats = options->repeats.value_or(options->quick ? kQuickRepeats : kFullRepeats);

    std::optional<MetricsCostBench> metricsCost;
    std::vector<BenchCase> cases;
    for (std::string_view id : options->cases) {
        const std::int64_t overheadEvents = options->quick ? kQuickOverheadEvents : kFullOverheadEvents;
        if (id.starts_with("overhead-")) {
            const std::int64_t scale = id == "overhead-batched" ? kBatchedOverheadScale : 1;
            cases.push_back(overheadCase(std::string(id), overheadEvents * scale));
        } else if (id.starts_with("instrumentation-")) {
            cases.push_back(instrumentationCase(std::string(id), overheadEvents));
        } else if (id.starts_with("payload-")) {
            const std::int64_t bytes = std::stoll(std::string(id.substr(id.find('-') + 1)));
            cases.push_back(payloadCase(bytes, options->quick ? kQuickPayloadEvents : kFullPayloadEvents));
        } else if (id == "dispatcher") {
            cases.push_back(dispatcherCase("dispatcher", kDemo));
        } else if (id == "dispatcher-batched") {
            cases.push_back(dispatcherCase("dispatcher-batched", kDemo.inBatchesOf(kDemoBatch)));
        } else if (id == "dispatcher-batch-gain") {
            cases.push_back(batchGainCase("dispatcher-batch-gain", kDemo));
        } else if (id == "dispatcher-batch-producer") {
            cases.push_back(batchGainCase("dispatcher-batch-producer", kBatchProducer));
        } else if (id == "dispatcher-runtime") {
            try {
                cases.push_back(dispatcherRuntimeCase(RINGFLOW_DISPATCHER_DEMO_PIPELINE));
            } catch (const std::exception &error) {
                std::fprintf(stderr, "ringflow-pipeline-bench: %s", error.what());
                return kExitUsage;
            }
        } else {
            try {
                metricsCost.emplace(
                    RINGFLOW_DIAMOND_PIPELINE, options->quick ? kQuickPipelineEvents : kFullPipelineEvents);
            } catch (const std::exception &error) {
                std::fprintf(stderr, "ringflow-pipeline-bench: %s", error.what());
                return kExitUsage;
            }
            cases.push_back(metricsCostCase(*metricsCost));
        }
    }

    const std::optional<double> loadBefore = loadAverage();
    ProgressReport progress;
    if (!options->json)
        progress = [](const std::string &line) { std::fprintf(stderr, "  %s\n", line.c_str()); };
    const std::vector<CaseSummary> summaries = runInterleaved(cases, repeats, progress);

    if (options->json) {
        printJson(stdout, summaries);
    } else {
        printTable(stdout, summaries, repeats, options->quick);
        printMetricsVerdict(stdout, summaries);
        printInstrumentationVerdict(stdout, summaries);
        printPayloadVerdict(stdout, summaries);
        printDispatcherRuntimeVerdict(stdout, summaries);
        printMachineLoad(stdout, loadBefore);
    }
    return reportFailures(stderr, summaries) ? 0 : kExitChecksFailed;
}
