#pragma once

#include "pipeline/experiment_spec.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ringflow::pipeline {

/// A parameter value. Enumerations are strings; integers and reals stay distinct so that a file
/// round-trips exactly.
using ParamValue = std::variant<bool, std::int64_t, double, std::string>;

struct Position {
    double x = 0;
    double y = 0;
    bool operator==(const Position &) const = default;
};

/// One box of the graph. `id` names it uniquely within the pipeline (files, wires, undo and
/// metrics refer to it); the user may rename it, and a rename updates the wires;
/// `params` holds only what differs from or restates the kind's defaults, keyed by name.
struct Node {
    std::string id;
    std::string kind;
    std::map<std::string, ParamValue> params;
    std::optional<Position> position;
    bool operator==(const Node &) const = default;
};

struct Endpoint {
    std::string node;
    std::string port;
    bool operator==(const Endpoint &) const = default;
    auto operator<=>(const Endpoint &) const = default;
};

/// A wire from an output port to an input port.
struct Connection {
    Endpoint from;
    Endpoint to;
    bool operator==(const Connection &) const = default;
    auto operator<=>(const Connection &) const = default;
};

/// A comment drawn on the canvas. It is no part of the pipeline: validation, compiling and
/// running never look at it.
struct Note {
    std::string text;
    Position position; ///< top-left corner, in scene coordinates
    double width = 200; ///< the text wraps at this width; the height follows the text
    bool operator==(const Note &) const = default;
};

/// A pipeline as the user drew it: plain values, compared with ==.
struct PipelineSpec {
    std::string name;
    std::vector<Node> nodes;
    std::vector<Connection> connections;
    std::vector<ExperimentSpec> experiments; ///< saved sweeps (experiment_spec.h); none in most files
    std::vector<Note> notes;
    bool operator==(const PipelineSpec &) const = default;

    const Node *findNode(const std::string &id) const;
    Node *findNode(const std::string &id);
};

} // namespace ringflow::pipeline
