#pragma once

#include "case_runner.h"
#include "catalogue.h"

#include <pipeline/pipeline_spec.h>
#include <pipeline/plan.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ringflow::bench {

/// The runtime-overhead family: each classic topology of ringflow-bench (unicast, batched,
/// pipeline, multicast, diamond, 3P-1C, worker pool) run through the pipeline runtime (count
/// workload, no payload, the flow window of the run report) beside the same topology built by
/// hand on the core (bench/ringflow_cases.cpp), with the same wait strategy, ring size (65,536
/// slots) and events. The ratio runtime / core is what the pipeline harness costs.
struct OverheadTopology {
    std::string id; ///< "overhead-unicast", ...
    std::string description;
};

const std::vector<OverheadTopology> &overheadTopologies();

/// The case `id` (one of overheadTopologies()), each side publishing `events` (a multiple of 300).
BenchCase overheadCase(const std::string &id, std::int64_t events);

/// The same topology's case in ringflow-bench's catalogue, and its runtime side's compiled plan.
const CaseSpec &overheadCore(const std::string &id);
std::shared_ptr<pipeline::Plan> overheadPlan(const std::string &id, std::int64_t events);

// Building the benchmarks' pipelines in code, and running them.
pipeline::Node node(std::string id, std::string kind, std::map<std::string, pipeline::ParamValue> params);
/// A connection from `from`'s port `out` to `to`'s "in".
pipeline::Connection wire(const std::string &from, const std::string &out, const std::string &to);
/// Throws std::logic_error when the spec does not compile.
std::shared_ptr<pipeline::Plan> compiledPlan(const pipeline::PipelineSpec &spec);
/// The pipeline file `file` as loaded; throws std::runtime_error with every load error.
pipeline::PipelineSpec loadedSpec(const std::filesystem::path &file);

enum class RuntimeTiming {
    /// The report's flow window (first publish to the end of the last batch handled): what the core
    /// side times too, from its first publish to the last event.
    FlowWindow,
    /// start() to the end of stop(): the only window a run without instrumentation measures.
    Elapsed,
};

/// One run of `plan` through pipeline::Runtime to completion; its failure when the report is not ok.
RunSample runThroughRuntime(const pipeline::Plan &plan, RuntimeTiming timing = RuntimeTiming::FlowWindow);

} // namespace ringflow::bench
