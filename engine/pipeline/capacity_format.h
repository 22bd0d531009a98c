#pragma once

#include "pipeline/capacity_model.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ringflow::pipeline {

/// A node's prediction as the reports write it: service_ns, ceiling_events_per_second,
/// events_per_second, cpu_cores.
nlohmann::ordered_json predictionJson(const NodePrediction &node);
/// The pipeline's prediction without its nodes: events_per_second, limit, reason, core_bound, cpu_cores.
nlohmann::ordered_json predictionJson(const CapacityPrediction &prediction);

/// `ringflow-run --predict`'s answer: the machine and its constants, the pipeline's throughput and
/// limit, and each node's prediction under "nodes" (with its id).
std::string predictionReportJson(const CapacityPrediction &prediction, const CapacityConstants &constants, int cores);
/// The same for a terminal: the limit and throughput, then a table per node.
std::string predictionTable(const CapacityPrediction &prediction);

} // namespace ringflow::pipeline
