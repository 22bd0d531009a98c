#pragma once

#include "pipeline/pipeline_spec.h"
#include "pipeline/resource_budget.h"
#include "pipeline/runtime.h"

#include <chrono>
#include <string>
#include <vector>

enum class ReportFormat { Table, Json, Csv };

struct RunOptions {
    std::string file;
    std::int64_t events = -1; ///< --events: events per producer thread; -1: as in the file
    double durationSeconds = 0; ///< --duration: stop the run after this long; 0: no limit
    std::vector<std::string> overrides; ///< each --set NODE.PARAM=VALUE, as given
    ReportFormat report = ReportFormat::Table;
    bool progress = true;
    bool instrumented = true; ///< --no-instrumentation: no busy time, latency or flow window
    bool predict = false; ///< --predict: print the capacity model's prediction instead of running
    bool recalibrate = false; ///< --recalibrate: measure the model's constants again
    double coreShare = 0; ///< --core-share: the share of a core a busy thread gets; 0: measure it
    std::vector<std::string> sweeps; ///< each --sweep NODE.PARAM=VALUES, as given
    int repeat = 3; ///< --repeat: runs per point of a sweep
    bool repeatGiven = false;
    ringflow::pipeline::ResourceBudget budget = ringflow::pipeline::ResourceBudget::forThisMachine();
    std::chrono::nanoseconds drainTimeout = ringflow::pipeline::kDefaultDrainTimeout;
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
