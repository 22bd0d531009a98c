#include "param_text.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>

namespace ringflow::pipeline {

std::variant<ParamValue, std::string> parseParamText(const ParamSpec &param, std::string_view text)
{
    switch (param.type) {
    case ParamType::Bool:
        if (text == "true" || text == "1" || text == "yes" || text == "on")
            return ParamValue {true};
        if (text == "false" || text == "0" || text == "no" || text == "off")
            return ParamValue {false};
        return std::string("expected true or false");
    case ParamType::Int: {
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || text.empty())
            return std::string("expected a whole number");
        return ParamValue {value};
    }
    case ParamType::Real: {
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(value))
            return std::string("expected a number");
        return ParamValue {value};
    }
    case ParamType::Choice:
        for (const std::string &choice : param.choices)
            if (choice == text)
                return ParamValue {choice};
        {
            std::string allowed;
            for (const std::string &choice : param.choices)
                allowed += (allowed.empty() ? "" : ", ") + choice;
            return "expected one of: " + allowed;
        }
    case ParamType::Text:
        return ParamValue {std::string(text)};
    }
    return std::string("unknown parameter type");
}

std::variant<ParamValue, std::string> parseNodeParamText(
    const PipelineSpec &spec, const std::string &nodeId, const std::string &param, std::string_view text)
{
    const Node *node = spec.findNode(nodeId);
    if (!node)
        return "no node '" + nodeId + "' in the pipeline";
    const KindSpec *kind = findKind(node->kind);
    const ParamSpec *paramSpec = kind ? kind->findParam(param) : nullptr;
    if (!paramSpec)
        return node->kind + " '" + node->id + "' has no parameter '" + param + "'";
    auto parsed = parseParamText(*paramSpec, text);
    if (const auto *error = std::get_if<std::string>(&parsed))
        return *error + ", got '" + std::string(text) + "'";
    return parsed;
}

std::variant<ParamAssignment, std::string> parseParamAssignment(const PipelineSpec &spec, std::string_view text)
{
    const std::string form = "'" + std::string(text) + "': expected NODE.PARAM=VALUE";
    std::optional<std::string> firstNode; // of the first well-formed split, for the error
    for (std::size_t dot = text.find('.'); dot != std::string_view::npos; dot = text.find('.', dot + 1)) {
        const std::size_t equals = text.find('=', dot + 1);
        if (dot == 0 || equals == std::string_view::npos || equals == dot + 1)
            continue;
        const std::string node(text.substr(0, dot));
        const std::string param(text.substr(dot + 1, equals - dot - 1));
        const Node *found = spec.findNode(node);
        const KindSpec *kind = found ? findKind(found->kind) : nullptr;
        if (!kind || !kind->findParam(param)) {
            if (!firstNode && param.find('.') == std::string::npos)
                firstNode = node + "." + param;
            continue;
        }
        auto value = parseNodeParamText(spec, node, param, text.substr(equals + 1));
        if (const auto *error = std::get_if<std::string>(&value))
            return node + "." + param + ": " + *error;
        return ParamAssignment {node, param, std::get<ParamValue>(std::move(value))};
    }
    if (!firstNode)
        return form;
    // Explain with the plainest split: the node (or the parameter) that does not exist.
    const std::size_t dot = firstNode->find('.');
    const auto reason = parseNodeParamText(spec, firstNode->substr(0, dot), firstNode->substr(dot + 1), "");
    return *firstNode + ": " + std::get<std::string>(reason);
}

std::string paramText(const ParamValue &value)
{
    return std::visit(
        [](const auto &v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::string>)
                return v;
            else if constexpr (std::is_same_v<T, double>) {
                std::ostringstream out;
                out.precision(17);
                out << v;
                return out.str();
            } else
                return std::to_string(v);
        },
        value);
}

void limitProducers(PipelineSpec &spec, std::optional<std::int64_t> events, std::optional<double> durationSeconds)
{
    for (Node &node : spec.nodes) {
        const KindSpec *kind = findKind(node.kind);
        if (!kind || kind->role != NodeRole::Producer)
            continue;
        if (durationSeconds) {
            node.params["duration"] = *durationSeconds;
            node.params["events"] = events.value_or(0);
        } else if (events) {
            node.params["events"] = *events;
        }
    }
}

std::map<std::string, ParamValue> burstParameters(std::int64_t eventsPerThread)
{
    return {{"events", eventsPerThread}, {"rate", 0.0}, {"duration", 0.0}};
}

void makeBurst(PipelineSpec &spec, std::int64_t eventsPerThread)
{
    const std::map<std::string, ParamValue> burst = burstParameters(eventsPerThread);
    for (Node &node : spec.nodes) {
        const KindSpec *kind = findKind(node.kind);
        if (!kind || kind->role != NodeRole::Producer)
            continue;
        for (const auto &[name, value] : burst)
            node.params[name] = value;
    }
}

} // namespace ringflow::pipeline
