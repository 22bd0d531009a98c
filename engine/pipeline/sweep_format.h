#pragma once

#include "pipeline/sweep_runner.h"

#include <string>

namespace ringflow::pipeline {

/// The experiment as `ringflow-run --sweep` writes it; the fields are described in
/// docs/experiments.md. JSON: one object whose `points` array holds each point's values and figures
/// (medians with min and max over its runs); CSV: one row per point; table: for a terminal.
std::string sweepJson(const SweepResult &sweep, const std::string &pipeline);
std::string sweepCsv(const SweepResult &sweep);
std::string sweepTable(const SweepResult &sweep);

} // namespace ringflow::pipeline
