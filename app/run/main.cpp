// ringflow-run: runs a saved pipeline headless and reports the figures.
#include "run_options.h"

#include "pipeline/compiler.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/runtime.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

using namespace ringflow::pipeline;

namespace {

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

} // namespace

int main(int argc, char **argv)
{
    const ParsedOptions parsed = parseRunOptions(argc, argv);
    if (parsed.showHelp) {
        std::cout << runUsage();
        return 0;
    }
    if (!parsed.errors.empty()) {
        for (const std::string &error : parsed.errors)
            std::cerr << "ringflow-run: " << error << "\n";
        std::cerr << "Try 'ringflow-run --help'.\n";
        return 2;
    }
    const RunOptions &options = parsed.options;

    LoadResult loaded = loadPipelineFile(options.file);
    if (!loaded.spec) {
        for (const auto &error : loaded.errors)
            std::cerr << error.toString() << "\n";
        return 2;
    }
    PipelineSpec spec = std::move(*loaded.spec);
    if (const auto errors = applyOverrides(spec, options); !errors.empty()) {
        for (const std::string &error : errors)
            std::cerr << options.file << ": " << error << "\n";
        return 2;
    }
    CompileResult compiled = compile(spec);
    for (const Problem &problem : compiled.problems)
        std::cerr << options.file << ": " << toString(problem) << "\n";
    if (!compiled.plan)
        return 2;

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    Runtime runtime(std::move(*compiled.plan));
    const auto started = std::chrono::steady_clock::now();
    runtime.start();
    const bool progress = options.progress;
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (progress)
            printProgress(runtime.plan(), runtime.sample(), seconds);
        if (runtime.producersFinished() || runtime.hasFailed() || g_interrupted.load()
            || (options.durationSeconds > 0 && seconds >= options.durationSeconds))
            break;
    }
    if (progress)
        std::fputc('\n', stderr);
    const RunReport report = runtime.stop(options.drainTimeout);

    switch (options.report) {
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
    return report.ok ? 0 : 1;
}
