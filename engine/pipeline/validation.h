#pragma once

#include "pipeline/pipeline_spec.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ringflow::pipeline {

enum class Severity {
    Error, ///< the pipeline cannot run
    Warning, ///< it can run, but probably not as meant
};

/// One finding of validate(), written for the person who drew the pipeline.
struct Problem {
    Severity severity = Severity::Error;
    std::string nodeId; ///< the node at fault; empty when the problem concerns the whole pipeline
    std::string port; ///< the port at fault, if any
    std::string param; ///< the parameter at fault, if any
    std::optional<std::size_t> connection; ///< index into spec.connections of the wire at fault
    std::string message; ///< what is wrong, one sentence
    std::string hint; ///< how to fix it, one sentence
    bool operator==(const Problem &) const = default;
};

/// Checks a spec against the kind registry and the rules a runnable pipeline obeys: ids, kinds,
/// parameter names, types and ranges, wiring, and the topology (every ring fed and read, one ring per
/// consumer, no cycles, producer mode, payload and batch sizes). Never throws on a bad spec; the
/// problems come in a stable order: nodes, parameters, connections, then the topology.
std::vector<Problem> validate(const PipelineSpec &spec);

/// True when any problem is an Error.
bool hasErrors(const std::vector<Problem> &problems);

/// "error: " or "warning: ", the message, then the hint: "error: Parameter 'slots' of ring buffer
/// 'r' is 1000, which is not a power of two. Use 1024, the nearest power of two.", for logs and the
/// command line. The message names the node (and parameter) itself.
std::string toString(const Problem &problem);

} // namespace ringflow::pipeline
