#pragma once

#include "pipeline/kind_registry.h"
#include "pipeline/pipeline_spec.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ringflow::pipeline {

/// Reads a parameter value typed by a person (command line, text field) as the parameter's type.
/// Returns the value, or a sentence saying why the text is not one ("expected a whole number").
/// Ranges are not checked here: validate() reports them with their place.
std::variant<ParamValue, std::string> parseParamText(const ParamSpec &param, std::string_view text);

/// Reads `text` as a value of parameter `param` of node `nodeId` in `spec` (a `--set` on a command
/// line). Returns the value, or why not: "no node 'x' in the pipeline", "ring 'r' has no parameter
/// 'p'", or parseParamText()'s reason followed by ", got 'text'".
std::variant<ParamValue, std::string> parseNodeParamText(
    const PipelineSpec &spec, const std::string &nodeId, const std::string &param, std::string_view text);

/// One `NODE.PARAM=VALUE` of a command line, resolved against a spec.
struct ParamAssignment {
    std::string node;
    std::string param;
    ParamValue value;
};

/// Reads `NODE.PARAM=VALUE` (a `--set` of ringflow-run or the designer). Node ids may contain dots
/// and equals signs: the text is split at the first `.PARAM=` whose NODE before it is a node of
/// `spec` and PARAM a parameter of that node's kind, so "my.node.rate=5" sets rate of "my.node".
/// Returns the assignment, or why not, in words that follow "--set ": "'x': expected
/// NODE.PARAM=VALUE", or "NODE.PARAM: " and parseNodeParamText()'s reason.
std::variant<ParamAssignment, std::string> parseParamAssignment(const PipelineSpec &spec, std::string_view text);

/// Applies a command line's `--events N` and `--duration S` to every producer of `spec`, as
/// ringflow-run and ringflow-export take them: a duration lifts the file's event counts unless
/// events are given too.
void limitProducers(PipelineSpec &spec, std::optional<std::int64_t> events, std::optional<double> durationSeconds);

/// The parameters that make a producer a burst: `eventsPerThread` events per thread (0: until
/// stopped), published as fast as it can (no rate, no duration).
std::map<std::string, ParamValue> burstParameters(std::int64_t eventsPerThread);

/// Makes every producer of `spec` a burst (burstParameters()). The bundled examples come alive,
/// paced for a minute; tests, benchmarks and example programs run them as bursts instead.
void makeBurst(PipelineSpec &spec, std::int64_t eventsPerThread);

/// The value as a person would type it back.
std::string paramText(const ParamValue &value);

} // namespace ringflow::pipeline
