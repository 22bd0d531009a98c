// ringflow-designer-bench: what the designer's live instrumentation (the run controller sampling at
// the default plot rate, the live plots, the canvas overlay) costs a running pipeline, against the
// same pipeline run the way ringflow-run runs it; and what the run costs the GUI thread.
// See "Designer: live instrumentation cost" in docs/benchmarks.md.
#include "open_file.h"
#include "runs.h"

#include "common/command_line.h"
#include "common/machine_load.h"
#include "common/statistics.h"

#include "document/pipeline_document.h"
#include "main_window.h"
#include "run/run_controller.h"

#include <pipeline/compiler.h>
#include <pipeline/pipeline_file.h>

#include <QApplication>
#include <QEventLoop>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ringflow;
using namespace ringflow::bench;

constexpr int kFullPairs = 7;
constexpr int kQuickPairs = 3;
constexpr int kOpenRepetitions = 3;
// How long the producer publishes in each run. A fixed time rather than a fixed number of events:
// both sides notice the end on a 100 ms tick, so an event-bounded run's events/s moves in steps of
// 100 ms of elapsed time (5% of a 2 s run), while the events published in a fixed time measure the
// throughput exactly.
constexpr double kFullSeconds = 2;
constexpr double kQuickSeconds = 1;
// The target: a pipeline watched in the designer keeps 97% of ringflow-run's throughput.
constexpr double kTarget = 0.97;
// 4 engine threads and the GUI thread share 2 cores here: a stage with nothing to do parks at once,
// so the cores go to the threads with work, the GUI thread included. It also gave the highest and
// steadiest throughput of the non-spinning strategies in a sweep (see docs/benchmarks.md).
constexpr const char *kWaitStrategy = "blocking";
constexpr const char *kPipelineName = "resources/pipelines/pipeline.json";

struct Options {
    int pairs = kFullPairs;
    double seconds = kFullSeconds;
    std::int64_t events = 0; ///< > 0: event-bounded runs instead of `seconds`
    std::string wait = kWaitStrategy;
    int intervalMs = 0; ///< 0: the run controller's default
    std::int64_t stageCostNs = 0; ///< > 0: every stage burns this much CPU per event (compute-bound)
    bool hidePlots = false;
    bool calibrate = false; ///< both sides run as ringflow-run: the noise floor of the ratio
    bool json = false;
    bool quick = false;
    bool help = false;
    int openNodes = 0; ///< > 0: time opening a file of this many nodes instead of running
};

void printUsage(std::FILE *out)
{
    std::fprintf(out,
        "usage: ringflow-designer-bench [--pairs N] [--seconds S | --events N] [--json] [--quick]\n"
        "                               [--wait NAME] [--interval MS] [--hide-plots] [--calibrate]\n"
        "                               [--stage-cost NS] [--open NODES] [--help]\n\n"
        "Runs %s (producer -> ring -> three chained stages, unlimited rate) through the\n"
        "designer's Run action with its live plots and canvas overlay, and the way ringflow-run runs it,\n"
        "in interleaved pairs; reports the throughput ratio and what the runs cost the GUI thread.\n\n"
        "  --pairs N      designer / ringflow-run pairs (default %d, or %d with --quick)\n"
        "  --seconds S    the producer publishes for S seconds per run (default %g, or %g with --quick)\n"
        "  --events N     the producer publishes N events per run instead; throughput is then the\n"
        "                 report's events/s, whose elapsed time ends on a 100 ms polling tick\n"
        "  --json         print only a JSON object\n"
        "  --quick        fewer pairs and shorter runs (about 10 s on two cores)\n"
        "  --wait NAME    the ring's wait strategy (default %s)\n"
        "  --interval MS  the designer's sampling interval (default: its own, 100 ms = 10 Hz)\n"
        "  --hide-plots   close the live plots dock as each designer run starts (to measure their share)\n"
        "  --calibrate    run ringflow-run on both sides of each pair: the ratio's noise floor\n"
        "  --stage-cost NS  every stage burns NS ns of CPU per event instead of its workload, so that\n"
        "                 throughput follows the CPU the engine gets (isolates what the GUI thread takes)\n"
        "  --open NODES   instead: time opening a file of NODES nodes that each have a problem (no\n"
        "                 positions), by part and as File > Open in a window; the target is 2 s for 20000\n",
        kPipelineName, kFullPairs, kQuickPairs, kFullSeconds, kQuickSeconds, kWaitStrategy);
}

// std::nullopt after printing why when the command line is wrong.
std::optional<Options> parseArguments(int argc, char **argv)
{
    CommandLine line("ringflow-designer-bench", argc, argv);
    Options options;
    bool pairsSet = false, secondsSet = false;
    while (const std::optional<std::string_view> argument = line.next()) {
        if (argument == "--help" || argument == "-h") {
            options.help = true;
        } else if (argument == "--json") {
            options.json = true;
        } else if (argument == "--quick") {
            options.quick = true;
        } else if (argument == "--hide-plots") {
            options.hidePlots = true;
        } else if (argument == "--calibrate") {
            options.calibrate = true;
        } else if (argument == "--wait") {
            const std::optional<std::string_view> name = line.value("a strategy name");
            if (!name)
                return std::nullopt;
            options.wait = *name;
        } else if (argument == "--seconds") {
            const std::optional<double> seconds = line.positiveNumber(600, "a number of seconds, at most 600");
            if (!seconds)
                return std::nullopt;
            options.seconds = *seconds;
            secondsSet = true;
        } else if (argument == "--pairs" || argument == "--interval") {
            const std::optional<std::int64_t> number = line.positiveInteger(10000);
            if (!number)
                return std::nullopt;
            (argument == "--pairs" ? options.pairs : options.intervalMs) = static_cast<int>(*number);
            pairsSet = pairsSet || argument == "--pairs";
        } else if (argument == "--open") {
            const std::optional<std::int64_t> number = line.positiveInteger(1'000'000);
            if (!number)
                return std::nullopt;
            options.openNodes = static_cast<int>(*number);
        } else if (argument == "--events" || argument == "--stage-cost") {
            const std::optional<std::int64_t> number = line.positiveInteger();
            if (!number)
                return std::nullopt;
            (argument == "--events" ? options.events : options.stageCostNs) = *number;
        } else {
            return line.unknownArgument();
        }
    }
    if (secondsSet && options.events > 0)
        return line.fail("--seconds and --events exclude each other");
    if (options.quick) {
        options.pairs = pairsSet ? options.pairs : kQuickPairs;
        options.seconds = secondsSet ? options.seconds : kQuickSeconds;
    }
    return options;
}

std::optional<pipeline::PipelineSpec> benchSpec(const Options &options)
{
    pipeline::LoadResult loaded = pipeline::loadPipelineFile(RINGFLOW_BENCH_PIPELINE);
    if (!loaded.spec) {
        for (const pipeline::LoadError &error : loaded.errors)
            std::fprintf(stderr, "ringflow-designer-bench: %s\n", error.toString().c_str());
        return std::nullopt;
    }
    for (pipeline::Node &node : loaded.spec->nodes) {
        if (node.kind == "producer") {
            node.params["events"] = options.events;
            node.params["duration"] = options.events > 0 ? 0.0 : options.seconds;
            node.params["rate"] = 0.0;
        } else if (node.kind == "ring") {
            node.params["wait_strategy"] = options.wait;
        } else if (node.kind == "stage" && options.stageCostNs > 0) {
            node.params["workload"] = std::string("busy");
            node.params["cost"] = options.stageCostNs;
        }
    }
    return loaded.spec;
}

nlohmann::ordered_json toJson(const Spread &spread, int decimals)
{
    return {{"median", rounded(spread.median, decimals)}, {"lowest", rounded(spread.lowest, decimals)},
        {"highest", rounded(spread.highest, decimals)}};
}

/// Everything the pairs measured, one entry per pair (latencies: one per tick).
struct Results {
    std::vector<double> designerRate, baselineRate, ratio, reportRatio, designerCores, baselineCores;
    std::vector<double> guiCpuPercent, guiCpuMsPerFrame, framesPerSecond, tickMs, latenessMs;
    nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
    std::vector<std::string> failures;
};

// With --calibrate the measured side is ringflow-run too.
const char *measuredName(const Options &options)
{
    return options.calibrate ? "ringflow-run'" : "designer";
}

double elapsedSeconds(const SideRun &run)
{
    return static_cast<double>(run.report.elapsedNs) * 1e-9;
}

// Cores the whole process kept busy over the runtime's elapsed time: whether the engine got as much
// CPU beside the designer as it got alone.
double cores(const SideRun &run)
{
    return run.report.elapsedNs > 0 ? run.processCpuSeconds / elapsedSeconds(run) : 0;
}

void addPair(
    Results &results, const Options &options, bool designerFirst, const DesignerRun &designer, const SideRun &baseline)
{
    // Duration-bounded: what the producer published in its fixed time, exact. Event-bounded: the
    // report's events/s.
    const auto rate = [&options](const SideRun &run) {
        return options.events > 0 ? run.report.eventsPerSecond
                                  : static_cast<double>(run.report.totalEvents) / options.seconds;
    };
    const double designerRate = rate(designer), baselineRate = rate(baseline);
    const double ratio = baselineRate > 0 ? designerRate / baselineRate : 0;
    const double reportRatio
        = baseline.report.eventsPerSecond > 0 ? designer.report.eventsPerSecond / baseline.report.eventsPerSecond : 0;
    const double cpuPercent = designer.wallSeconds > 0 ? designer.guiCpuSeconds / designer.wallSeconds * 100 : 0;
    results.designerRate.push_back(designerRate);
    results.baselineRate.push_back(baselineRate);
    results.ratio.push_back(ratio);
    results.reportRatio.push_back(reportRatio);
    results.designerCores.push_back(cores(designer));
    results.baselineCores.push_back(cores(baseline));
    results.guiCpuPercent.push_back(cpuPercent);
    results.framesPerSecond.push_back(designer.wallSeconds > 0 ? designer.frames / designer.wallSeconds : 0);
    if (designer.frames > 0)
        results.guiCpuMsPerFrame.push_back(designer.guiCpuSeconds * 1000 / designer.frames);
    results.tickMs.insert(results.tickMs.end(), designer.tickMs.begin(), designer.tickMs.end());
    results.latenessMs.insert(results.latenessMs.end(), designer.latenessMs.begin(), designer.latenessMs.end());
    results.pairs.push_back({
        {"designer_first", designerFirst},
        {"designer_events_per_sec", std::round(designerRate)},
        {"ringflow_run_events_per_sec", std::round(baselineRate)},
        {"ratio", rounded(ratio, 3)},
        {"report_ratio", rounded(reportRatio, 3)},
        {"designer_elapsed_s", rounded(elapsedSeconds(designer), 3)},
        {"ringflow_run_elapsed_s", rounded(elapsedSeconds(baseline), 3)},
        {"designer_cores", rounded(cores(designer), 2)},
        {"ringflow_run_cores", rounded(cores(baseline), 2)},
        {"gui_cpu_percent", rounded(cpuPercent, 1)},
        {"frames", designer.frames},
    });
    if (!options.json)
        std::fprintf(stderr,
            "pair %zu/%d (%s first): %s %.2f M ev/s (%.2f cores), ringflow-run %.2f M ev/s (%.2f cores), "
            "ratio %.3f, GUI CPU %.1f%%\n",
            results.ratio.size(), options.pairs, designerFirst ? measuredName(options) : "ringflow-run",
            measuredName(options), designerRate / 1e6, cores(designer), baselineRate / 1e6, cores(baseline), ratio,
            cpuPercent);
}

void printTable(const Results &results, const Options &options, int threads, int intervalMs)
{
    char bound[64];
    if (options.events > 0)
        std::snprintf(bound, sizeof bound, "%lld events per run", static_cast<long long>(options.events));
    else
        std::snprintf(bound, sizeof bound, "producer publishing for %g s per run", options.seconds);
    std::printf("\n%s: %d engine threads, %s, %s, %d pairs%s, designer sampling every %d ms%s.\n"
                "Medians of the pairs; ratio = median of the pairs' own %s / ringflow-run ratios, [lowest, "
                "highest];\ncores = the process's CPU time over the run's elapsed time.\n\n",
        kPipelineName, threads, options.wait.c_str(), bound, options.pairs, options.quick ? " (--quick)" : "",
        intervalMs, options.hidePlots ? ", plots hidden" : "", measuredName(options));
    std::printf("%-13s %9s %21s %9s %7s\n", "side", "M ev/s", "[lowest, highest]", "ns/event", "cores");
    const auto row = [](const char *name, const std::vector<double> &rates, const std::vector<double> &cores) {
        const Spread s = spread(rates);
        std::printf("%-13s %9.3f  [%7.3f, %7.3f]   %9.1f %7.2f\n", name, s.median / 1e6, s.lowest / 1e6,
            s.highest / 1e6, s.median > 0 ? 1e9 / s.median : 0.0, median(cores));
    };
    row(measuredName(options), results.designerRate, results.designerCores);
    row("ringflow-run", results.baselineRate, results.baselineCores);
    const Spread ratio = spread(results.ratio);
    std::printf("\nratio         %.3f [%.3f, %.3f]", ratio.median, ratio.lowest, ratio.highest);
    if (!options.calibrate)
        std::printf("   target >= %.2f: %s", kTarget, ratio.median >= kTarget ? "met" : "NOT met");
    std::printf("\n");
    if (options.events == 0) {
        const Spread report = spread(results.reportRatio);
        std::printf("              %.3f [%.3f, %.3f]   from the reports' events/s (elapsed time ends on a 100 ms "
                    "tick)\n",
            report.median, report.lowest, report.highest);
    }
    if (options.calibrate) {
        std::printf("\n--calibrate: both sides ran ringflow-run; the ratio shows the measurement's noise.\n");
        return;
    }
    const Spread cpu = spread(results.guiCpuPercent);
    std::printf("\nGUI thread during the designer runs:\n"
                "  CPU share       %.1f%% of one core [%.1f, %.1f]\n"
                "  frames          %.1f per second, %.2f ms of GUI CPU each (sampling, slots, painting, the probe)\n"
                "  sampling tick   p50 %.2f ms, p99 %.2f ms (timer event through every frameReady slot)\n"
                "  10 ms timer     late by p50 %.2f ms, p99 %.2f ms, max %.1f ms (%zu ticks)\n",
        cpu.median, cpu.lowest, cpu.highest, median(results.framesPerSecond), median(results.guiCpuMsPerFrame),
        percentile(results.tickMs, 0.5), percentile(results.tickMs, 0.99), percentile(results.latenessMs, 0.5),
        percentile(results.latenessMs, 0.99), percentile(results.latenessMs, 1), results.latenessMs.size());
}

void printJson(
    const Results &results, const Options &options, int threads, int intervalMs, double loadBefore, double loadAfter)
{
    nlohmann::ordered_json out {
        {"pipeline", kPipelineName},
        {"wait", options.wait},
        {"engine_threads", threads},
        {"seconds", options.events > 0 ? 0.0 : options.seconds},
        {"events", options.events},
        {"pairs", options.pairs},
        {"sample_interval_ms", intervalMs},
        {"plots_hidden", options.hidePlots},
        {"calibrate", options.calibrate},
        {"stage_cost_ns", options.stageCostNs},
        {"designer_events_per_sec", toJson(spread(results.designerRate), 0)},
        {"ringflow_run_events_per_sec", toJson(spread(results.baselineRate), 0)},
        {"ratio", toJson(spread(results.ratio), 3)},
        {"report_ratio", toJson(spread(results.reportRatio), 3)},
        {"target", kTarget},
        {"designer_cores", rounded(median(results.designerCores), 2)},
        {"ringflow_run_cores", rounded(median(results.baselineCores), 2)},
        {"gui_cpu_percent", toJson(spread(results.guiCpuPercent), 1)},
        {"gui_cpu_ms_per_frame", toJson(spread(results.guiCpuMsPerFrame), 3)},
        {"frames_per_sec", rounded(median(results.framesPerSecond), 2)},
        {"tick_ms",
            {{"p50", rounded(percentile(results.tickMs, 0.5), 3)},
                {"p99", rounded(percentile(results.tickMs, 0.99), 3)}}},
        {"timer_lateness_ms",
            {{"p50", rounded(percentile(results.latenessMs, 0.5), 3)},
                {"p99", rounded(percentile(results.latenessMs, 0.99), 3)},
                {"max", rounded(percentile(results.latenessMs, 1), 3)}, {"ticks", results.latenessMs.size()}}},
        {"load_average", {{"before", rounded(loadBefore, 2)}, {"after", rounded(loadAfter, 2)}}},
        {"runs", results.pairs},
        {"failures", results.failures},
    };
    std::printf("%s\n", out.dump(2).c_str());
}

QtMessageHandler g_defaultMessageHandler = nullptr;

// The offscreen platform warns about every window it cannot pass size hints on to: nothing to act on.
void filterMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (!message.contains(QLatin1String("propagateSizeHints")))
        g_defaultMessageHandler(type, context, message);
}

// Lets the window lay out and paint before the first run, as a user would see it.
void settle(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    const std::optional<Options> parsed = parseArguments(argc, argv);
    if (const std::optional<int> status = exitBeforeRunning(parsed, printUsage))
        return *status;
    const Options &options = *parsed;
    // The designer draws into offscreen buffers: the same painting, no display needed.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_defaultMessageHandler = qInstallMessageHandler(filterMessages);
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion")); // as the designer's main() does
    if (options.openNodes > 0)
        return runOpenBenchmark(options.openNodes, options.quick ? 1 : kOpenRepetitions, options.json);

    const std::optional<pipeline::PipelineSpec> spec = benchSpec(options);
    if (!spec)
        return kExitUsage;
    ui::MainWindow window;
    window.resize(1400, 860); // the designer's default size
    window.document()->reset(*spec);
    if (options.intervalMs > 0)
        window.runController()->setSampleInterval(options.intervalMs);
    window.show();
    settle(300);

    // Both sides run the document's spec, after whatever normalising reset() does.
    const pipeline::PipelineSpec runSpec = window.document()->spec();
    const pipeline::CompileResult compiled = pipeline::compile(runSpec);
    if (!compiled.plan) {
        for (const pipeline::Problem &problem : compiled.problems)
            std::fprintf(stderr, "ringflow-designer-bench: %s\n", pipeline::toString(problem).c_str());
        return kExitUsage;
    }
    // Event-bounded runs must publish exactly this many; duration-bounded ones at least one event.
    std::uint64_t expected = 0;
    for (const pipeline::ProducerPlan &producer : compiled.plan->producers)
        expected += static_cast<std::uint64_t>(producer.threads) * static_cast<std::uint64_t>(options.events);
    const int threads = compiled.plan->threadCount();
    const int intervalMs = window.runController()->sampleInterval();

    Results results;
    const auto note = [&results](const char *side, int pair, const SideRun &run) {
        if (!run.failure.empty())
            results.failures.push_back(std::string(side) + " run of pair " + std::to_string(pair) + ": " + run.failure);
    };
    const std::optional<double> loadBefore = loadAverage();
    // A warm-up pair, not reported: the first designer run pays for creating the plots' graphs and
    // the text caches, the first runtime for faulting in its rings.
    note("designer", 0, runDesigner(window, expected, options.hidePlots));
    note("ringflow-run", 0, runBaseline(runSpec, expected));
    const auto designerSide = [&]() -> DesignerRun {
        if (!options.calibrate)
            return runDesigner(window, expected, options.hidePlots);
        DesignerRun run;
        static_cast<SideRun &>(run) = runBaseline(runSpec, expected);
        return run;
    };
    for (int pair = 1; pair <= options.pairs; ++pair) {
        // Alternating which side goes first spreads any drift of the machine's load over both.
        const bool designerFirst = pair % 2 == 1;
        std::optional<DesignerRun> designer;
        std::optional<SideRun> baseline;
        for (int turn = 0; turn < 2; ++turn) {
            if ((turn == 0) == designerFirst)
                designer = designerSide();
            else
                baseline = runBaseline(runSpec, expected);
        }
        note("designer", pair, *designer);
        note("ringflow-run", pair, *baseline);
        addPair(results, options, designerFirst, *designer, *baseline);
    }
    const std::optional<double> loadAfter = loadAverage();

    if (options.json)
        printJson(results, options, threads, intervalMs, loadBefore.value_or(-1), loadAfter.value_or(-1));
    else {
        printTable(results, options, threads, intervalMs);
        printMachineLoad(stdout, loadBefore);
    }
    for (const std::string &failure : results.failures)
        std::fprintf(stderr, "CHECK FAILED: %s\n", failure.c_str());
    return results.failures.empty() ? 0 : kExitChecksFailed;
}
