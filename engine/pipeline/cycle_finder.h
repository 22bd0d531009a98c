#pragma once

// Internal to the graph index: cycles in a directed graph of node ids.

#include <functional>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// The groups of `ids` that reach each other along `edges` (strongly connected components of more
/// than one node, or one node with an edge to itself): each group in the order of `ids`, the
/// groups by their first member. Edges to ids not in `ids` are ignored. Linear in nodes and edges,
/// and iterative, so a long chain cannot overflow the stack.
std::vector<std::vector<std::string>> findCycles(
    const std::vector<std::string> &ids, const std::function<std::vector<std::string>(const std::string &)> &edges);

} // namespace ringflow::pipeline
