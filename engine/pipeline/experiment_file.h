#pragma once

// Internal to pipeline_file.cpp: the optional top-level `experiments` array of a pipeline file.

#include "pipeline/experiment_spec.h"
#include "pipeline/json_checks.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ringflow::pipeline {

/// Reads the `experiments` array found at `path`: each entry an object with a `name`, `axes` (one or
/// two objects with `param` NODE.PARAM and `values` text), optionally `repeat` (runs per point,
/// 1..kMaxExperimentRepeat, default 3) and `duration` (seconds, >= 0, default 0). Each fault is
/// reported with its path; the entries read so far are returned either way.
std::vector<ExperimentSpec> readExperiments(
    const nlohmann::ordered_json &value, const std::string &path, const json::FaultSink &fault);

/// The array readExperiments() reads back as `experiments`.
nlohmann::ordered_json experimentsJson(const std::vector<ExperimentSpec> &experiments);

} // namespace ringflow::pipeline
