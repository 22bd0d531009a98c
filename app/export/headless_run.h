#pragma once

#include "pipeline/pipeline_spec.h"
#include "pipeline/run_report.h"
#include "pipeline/time_series.h"

#include <cstdint>
#include <optional>

/// A run of a pipeline as ringflow-run does it, sampled ten times a second, as the designer
/// samples it, for the time series.
struct HeadlessRun {
    ringflow::pipeline::RunReport report;
    ringflow::pipeline::TimeSeries series;
};

/// Runs `plan` until its producers finish or a stage fails, then stops it with ringflow-run's
/// drain timeout.
HeadlessRun runHeadless(ringflow::pipeline::Plan plan);
