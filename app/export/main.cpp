// ringflow-export: the designer's exports, headless, and the C++ project generated from a design.
#include "export_options.h"
#include "headless_run.h"
#ifdef RINGFLOW_EXPORT_CANVAS
#include "canvas_export.h"
#endif

#include "core/thread_stack.h"
#include "pipeline/codegen.h"
#include "pipeline/compiler.h"
#include "pipeline/param_text.h"
#include "pipeline/pipeline_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

using namespace ringflow::pipeline;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitInvalid = 2;

#ifdef RINGFLOW_EXPORT_CANVAS
constexpr bool kCanvas = true;
#else
constexpr bool kCanvas = false;
#endif

/// Writes `text` whole or not at all (through a temporary file renamed over `path`).
int writeText(const std::string &path, const std::string &text)
{
    const std::string temporary = path + ".part";
    std::ofstream out(temporary, std::ios::binary);
    std::error_code error;
    if (out.write(text.data(), static_cast<std::streamsize>(text.size())) && out.flush()) {
        out.close();
        std::filesystem::rename(temporary, path, error);
        if (!error)
            return kExitOk;
    }
    std::filesystem::remove(temporary, error);
    std::cerr << "ringflow-export: " << path << ": could not be written\n";
    return kExitFailed;
}

void printProblems(const std::string &file, const std::vector<Problem> &problems)
{
    for (const Problem &problem : problems)
        std::cerr << file << ": " << toString(problem) << "\n";
}

int exportProject(const PipelineSpec &spec, const ExportOptions &options)
{
    const GeneratedProject project = generateProject(spec, std::filesystem::path(options.file).stem().string());
    printProblems(options.file, project.problems);
    if (project.files.empty()) {
        std::cerr << "ringflow-export: " << options.file << " cannot run, so no project is generated from it\n";
        return kExitInvalid;
    }
    if (const std::string error = writeProject(project, options.output); !error.empty()) {
        std::cerr << "ringflow-export: " << error << "\n";
        return kExitFailed;
    }
    return kExitOk;
}

int exportRun(PipelineSpec spec, const ExportOptions &options)
{
    limitProducers(spec, options.events, options.durationSeconds);
    CompileResult compiled = compile(spec);
    printProblems(options.file, compiled.problems);
    if (!compiled.plan)
        return kExitInvalid;
    const HeadlessRun run = runHeadless(std::move(*compiled.plan));
    for (const std::string &error : run.report.errors)
        std::cerr << "handler error: " << error << "\n";
    const std::string text = options.format == ExportFormat::Report ? toJson(run.report) + "\n"
        : options.format == ExportFormat::ReportCsv                 ? toCsv(run.report)
                                                                    : run.series.toCsv();
    const int written = writeText(options.output, text);
    return written != kExitOk ? written : run.report.ok ? kExitOk : kExitFailed;
}

int exportCanvasTo(PipelineSpec spec, const ExportOptions &options)
{
#ifdef RINGFLOW_EXPORT_CANVAS
    const std::string error = exportCanvas(std::move(spec), options.output, options.format == ExportFormat::Svg);
    if (error.empty())
        return kExitOk;
    std::cerr << "ringflow-export: " << error << "\n";
    return kExitFailed;
#else
    (void)spec;
    (void)options;
    std::cerr << "ringflow-export: png and svg draw the designer's canvas, which this build leaves out "
                 "(RINGFLOW_ENGINE_ONLY)\n";
    return kExitInvalid;
#endif
}

int exportMain(int argc, char **argv)
{
    const ParsedExportOptions parsed = parseExportOptions(argc, argv);
    if (parsed.showHelp) {
        std::cout << exportUsage(kCanvas);
        return kExitOk;
    }
    for (const std::string &error : parsed.errors)
        std::cerr << "ringflow-export: " << error << "\n";
    if (!parsed.errors.empty()) {
        std::cerr << "Try 'ringflow-export --help'.\n";
        return kExitInvalid;
    }
    const ExportOptions &options = parsed.options;
    LoadResult loaded = loadPipelineFile(options.file);
    if (!loaded.spec) {
        for (const LoadError &error : loaded.errors)
            std::cerr << error.toString() << "\n";
        return kExitInvalid;
    }
    switch (options.format) {
    case ExportFormat::Json:
        return writeText(options.output, savePipeline(*loaded.spec));
    case ExportFormat::Cpp:
        return exportProject(*loaded.spec, options);
    case ExportFormat::Png:
    case ExportFormat::Svg:
        return exportCanvasTo(std::move(*loaded.spec), options);
    case ExportFormat::Report:
    case ExportFormat::ReportCsv:
    case ExportFormat::Series:
        return exportRun(std::move(*loaded.spec), options);
    }
    return kExitInvalid;
}

} // namespace

int main(int argc, char **argv)
{
    // Before any thread starts: a headless run's threads need far less than glibc's 8 MiB.
    ringflow::core::limitDefaultThreadStack(ringflow::core::kRunThreadStackBytes);
    // Whatever the input, the answer is an exit status with a reason, never std::terminate.
    try {
        return exportMain(argc, argv);
    } catch (const std::exception &error) {
        std::cerr << "ringflow-export: " << error.what() << "\n";
    } catch (...) {
        std::cerr << "ringflow-export: failed with an unknown error\n";
    }
    return kExitFailed;
}
