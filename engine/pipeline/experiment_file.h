#pragma once

// Internal to pipeline_file.cpp: the optional top-level `experiments` array of a pipeline file.

#include "pipeline/experiment_spec.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// Reports a fault at a JSON path ("$.experiments[1].repeat") with a message.
using JsonFault = std::function<void(const std::string &path, std::string message)>;

/// Reads the `experiments` array found at `path`: each entry an object with a `name`, `axes` (one or
/// two objects with `param` NODE.PARAM and `values` text), optionally `repeat` (runs per point,
/// 1..kMaxExperimentRepeat, default 3) and `duration` (seconds, >= 0, default 0). Each fault is
/// reported with its path; the entries read so far are returned either way.
std::vector<ExperimentSpec> readExperiments(
    const nlohmann::ordered_json &value, const std::string &path, const JsonFault &fault);

/// The array readExperiments() reads back as `experiments`.
nlohmann::ordered_json experimentsJson(const std::vector<ExperimentSpec> &experiments);

} // namespace ringflow::pipeline
