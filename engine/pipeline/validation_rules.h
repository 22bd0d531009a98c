#pragma once

// Internal to validation: the rule groups of validate() and the wording they share.

#include "pipeline/kind_registry.h"
#include "pipeline/text_format.h"
#include "pipeline/validation.h"

#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline::validation {

/// "ring buffer 'r'"; "node 'x'" when the kind is unknown. Lower case, for use inside a sentence.
std::string nounOf(const Node &node);

Problem error(const Node &node, std::string message, std::string hint);
Problem warning(const Node &node, std::string message, std::string hint);

/// Names, types, ranges, choices and lists of the parameters of one node of a known kind.
void checkParams(const Node &node, const KindSpec &kind, std::vector<Problem> &problems);

/// Rules over the whole graph: rings fed and read, one ring per consumer, cycles, producer mode,
/// payload and batch sizes, channel filters. Reads only the wires the kind registry allows.
void checkTopology(const PipelineSpec &spec, std::vector<Problem> &problems);

} // namespace ringflow::pipeline::validation
