// ringflow-run: runs a saved pipeline headless and reports the figures.
#include "run_options.h"

#include "core/thread_stack.h"
#include "pipeline/capacity_calibration.h"
#include "pipeline/capacity_format.h"
#include "pipeline/compiler.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/runtime.h"
#include "pipeline/sweep_format.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <thread>

using namespace ringflow::pipeline;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitInvalid = 2;

std::atomic<bool> g_interrupted {false};

void onInterrupt(int)
{
    g_interrupted.store(true);
}

void printProgress(const Plan &plan, const Sample &sample, double seconds)
{
    std::uint64_t published = 0;
    for (std::size_t i = 0; i < plan.producers.size(); ++i)
        published += sample.nodes[i].count;
    const double rate = seconds > 0 ? static_cast<double>(published) / seconds : 0;
    std::fprintf(stderr, "\r%7.1f s  %14llu events  %10.2f M events/s so far ", seconds,
        static_cast<unsigned long long>(published), rate / 1e6);
    std::fflush(stderr);
}

/// Loads the file and applies the overrides; nullopt (after printing why) when it cannot.
std::optional<PipelineSpec> specOf(const RunOptions &options)
{
    LoadResult loaded = loadPipelineFile(options.file);
    if (!loaded.spec) {
        for (const auto &error : loaded.errors)
            std::cerr << error.toString() << "\n";
        return std::nullopt;
    }
    PipelineSpec spec = std::move(*loaded.spec);
    if (const auto errors = applyOverrides(spec, options); !errors.empty()) {
        for (const std::string &error : errors)
            std::cerr << options.file << ": " << error << "\n";
        return std::nullopt;
    }
    return spec;
}

/// Loads, overrides and compiles the file; nullopt (after printing why) when it cannot run.
std::optional<Plan> planOf(const RunOptions &options)
{
    const std::optional<PipelineSpec> spec = specOf(options);
    if (!spec)
        return std::nullopt;
    CompileResult compiled = compile(*spec, options.budget);
    for (const Problem &problem : compiled.problems)
        std::cerr << options.file << ": " << toString(problem) << "\n";
    if (compiled.plan)
        compiled.plan->instrumented = options.instrumented;
    return std::move(compiled.plan);
}

/// Runs until the producers finish, a stage fails, the duration passes or a signal arrives.
RunReport runToEnd(Runtime &runtime, const RunOptions &options)
{
    const auto started = std::chrono::steady_clock::now();
    runtime.start();
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (options.progress)
            printProgress(runtime.plan(), runtime.sample(), seconds);
        if (runtime.producersFinished() || runtime.hasFailed() || g_interrupted.load()
            || (options.durationSeconds > 0 && seconds >= options.durationSeconds))
            break;
    }
    if (options.progress)
        std::fputc('\n', stderr);
    return runtime.stop(options.drainTimeout);
}

void printPrediction(
    const CapacityPrediction &prediction, const CapacityConstants &constants, int cores, ReportFormat format)
{
    if (format == ReportFormat::Json)
        std::cout << predictionReportJson(prediction, constants, cores) << "\n";
    else
        std::cout << predictionTable(prediction);
}

void printReport(const RunReport &report, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Json:
        std::cout << toJson(report) << "\n";
        break;
    case ReportFormat::Csv:
        std::cout << toCsv(report);
        break;
    case ReportFormat::Table:
        std::cout << toTable(report);
        break;
    }
    for (const std::string &error : report.errors)
        std::cerr << "handler error: " << error << "\n";
}

double coreShareOf(const RunOptions &options)
{
    return options.coreShare > 0 ? options.coreShare : measureCoreShare();
}

/// The experiment of the --sweep options, every point compiled; nullopt (after printing why) when
/// a specification or a point is invalid.
std::optional<SweepResult> sweepOf(const RunOptions &options, const CapacityConstants &constants, int cores)
{
    const std::optional<PipelineSpec> spec = specOf(options);
    if (!spec)
        return std::nullopt;
    std::vector<SweepAxis> axes;
    bool valid = true;
    for (const std::string &text : options.sweeps) {
        auto axis = parseSweepAxis(*spec, text);
        if (const auto *error = std::get_if<std::string>(&axis)) {
            std::cerr << "ringflow-run: --sweep " << *error << "\n";
            valid = false;
        } else {
            axes.push_back(std::get<SweepAxis>(std::move(axis)));
        }
    }
    if (!valid)
        return std::nullopt;
    auto prepared = prepareSweep(*spec, axes, options.budget, constants, cores, coreShareOf(options));
    if (auto *problems = std::get_if<std::vector<std::string>>(&prepared)) {
        for (const std::string &problem : *problems)
            std::cerr << options.file << ": " << problem << "\n";
        return std::nullopt;
    }
    return std::get<SweepResult>(std::move(prepared));
}

int sweepMain(const RunOptions &options, const CapacityConstants &constants, int cores)
{
    std::optional<SweepResult> sweep = sweepOf(options, constants, cores);
    if (!sweep)
        return kExitInvalid;
    const SweepSettings settings {options.repeat, options.durationSeconds, options.drainTimeout};
    const auto progress = [&](std::size_t done, std::size_t total) {
        if (options.progress)
            std::fprintf(stderr, "\rrun %zu of %zu ", done, total);
    };
    runSweep(*sweep, settings, progress, &g_interrupted);
    if (options.progress)
        std::fputc('\n', stderr);
    if (options.report == ReportFormat::Json)
        std::cout << sweepJson(*sweep, sweep->points.empty() ? "" : sweep->points.front().plan.name) << "\n";
    else
        std::cout << (options.report == ReportFormat::Csv ? sweepCsv(*sweep) : sweepTable(*sweep));
    return sweep->ok() && !sweep->cancelled ? kExitOk : kExitFailed;
}

int runMain(int argc, char **argv)
{
    const ParsedOptions parsed = parseRunOptions(argc, argv);
    if (parsed.showHelp) {
        std::cout << runUsage();
        return kExitOk;
    }
    if (!parsed.errors.empty()) {
        for (const std::string &error : parsed.errors)
            std::cerr << "ringflow-run: " << error << "\n";
        std::cerr << "Try 'ringflow-run --help'.\n";
        return kExitInvalid;
    }
    const RunOptions &options = parsed.options;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    if (!options.sweeps.empty())
        return sweepMain(options, machineCapacityConstants(options.recalibrate), thisMachine().cores);
    std::optional<Plan> plan = planOf(options);
    if (!plan)
        return kExitInvalid;

    const CapacityConstants constants = machineCapacityConstants(options.recalibrate);
    const int cores = thisMachine().cores;
    const CapacityPrediction prediction = predictCapacity(*plan, constants, cores, coreShareOf(options));
    if (options.predict) {
        printPrediction(prediction, constants, cores, options.report);
        return kExitOk;
    }

    Runtime runtime(std::move(*plan));
    RunReport report = runToEnd(runtime, options);
    addPrediction(report, prediction);
    printReport(report, options.report);
    return report.ok ? kExitOk : kExitFailed;
}

} // namespace

int main(int argc, char **argv)
{
    // Before any thread starts: the run's threads need far less than glibc's 8 MiB.
    ringflow::core::limitDefaultThreadStack(ringflow::core::kRunThreadStackBytes);
    // Whatever the input, the answer is an exit status with a reason, never std::terminate.
    try {
        return runMain(argc, argv);
    } catch (const std::bad_alloc &) {
        std::cerr << "ringflow-run: out of memory while building or running the pipeline\n";
    } catch (const std::exception &error) {
        std::cerr << "ringflow-run: the run failed: " << error.what() << "\n";
    } catch (...) {
        std::cerr << "ringflow-run: the run failed with an unknown error\n";
    }
    return kExitFailed;
}
