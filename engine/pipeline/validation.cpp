#include "pipeline/validation.h"

#include "pipeline/validation_rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace ringflow::pipeline {

namespace validation {

std::string nounOf(const Node &node)
{
    const KindSpec *kind = findKind(node.kind);
    std::string noun = kind ? kind->displayName : std::string("Node");
    noun[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(noun[0])));
    return noun + " '" + node.id + "'";
}

Problem error(const Node &node, std::string message, std::string hint)
{
    return {Severity::Error, node.id, {}, {}, std::nullopt, std::move(message), std::move(hint)};
}

Problem warning(const Node &node, std::string message, std::string hint)
{
    return {Severity::Warning, node.id, {}, {}, std::nullopt, std::move(message), std::move(hint)};
}

} // namespace validation

namespace {

using namespace validation;

std::string knownKinds()
{
    std::vector<std::string> names;
    for (const KindSpec &kind : KindRegistry::instance().kinds())
        names.push_back(kind.name);
    return joined(names, "");
}

void checkNodes(const PipelineSpec &spec, std::vector<Problem> &problems)
{
    if (spec.nodes.empty())
        problems.push_back({Severity::Warning, {}, {}, {}, std::nullopt, "The pipeline has no nodes.",
            "Add a producer, a ring buffer and a stage from the palette."});

    std::map<std::string, int> uses;
    for (const Node &node : spec.nodes)
        ++uses[node.id];

    std::set<std::string> reported;
    for (const Node &node : spec.nodes) {
        const KindSpec *kind = findKind(node.kind);
        if (node.id.empty()) {
            problems.push_back(error(node, "A node of kind '" + node.kind + "' has an empty id.",
                "Give every node a unique, non-empty id."));
        } else if (uses[node.id] > 1 && reported.insert(node.id).second) {
            problems.push_back(
                error(node, "The id '" + node.id + "' is used by " + std::to_string(uses[node.id]) + " nodes.",
                    "Node ids must be unique: rename all but one of them."));
        }
        if (!kind) {
            problems.push_back(error(node, capitalized(nounOf(node)) + " has the unknown kind '" + node.kind + "'.",
                "Known kinds are " + knownKinds() + "."));
            continue;
        }
        checkParams(node, *kind, problems);
    }
}

std::string portNames(const KindSpec &kind)
{
    std::vector<std::string> names;
    for (const PortSpec &port : kind.ports)
        names.push_back(port.name);
    return joined(names);
}

// "the in port of a ring buffer or the in port of a stage"
std::string acceptedEnds(const PortSpec &port)
{
    std::vector<std::string> ends;
    for (const PortRef &end : port.accepts) {
        const KindSpec *kind = findKind(end.kind);
        std::string noun = kind ? kind->displayName : end.kind;
        noun[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(noun[0])));
        const bool vowel = std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
        ends.push_back("the " + end.port + " port of " + (vowel ? "an " : "a ") + noun);
    }
    return joined(ends, "", "or");
}

/// The nodes by id (the first of several with one id, as PipelineSpec::findNode finds it), so that
/// checking the wires stays linear in their number.
class NodeIndex {
public:
    explicit NodeIndex(const PipelineSpec &spec)
    {
        for (const Node &node : spec.nodes)
            m_nodes.emplace(node.id, &node);
    }
    const Node *find(const std::string &id) const
    {
        const auto found = m_nodes.find(id);
        return found == m_nodes.end() ? nullptr : found->second;
    }

private:
    std::unordered_map<std::string_view, const Node *> m_nodes;
};

// Checks one end of a wire; returns its port when the end is usable for the remaining checks.
const PortSpec *checkEnd(const NodeIndex &nodes, std::size_t index, const Endpoint &end, PortDirection expected,
    std::vector<Problem> &problems)
{
    const bool isStart = expected == PortDirection::Out;
    Problem problem {Severity::Error, end.node, end.port, {}, index, {}, {}};
    const Node *node = nodes.find(end.node);
    if (!node) {
        problem.message = std::string("A connection ") + (isStart ? "starts at" : "ends at") + " node '" + end.node
            + "', which does not exist.";
        problem.hint = "Remove the connection or add the missing node.";
        problems.push_back(std::move(problem));
        return nullptr;
    }
    const KindSpec *kind = findKind(node->kind);
    if (!kind)
        return nullptr; // the unknown kind is reported with the node
    const PortSpec *port = kind->findPort(end.port);
    if (!port) {
        problem.message = capitalized(nounOf(*node)) + " has no port '" + end.port + "'.";
        problem.hint = "Its ports are " + portNames(*kind) + ".";
        problems.push_back(std::move(problem));
        return nullptr;
    }
    if (port->direction != expected) {
        problem.message = std::string("A connection must ") + (isStart ? "start at an output" : "end at an input")
            + " port, but the " + end.port + " port of " + nounOf(*node) + " is an " + (isStart ? "input." : "output.");
        problem.hint = "Draw wires from an out or forward port to an in port.";
        problems.push_back(std::move(problem));
        return nullptr;
    }
    return port;
}

void checkConnections(const PipelineSpec &spec, std::vector<Problem> &problems)
{
    std::set<Connection> seen;
    // (node, port) of single-wire ports -> how many wires use it; reported once, at the extra wire.
    std::map<Endpoint, int> singleUses;
    const NodeIndex nodes(spec);
    for (std::size_t i = 0; i < spec.connections.size(); ++i) {
        const Connection &wire = spec.connections[i];
        if (!seen.insert(wire).second) {
            problems.push_back({Severity::Warning, wire.to.node, wire.to.port, {}, i,
                "The connection from " + wire.from.node + "." + wire.from.port + " to " + wire.to.node + "."
                    + wire.to.port + " is drawn twice.",
                "Remove the duplicate wire."});
            continue;
        }
        const PortSpec *from = checkEnd(nodes, i, wire.from, PortDirection::Out, problems);
        const PortSpec *to = checkEnd(nodes, i, wire.to, PortDirection::In, problems);
        if (!from || !to)
            continue;
        const Node &fromNode = *nodes.find(wire.from.node);
        const Node &toNode = *nodes.find(wire.to.node);
        if (!from->acceptsEnd(toNode.kind, wire.to.port)) {
            problems.push_back({Severity::Error, fromNode.id, wire.from.port, {}, i,
                "The " + wire.from.port + " port of " + nounOf(fromNode) + " cannot be wired to the " + wire.to.port
                    + " port of " + nounOf(toNode) + ".",
                "It connects only to " + acceptedEnds(*from) + "."});
            continue;
        }
        for (const auto &[end, port, node] :
            {std::tuple(wire.from, from, &fromNode), std::tuple(wire.to, to, &toNode)}) {
            if (port->multiple || ++singleUses[end] != 2)
                continue;
            problems.push_back({Severity::Error, end.node, end.port, {}, i,
                "The " + end.port + " port of " + nounOf(*node) + " takes one wire but has several.",
                "Remove all but one of its wires."});
        }
    }
}

} // namespace

std::vector<Problem> validate(const PipelineSpec &spec)
{
    std::vector<Problem> problems;
    checkNodes(spec, problems);
    checkConnections(spec, problems);
    checkTopology(spec, problems);
    return problems;
}

bool hasErrors(const std::vector<Problem> &problems)
{
    return std::any_of(
        problems.begin(), problems.end(), [](const Problem &problem) { return problem.severity == Severity::Error; });
}

std::string toString(const Problem &problem)
{
    std::string text = problem.severity == Severity::Error ? "error: " : "warning: ";
    text += problem.message;
    if (!problem.hint.empty())
        text += " " + problem.hint;
    return text;
}

} // namespace ringflow::pipeline
