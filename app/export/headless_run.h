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

/// Applies --events and --duration to every producer of `spec` as ringflow-run does: a duration
/// lifts the file's event counts unless events are given too.
void limitProducers(
    ringflow::pipeline::PipelineSpec &spec, std::optional<std::int64_t> events, std::optional<double> durationSeconds);

/// Runs `plan` until its producers finish or a stage fails, then stops it with ringflow-run's
/// drain timeout.
HeadlessRun runHeadless(ringflow::pipeline::Plan plan);
