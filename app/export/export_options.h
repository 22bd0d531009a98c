#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// What ringflow-export writes: the designer's File > Export, and the C++ project.
enum class ExportFormat { Json, Png, Svg, Cpp, Report, ReportCsv, Series };

struct ExportOptions {
    std::string file;
    ExportFormat format = ExportFormat::Json;
    std::string output; ///< -o: a file, or a new folder for cpp
    bool run = false; ///< --run: run the pipeline first (report, report-csv, series)
    std::optional<std::int64_t> events; ///< --run --events N: per producer thread
    std::optional<double> durationSeconds; ///< --run --duration S
};

struct ParsedExportOptions {
    ExportOptions options;
    bool showHelp = false;
    std::vector<std::string> errors; ///< each names the argument at fault
};

ParsedExportOptions parseExportOptions(int argc, char **argv);
/// The help; says whether this build renders the canvas (png, svg).
std::string exportUsage(bool canvas);
/// Whether `format` needs --run.
bool needsRun(ExportFormat format);
