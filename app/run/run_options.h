#pragma once

#include "pipeline/pipeline_spec.h"

#include <chrono>
#include <string>
#include <vector>

enum class ReportFormat { Table, Json, Csv };

/// One `--set node.param=value`.
struct ParamOverride {
    std::string node;
    std::string param;
    std::string value;
};

struct RunOptions {
    std::string file;
    std::int64_t events = -1; ///< --events: events per producer thread; -1: as in the file
    double durationSeconds = 0; ///< --duration: stop the run after this long; 0: no limit
    std::vector<ParamOverride> overrides;
    ReportFormat report = ReportFormat::Table;
    bool progress = true;
    std::chrono::nanoseconds drainTimeout = std::chrono::seconds(10);
};

struct ParsedOptions {
    RunOptions options;
    bool showHelp = false;
    std::vector<std::string> errors; ///< each names the argument at fault
};

ParsedOptions parseRunOptions(int argc, char **argv);
std::string runUsage();

/// Applies --events and --set to the spec; each error names the node and parameter.
std::vector<std::string> applyOverrides(ringflow::pipeline::PipelineSpec &spec, const RunOptions &options);
