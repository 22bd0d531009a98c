#include "sweep.h"

#include "param_text.h"
#include "text_format.h"
#include "validation.h"

#include <charconv>
#include <cmath>

namespace ringflow::pipeline {

namespace {

struct Target {
    std::string node;
    std::string param;
    std::string_view values;
};

/// Splits `NODE.PARAM=VALUES` at the first `.PARAM=` whose node and parameter exist, as
/// parseParamAssignment() does; when none does, its reason.
std::variant<Target, std::string> targetOf(const PipelineSpec &spec, std::string_view text)
{
    for (std::size_t dot = text.find('.'); dot != std::string_view::npos; dot = text.find('.', dot + 1)) {
        const std::size_t equals = text.find('=', dot + 1);
        if (dot == 0 || equals == std::string_view::npos)
            continue;
        Target target {std::string(text.substr(0, dot)), std::string(text.substr(dot + 1, equals - dot - 1)),
            text.substr(equals + 1)};
        const Node *node = spec.findNode(target.node);
        const KindSpec *kind = node ? findKind(node->kind) : nullptr;
        if (kind && kind->findParam(target.param))
            return target;
    }
    // No node has such a parameter: the assignment's reason names the node or parameter missing.
    const std::string form = "'" + std::string(text) + "': expected NODE.PARAM=VALUES";
    auto parsed = parseParamAssignment(spec, text);
    const auto *error = std::get_if<std::string>(&parsed);
    return error && *error + "S" != form ? *error : form;
}

std::optional<double> numberOf(std::string_view text)
{
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

/// The numbers of `A..B+S` or `A..B*F`, or why not.
std::variant<std::vector<double>, std::string> rangeNumbers(std::string_view range)
{
    const std::string form = "'" + std::string(range) + "': expected a range A..B+STEP or A..B*FACTOR";
    const std::size_t dots = range.find("..");
    const std::size_t step = range.find_first_of("+*", dots + 2);
    if (step == std::string_view::npos)
        return form;
    const auto from = numberOf(range.substr(0, dots));
    const auto to = numberOf(range.substr(dots + 2, step - dots - 2));
    const auto by = numberOf(range.substr(step + 1));
    if (!from || !to || !by)
        return form;
    const bool geometric = range[step] == '*';
    if (geometric ? (*from <= 0 || *by <= 1) : *by <= 0)
        return "'" + std::string(range)
            + "': " + (geometric ? "A must be above 0 and FACTOR above 1" : "STEP must be above 0");
    std::vector<double> numbers;
    const double slack = 1e-9 * std::max(std::abs(*from), std::abs(*to)); // B counts when a step lands on it
    for (double value = *from; value <= *to + slack; value = geometric ? value * *by : *from + numbers.size() * *by) {
        if (numbers.size() == kMaxSweepValues)
            return "'" + std::string(range) + "': more than " + std::to_string(kMaxSweepValues) + " values";
        numbers.push_back(value);
    }
    return numbers;
}

/// The value of one list item (a value or a range), or why not.
std::variant<std::vector<ParamValue>, std::string> itemValues(
    const PipelineSpec &spec, const Target &target, const ParamSpec &param, std::string_view item)
{
    if (item.find("..") == std::string_view::npos) {
        auto value = parseNodeParamText(spec, target.node, target.param, item);
        if (const auto *error = std::get_if<std::string>(&value))
            return std::move(*error);
        return std::vector<ParamValue> {std::get<ParamValue>(std::move(value))};
    }
    if (param.type != ParamType::Int && param.type != ParamType::Real)
        return "'" + std::string(item) + "': ranges are for numbers, and " + target.param + " is not one";
    auto numbers = rangeNumbers(item);
    if (const auto *error = std::get_if<std::string>(&numbers))
        return std::move(*error);
    std::vector<ParamValue> values;
    for (double number : std::get<std::vector<double>>(numbers)) {
        if (param.type == ParamType::Real)
            values.emplace_back(number);
        else if (number == std::floor(number) && std::abs(number) < 9e15)
            values.emplace_back(static_cast<std::int64_t>(number));
        else
            return "'" + std::string(item) + "': " + numberText(number) + " is not a whole number";
    }
    return values;
}

/// Why `value` cannot be the parameter's: validation's words for that node and parameter.
std::optional<std::string> invalidValue(const PipelineSpec &spec, const Target &target, const ParamValue &value)
{
    PipelineSpec changed = spec;
    changed.findNode(target.node)->params[target.param] = value;
    for (const Problem &problem : validate(changed))
        if (problem.severity == Severity::Error && problem.nodeId == target.node && problem.param == target.param)
            return paramText(value) + ": " + problem.message + (problem.hint.empty() ? "" : " " + problem.hint);
    return std::nullopt;
}

} // namespace

std::variant<SweepAxis, std::string> parseSweepAxis(const PipelineSpec &spec, std::string_view text)
{
    auto found = targetOf(spec, text);
    if (const auto *error = std::get_if<std::string>(&found))
        return std::move(*error);
    const Target &target = std::get<Target>(found);
    const std::string place = target.node + "." + target.param + ": ";
    const ParamSpec &param = *findKind(spec.findNode(target.node)->kind)->findParam(target.param);
    if (param.type == ParamType::Text)
        return place + "a text parameter cannot be swept, only numbers, choices and switches";
    SweepAxis axis {target.node, target.param, {}};
    for (std::size_t start = 0; start <= target.values.size() && !target.values.empty();) {
        const std::size_t comma = std::min(target.values.find(',', start), target.values.size());
        const std::string_view item = target.values.substr(start, comma - start);
        if (item.empty())
            return place + "an empty value in '" + std::string(target.values) + "'";
        auto values = itemValues(spec, target, param, item);
        if (const auto *error = std::get_if<std::string>(&values))
            return place + *error;
        for (ParamValue &value : std::get<std::vector<ParamValue>>(values)) {
            if (const auto invalid = invalidValue(spec, target, value))
                return place + *invalid;
            axis.values.push_back(std::move(value));
        }
        if (axis.values.size() > kMaxSweepValues)
            return place + "more than " + std::to_string(kMaxSweepValues) + " values";
        start = comma + 1;
    }
    if (axis.values.empty())
        return place + "no values";
    return axis;
}

std::vector<std::vector<ParamValue>> sweepPoints(const std::vector<SweepAxis> &axes)
{
    std::vector<std::vector<ParamValue>> points {{}};
    for (const SweepAxis &axis : axes) {
        std::vector<std::vector<ParamValue>> extended;
        for (const auto &point : points)
            for (const ParamValue &value : axis.values) {
                extended.push_back(point);
                extended.back().push_back(value);
            }
        points = std::move(extended);
    }
    return axes.empty() ? std::vector<std::vector<ParamValue>> {} : points;
}

PipelineSpec specAtPoint(PipelineSpec spec, const std::vector<SweepAxis> &axes, const std::vector<ParamValue> &point)
{
    for (std::size_t i = 0; i < axes.size() && i < point.size(); ++i)
        if (Node *node = spec.findNode(axes[i].node))
            node->params[axes[i].param] = point[i];
    return spec;
}

} // namespace ringflow::pipeline
