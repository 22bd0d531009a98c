#pragma once

// Terse construction of specs for the pipeline tests.

#include "pipeline/pipeline_spec.h"

#include <initializer_list>
#include <string>
#include <utility>

namespace ringflow::pipeline::testing {

inline Node node(
    std::string id, std::string kind, std::initializer_list<std::pair<const std::string, ParamValue>> params = {})
{
    return Node {std::move(id), std::move(kind), std::map<std::string, ParamValue>(params), std::nullopt};
}

inline Connection wire(std::string fromNode, std::string fromPort, std::string toNode, std::string toPort)
{
    return Connection {{std::move(fromNode), std::move(fromPort)}, {std::move(toNode), std::move(toPort)}};
}

/// producer "p" -> ring "r" -> stage "s": the smallest valid pipeline.
inline PipelineSpec unicast()
{
    PipelineSpec spec;
    spec.name = "unicast";
    spec.nodes = {node("p", "producer"), node("r", "ring"), node("s", "stage")};
    spec.connections = {wire("p", "out", "r", "in"), wire("r", "out", "s", "in")};
    return spec;
}

/// producer -> input ring -> journal, replication -> logic (after both) -forward-> output ring ->
/// publisher: the classic LMAX exchange layout.
inline PipelineSpec chainedRings()
{
    PipelineSpec spec;
    spec.name = "chained";
    spec.nodes = {node("receiver", "producer"), node("input", "ring"), node("journal", "stage"),
        node("replication", "stage"), node("logic", "stage"), node("output", "ring"), node("publisher", "stage")};
    spec.connections = {wire("receiver", "out", "input", "in"), wire("input", "out", "journal", "in"),
        wire("input", "out", "replication", "in"), wire("journal", "out", "logic", "in"),
        wire("replication", "out", "logic", "in"), wire("logic", "forward", "output", "in"),
        wire("output", "out", "publisher", "in")};
    return spec;
}

} // namespace ringflow::pipeline::testing
