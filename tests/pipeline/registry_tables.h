#pragma once

// The Markdown tables docs/file-format.md shows for each kind, rendered from the kind registry.
// test_kind_registry checks that the document contains them verbatim, so the docs cannot drift
// from the code: when a kind changes, paste the tables the failing test prints.

#include "pipeline/kind_registry.h"

#include <charconv>
#include <cmath>
#include <string>

namespace ringflow::pipeline::testing {

inline std::string markdownNumber(double value)
{
    if (std::trunc(value) == value && std::abs(value) < 1e16)
        return std::to_string(static_cast<std::int64_t>(value));
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

inline std::string markdownValue(const ParamValue &value)
{
    switch (value.index()) {
    case 0:
        return std::get<bool>(value) ? "`true`" : "`false`";
    case 1:
        return "`" + std::to_string(std::get<std::int64_t>(value)) + "`";
    case 2: {
        std::string text = markdownNumber(std::get<double>(value));
        if (text.find_first_of(".e") == std::string::npos)
            text += ".0";
        return "`" + text + "`";
    }
    default:
        return "`\"" + std::get<std::string>(value) + "\"`";
    }
}

inline std::string markdownType(const ParamSpec &param)
{
    switch (param.type) {
    case ParamType::Bool:
        return "boolean";
    case ParamType::Int:
        return "whole number";
    case ParamType::Real:
        return "number";
    case ParamType::Text:
        return param.commaList ? "list" : "text";
    case ParamType::Choice:
        return "choice";
    }
    return {};
}

inline std::string markdownValues(const ParamSpec &param)
{
    if (!param.choices.empty()) {
        std::string text;
        for (const std::string &choice : param.choices)
            text += (text.empty() ? "" : ", ") + ("`" + choice + "`");
        return text;
    }
    std::string text;
    if (param.minimum && param.maximum)
        text = markdownNumber(*param.minimum) + " to " + markdownNumber(*param.maximum);
    else if (param.minimum)
        text = "at least " + markdownNumber(*param.minimum);
    else if (param.maximum)
        text = "at most " + markdownNumber(*param.maximum);
    if (param.powerOfTwo)
        text += ", a power of two";
    return text;
}

inline std::string parameterTable(const KindSpec &kind)
{
    std::string table = "| Parameter | Type | Default | Values | Unit | Live | Description |\n"
                        "|---|---|---|---|---|---|---|\n";
    for (const ParamSpec &param : kind.params)
        table += "| `" + param.name + "` | " + markdownType(param) + " | " + markdownValue(param.defaultValue) + " | "
            + markdownValues(param) + " | " + param.unit + " | " + (param.liveTunable ? "yes" : "") + " | " + param.help
            + " |\n";
    return table;
}

inline std::string portTable(const KindSpec &kind)
{
    std::string table = "| Port | Direction | Wires | Connects to | Description |\n"
                        "|---|---|---|---|---|\n";
    for (const PortSpec &port : kind.ports) {
        std::string ends;
        for (const PortRef &end : port.accepts)
            ends += (ends.empty() ? "" : ", ") + ("`" + end.kind + "." + end.port + "`");
        table += "| `" + port.name + "` | " + (port.direction == PortDirection::In ? "in" : "out") + " | "
            + (port.multiple ? "many" : "one") + " | " + ends + " | " + port.help + " |\n";
    }
    return table;
}

} // namespace ringflow::pipeline::testing
