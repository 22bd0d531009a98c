// ringflow-designer-bench: what the designer's live instrumentation (the run controller sampling at
// the default plot rate, the live plots, the canvas overlay) costs a running pipeline, against the
// same pipeline run the way ringflow-run runs it; and what the run costs the GUI thread.
// See "Designer: live instrumentation cost" in docs/benchmarks.md.
#include "runs.h"

#include "median.h"

#include "document/pipeline_document.h"
#include "main_window.h"
#include "run/run_controller.h"

#include <pipeline/compiler.h>
#include <pipeline/pipeline_file.h>

#include <QApplication>
#include <QElapsedTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

namespace {

using namespace ringflow;
using namespace ringflow::bench;

constexpr int kExitChecksFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kFullPairs = 7;
constexpr int kQuickPairs = 3;
// Events per run: about 2 s (full) or 1 s (quick) at the ~5 M events/s this pipeline makes on the
// shared 2-core VM. Both sides detect the end on a 100 ms tick, so shorter runs would mostly
// measure where the last tick falls.
constexpr std::int64_t kFullEvents = 10'000'000;
constexpr std::int64_t kQuickEvents = 5'000'000;
// The target: a pipeline watched in the designer keeps 97% of ringflow-run's throughput.
constexpr double kTarget = 0.97;
// Parks consumers that wait for long (4 engine threads and the GUI thread share 2 cores here, so
// a waiting thread must give its core back), after spinning and yielding briefly. The ring
// kind's default, and the strategy chosen for the chained pipeline case in this document.
constexpr const char *kWaitStrategy = "phased-backoff";

struct Options {
    int pairs = kFullPairs;
    std::int64_t events = kFullEvents;
    std::string wait = kWaitStrategy;
    int intervalMs = 0; ///< 0: the run controller's default
    bool hidePlots = false;
    bool json = false;
    bool quick = false;
    bool pairsSet = false;
    bool eventsSet = false;
};

void printUsage(std::FILE *out)
{
    std::fprintf(out,
        "usage: ringflow-designer-bench [--pairs N] [--events N] [--json] [--quick] [--help]\n\n"
        "Runs resources/pipelines/pipeline.json (producer -> ring -> three chained stages, unlimited rate)\n"
        "through the designer's Run action with its live plots and canvas overlay, and the way ringflow-run\n"
        "runs it, in interleaved pairs; reports the throughput ratio and the GUI thread's load.\n\n"
        "  --pairs N    designer / ringflow-run pairs (default %d, or %d with --quick)\n"
        "  --events N   events the producer publishes per run (default %lld, or %lld with --quick)\n"
        "  --wait NAME  the ring's wait strategy (default %s)\n"
        "  --interval MS  the designer's sampling interval (default: its own, 100 ms = 10 Hz)\n"
        "  --hide-plots close the live plots dock as each designer run starts (to measure their share)\n"
        "  --json       print only a JSON object\n"
        "  --quick      fewer pairs and shorter runs (about 30 s on two cores)\n",
        kFullPairs, kQuickPairs, static_cast<long long>(kFullEvents), static_cast<long long>(kQuickEvents),
        kWaitStrategy);
}

template <typename T>
std::optional<T> positive(std::string_view text)
{
    T value {};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1)
        return std::nullopt;
    return value;
}

// std::nullopt after printing why when the command line is wrong; exits for --help.
std::optional<Options> parseArguments(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            printUsage(stdout);
            std::exit(0);
        } else if (argument == "--json") {
            options.json = true;
        } else if (argument == "--hide-plots") {
            options.hidePlots = true;
        } else if (argument == "--quick") {
            options.quick = true;
        } else if (argument == "--wait" && i + 1 < argc) {
            options.wait = argv[++i];
        } else if (argument == "--pairs" || argument == "--events" || argument == "--interval") {
            const std::optional<std::int64_t> value
                = i + 1 < argc ? positive<std::int64_t>(argv[++i]) : std::optional<std::int64_t>();
            if (!value || (argument == "--pairs" && *value > 1000)) {
                std::fprintf(stderr, "ringflow-designer-bench: %s needs a positive integer\n", argument.data());
                return std::nullopt;
            }
            if (argument == "--pairs") {
                options.pairs = static_cast<int>(*value);
                options.pairsSet = true;
            } else if (argument == "--interval") {
                options.intervalMs = static_cast<int>(*value);
            } else {
                options.events = *value;
                options.eventsSet = true;
            }
        } else {
            std::fprintf(stderr, "ringflow-designer-bench: unknown option '%s'\n", argv[i]);
            return std::nullopt;
        }
    }
    if (options.quick) {
        options.pairs = options.pairsSet ? options.pairs : kQuickPairs;
        options.events = options.eventsSet ? options.events : kQuickEvents;
    }
    return options;
}

std::optional<pipeline::PipelineSpec> benchSpec(std::int64_t events, const std::string &wait)
{
    pipeline::LoadResult loaded = pipeline::loadPipelineFile(RINGFLOW_BENCH_PIPELINE);
    if (!loaded.spec) {
        for (const pipeline::LoadError &error : loaded.errors)
            std::fprintf(stderr, "ringflow-designer-bench: %s\n", error.toString().c_str());
        return std::nullopt;
    }
    for (pipeline::Node &node : loaded.spec->nodes) {
        if (node.kind == "producer") {
            node.params["events"] = events;
            node.params["rate"] = 0.0;
        } else if (node.kind == "ring") {
            node.params["wait_strategy"] = wait;
        }
    }
    return loaded.spec;
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

double loadAverage()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

struct Spread {
    double median = 0, lowest = 0, highest = 0;
};

Spread spread(const std::vector<double> &values)
{
    if (values.empty())
        return {};
    const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
    return {median(values), *lowest, *highest};
}

nlohmann::ordered_json toJson(const Spread &spread, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    const auto round = [scale](double value) { return std::round(value * scale) / scale; };
    return {{"median", round(spread.median)}, {"lowest", round(spread.lowest)}, {"highest", round(spread.highest)}};
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
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < milliseconds)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

} // namespace

int main(int argc, char **argv)
{
    const std::optional<Options> parsed = parseArguments(argc, argv);
    if (!parsed) {
        std::fprintf(stderr, "Try 'ringflow-designer-bench --help'.\n");
        return kExitUsage;
    }
    const Options &options = *parsed;
    // The designer draws into offscreen buffers: the same painting, no display needed.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_defaultMessageHandler = qInstallMessageHandler(filterMessages);
    QApplication app(argc, argv);
    QApplication::setStyle(QStringLiteral("Fusion")); // as the designer's main() does

    std::optional<pipeline::PipelineSpec> spec = benchSpec(options.events, options.wait);
    if (!spec)
        return kExitUsage;
    ui::MainWindow window;
    window.resize(1400, 860); // the designer's default size
    window.document()->reset(*spec);
    window.show();
    settle(300);

    // Both sides run the document's spec, after whatever normalising reset() does.
    const pipeline::PipelineSpec &runSpec = window.document()->spec();
    const pipeline::CompileResult compiled = pipeline::compile(runSpec);
    if (!compiled.plan) {
        std::fprintf(stderr, "ringflow-designer-bench: the benchmark pipeline does not compile\n");
        return kExitUsage;
    }
    std::uint64_t expected = 0;
    for (const pipeline::ProducerPlan &producer : compiled.plan->producers)
        expected += static_cast<std::uint64_t>(producer.threads) * static_cast<std::uint64_t>(options.events);
    if (options.intervalMs > 0)
        window.runController()->setSampleInterval(options.intervalMs);
    const int intervalMs = window.runController()->sampleInterval();

    const auto log = [&options](const char *format, auto... values) {
        if (!options.json)
            std::fprintf(stderr, format, values...);
    };
    std::vector<std::string> failures;
    const auto note = [&failures](const char *side, int pair, const SideRun &run) {
        if (!run.failure.empty())
            failures.push_back(std::string(side) + " run of pair " + std::to_string(pair) + ": " + run.failure);
    };

    const double loadBefore = loadAverage();
    // A warm-up pair, not reported: the first run pays for creating the plots' graphs, fonts and
    // caches, and the first runtime for faulting in its rings.
    note("designer", 0, runDesigner(window, expected, options.hidePlots));
    note("ringflow-run", 0, runBaseline(runSpec, expected));

    std::vector<double> designerRates, baselineRates, ratios, cpuShares, cpuPerFrameMs, frameRates, tickMs, latenessMs;
    std::vector<double> designerCores, baselineCores;
    // Cores the whole process kept busy over the runtime's elapsed time: whether the engine got
    // as much CPU beside the designer as it got alone.
    const auto seconds = [](const SideRun &run) { return static_cast<double>(run.report.elapsedNs) * 1e-9; };
    const auto cores = [](const SideRun &run) {
        return run.report.elapsedNs > 0 ? run.processCpuSeconds / (static_cast<double>(run.report.elapsedNs) * 1e-9)
                                        : 0;
    };
    nlohmann::ordered_json pairsJson = nlohmann::ordered_json::array();
    for (int pair = 1; pair <= options.pairs; ++pair) {
        // Alternating which side goes first spreads any drift of the machine's load over both.
        const bool designerFirst = pair % 2 == 1;
        std::optional<DesignerRun> designer;
        std::optional<SideRun> baseline;
        for (int turn = 0; turn < 2; ++turn) {
            if ((turn == 0) == designerFirst)
                designer = runDesigner(window, expected, options.hidePlots);
            else
                baseline = runBaseline(runSpec, expected);
        }
        note("designer", pair, *designer);
        note("ringflow-run", pair, *baseline);
        const double designerRate = designer->report.eventsPerSecond;
        const double baselineRate = baseline->report.eventsPerSecond;
        const double ratio = baselineRate > 0 ? designerRate / baselineRate : 0;
        const double cpuShare = designer->wallSeconds > 0 ? designer->guiCpuSeconds / designer->wallSeconds : 0;
        designerRates.push_back(designerRate);
        designerCores.push_back(cores(*designer));
        baselineCores.push_back(cores(*baseline));
        baselineRates.push_back(baselineRate);
        ratios.push_back(ratio);
        cpuShares.push_back(cpuShare * 100);
        frameRates.push_back(designer->wallSeconds > 0 ? designer->frames / designer->wallSeconds : 0);
        if (designer->frames > 0)
            cpuPerFrameMs.push_back(designer->guiCpuSeconds * 1000 / designer->frames);
        tickMs.insert(tickMs.end(), designer->tickMs.begin(), designer->tickMs.end());
        latenessMs.insert(latenessMs.end(), designer->latenessMs.begin(), designer->latenessMs.end());
        log("pair %d/%d (%s first): designer %.2f M ev/s in %.2f s (%.2f cores), ringflow-run %.2f M ev/s in %.2f s "
            "(%.2f cores), ratio %.3f, GUI CPU %.1f%%\n",
            pair, options.pairs, designerFirst ? "designer" : "ringflow-run", designerRate / 1e6, seconds(*designer),
            cores(*designer), baselineRate / 1e6, seconds(*baseline), cores(*baseline), ratio, cpuShare * 100);
        pairsJson.push_back({{"designer_first", designerFirst}, {"designer_events_per_sec", std::round(designerRate)},
            {"ringflow_run_events_per_sec", std::round(baselineRate)}, {"ratio", std::round(ratio * 1000) / 1000},
            {"gui_cpu_percent", std::round(cpuShare * 1000) / 10}, {"frames", designer->frames},
            {"designer_seconds", std::round(seconds(*designer) * 1000) / 1000},
            {"ringflow_run_seconds", std::round(seconds(*baseline) * 1000) / 1000},
            {"designer_cores", std::round(cores(*designer) * 100) / 100},
            {"ringflow_run_cores", std::round(cores(*baseline) * 100) / 100}});
    }
    const double loadAfter = loadAverage();

    const Spread ratio = spread(ratios), designer = spread(designerRates), baseline = spread(baselineRates);
    const Spread cpu = spread(cpuShares), cpuPerFrame = spread(cpuPerFrameMs), frames = spread(frameRates);
    const double lateP50 = percentile(latenessMs, 0.50), lateP99 = percentile(latenessMs, 0.99);
    const double lateMax = percentile(latenessMs, 1.0);
    const double tickP50 = percentile(tickMs, 0.50), tickP99 = percentile(tickMs, 0.99);

    if (options.json) {
        nlohmann::ordered_json out {
            {"pipeline", "resources/pipelines/pipeline.json"},
            {"wait", options.wait},
            {"engine_threads", compiled.plan->threadCount()},
            {"events", expected},
            {"pairs", options.pairs},
            {"sample_interval_ms", intervalMs},
            {"designer_events_per_sec", toJson(designer, 0)},
            {"ringflow_run_events_per_sec", toJson(baseline, 0)},
            {"ratio", toJson(ratio, 3)},
            {"designer_cores", std::round(median(designerCores) * 100) / 100},
            {"ringflow_run_cores", std::round(median(baselineCores) * 100) / 100},
            {"target", kTarget},
            {"gui_cpu_percent", toJson(cpu, 1)},
            {"gui_cpu_ms_per_frame", toJson(cpuPerFrame, 3)},
            {"frames_per_sec", toJson(frames, 2)},
            {"tick_ms", {{"p50", std::round(tickP50 * 1000) / 1000}, {"p99", std::round(tickP99 * 1000) / 1000}}},
            {"timer_lateness_ms",
                {{"p50", std::round(lateP50 * 1000) / 1000}, {"p99", std::round(lateP99 * 1000) / 1000},
                    {"max", std::round(lateMax * 1000) / 1000}, {"ticks", latenessMs.size()}}},
            {"load_average", {{"before", loadBefore}, {"after", loadAfter}}},
            {"runs", pairsJson},
            {"failures", failures},
        };
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        std::printf("\n%s: %d engine threads, %s, %llu events per run, %d pairs%s, sampled every %d ms.\n"
                    "Medians of the pairs; ratio = median of the pairs' own designer / ringflow-run ratios;\n"
                    "cores = the process's CPU time over the run's elapsed time.\n\n",
            "resources/pipelines/pipeline.json", compiled.plan->threadCount(), options.wait.c_str(),
            static_cast<unsigned long long>(expected), options.pairs, options.quick ? " (--quick)" : "", intervalMs);
        std::printf("%-13s %9s %21s %9s %7s\n", "side", "M ev/s", "[lowest, highest]", "ns/event", "cores");
        const auto row = [](const char *name, const Spread &rates, const std::vector<double> &cores) {
            std::printf("%-13s %9.3f  [%7.3f, %7.3f]   %9.1f %7.2f\n", name, rates.median / 1e6, rates.lowest / 1e6,
                rates.highest / 1e6, rates.median > 0 ? 1e9 / rates.median : 0.0, median(cores));
        };
        row("designer", designer, designerCores);
        row("ringflow-run", baseline, baselineCores);
        std::printf("\nratio         %.3f [%.3f, %.3f]   target >= %.2f: %s\n", ratio.median, ratio.lowest,
            ratio.highest, kTarget, ratio.median >= kTarget ? "met" : "NOT met");
        std::printf("\nGUI thread during the designer runs:\n"
                    "  CPU share       %.1f%% of one core [%.1f, %.1f]\n"
                    "  frames          %.1f per second, %.2f ms of GUI CPU each (sampling, slots, painting)\n"
                    "  sampling tick   p50 %.2f ms, p99 %.2f ms (timer event through every frameReady slot)\n"
                    "  10 ms timer     late by p50 %.2f ms, p99 %.2f ms, max %.1f ms (%zu ticks)\n",
            cpu.median, cpu.lowest, cpu.highest, frames.median, cpuPerFrame.median, tickP50, tickP99, lateP50, lateP99,
            lateMax, latenessMs.size());
        std::printf("\nload average %.1f before, %.1f after\n", loadBefore, loadAfter);
    }
    for (const std::string &failure : failures)
        std::fprintf(stderr, "CHECK FAILED: %s\n", failure.c_str());
    return failures.empty() ? 0 : kExitChecksFailed;
}
