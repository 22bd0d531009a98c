#pragma once

#include "pipeline/kind_registry.h"
#include "pipeline/pipeline_spec.h"

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

/// The value as a person would type it back.
std::string paramText(const ParamValue &value);

} // namespace ringflow::pipeline
