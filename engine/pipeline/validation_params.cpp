#include "pipeline/validation_rules.h"

#include "core/sequencer.h"

#include <algorithm>
#include <cmath>

namespace ringflow::pipeline::validation {

namespace {

std::string typeNoun(ParamType type)
{
    switch (type) {
    case ParamType::Bool:
        return "true or false";
    case ParamType::Int:
        return "a whole number";
    case ParamType::Real:
        return "a number";
    case ParamType::Text:
    case ParamType::Choice:
        return "text";
    }
    return "a value";
}

std::string valueNoun(const ParamValue &value)
{
    switch (value.index()) {
    case 0:
        return "true or false";
    case 1:
        return "a whole number";
    case 2:
        return "a real number";
    default:
        return "text";
    }
}

bool typeFits(ParamType type, const ParamValue &value)
{
    switch (type) {
    case ParamType::Bool:
        return std::holds_alternative<bool>(value);
    case ParamType::Int:
        return std::holds_alternative<std::int64_t>(value);
    case ParamType::Real:
        // A whole number is a fine real: "duration": 5 is what people write.
        return std::holds_alternative<double>(value) || std::holds_alternative<std::int64_t>(value);
    case ParamType::Text:
    case ParamType::Choice:
        return std::holds_alternative<std::string>(value);
    }
    return false;
}

std::string paramNames(const KindSpec &kind)
{
    std::vector<std::string> names;
    for (const ParamSpec &param : kind.params)
        names.push_back(param.name);
    return joined(names, "");
}

std::string withUnit(double value, const ParamSpec &param)
{
    return numberText(value) + (param.unit.empty() ? "" : " " + param.unit);
}

std::string rangeText(const ParamSpec &param)
{
    if (param.minimum && param.maximum)
        return "from " + numberText(*param.minimum) + " to " + withUnit(*param.maximum, param);
    if (param.minimum)
        return "of at least " + withUnit(*param.minimum, param);
    return "of at most " + withUnit(*param.maximum, param);
}

std::int64_t nearestPowerOfTwo(std::int64_t value)
{
    std::int64_t lower = 1;
    while (lower <= value / 2)
        lower *= 2;
    const std::int64_t upper = lower * 2;
    return value - lower <= upper - value ? lower : upper;
}

Problem paramError(const Node &node, const ParamSpec &param, std::string message, std::string hint)
{
    Problem problem = error(node, std::move(message), std::move(hint));
    problem.param = param.name;
    return problem;
}

// The value as it was given: a whole number in full, not rounded through a double.
std::string givenText(const ParamValue &value)
{
    if (const auto *whole = std::get_if<std::int64_t>(&value))
        return std::to_string(*whole);
    return numberText(std::get<double>(value));
}

void checkNumber(const Node &node, const ParamSpec &param, const ParamValue &value, std::vector<Problem> &problems)
{
    const std::string subject = "Parameter '" + param.name + "' of " + nounOf(node);
    const double number = std::holds_alternative<double>(value) ? std::get<double>(value)
                                                                : static_cast<double>(std::get<std::int64_t>(value));
    if (!std::isfinite(number)) {
        problems.push_back(
            paramError(node, param, subject + " is not a finite number.", "Use a value " + rangeText(param) + "."));
        return;
    }
    // Int bounds are whole numbers well inside the exact range of a double, so comparing as
    // doubles cannot misjudge a value.
    const bool below = param.minimum && number < *param.minimum;
    const bool above = param.maximum && number > *param.maximum;
    if (below || above) {
        problems.push_back(paramError(node, param,
            subject + " is " + givenText(value) + ", " + (below ? "below" : "above") + " its "
                + (below ? "minimum of " : "maximum of ") + withUnit(below ? *param.minimum : *param.maximum, param)
                + ".",
            "Use a value " + rangeText(param) + "."));
        return;
    }
    if (param.powerOfTwo && !core::isPowerOfTwo(std::get<std::int64_t>(value))) {
        const std::int64_t suggestion = nearestPowerOfTwo(std::get<std::int64_t>(value));
        problems.push_back(
            paramError(node, param, subject + " is " + givenText(value) + ", which is not a power of two.",
                "Use " + std::to_string(suggestion) + ", the nearest power of two."));
    }
}

void checkChoice(const Node &node, const ParamSpec &param, const std::string &value, std::vector<Problem> &problems)
{
    if (std::find(param.choices.begin(), param.choices.end(), value) != param.choices.end())
        return;
    problems.push_back(paramError(node, param,
        "'" + value + "' is not a valid value of parameter '" + param.name + "' of " + nounOf(node) + ".",
        "Choose " + joined(param.choices, "'", "or") + "."));
}

void checkList(const Node &node, const ParamSpec &param, const std::string &value, std::vector<Problem> &problems)
{
    const std::string subject = "Parameter '" + param.name + "' of " + nounOf(node);
    const std::string hint = "Write items from " + joined(param.choices, "'", "or") + ", separated by commas.";
    const std::vector<std::string> items = splitCommaList(value);
    if (items.empty()) {
        problems.push_back(paramError(node, param, subject + " lists nothing.", hint));
        return;
    }
    for (const std::string &item : items) {
        if (item.empty()) {
            problems.push_back(
                paramError(node, param, subject + " has an empty item.", "Remove the extra comma. " + hint));
        } else if (std::find(param.choices.begin(), param.choices.end(), item) == param.choices.end()) {
            problems.push_back(paramError(
                node, param, subject + " lists '" + item + "', which is not one of its allowed items.", hint));
        }
    }
}

// A valid value that changes nothing is most likely a mistake: say so, once the value is valid.
void checkApplies(const Node &node, const std::string &name, std::vector<Problem> &problems)
{
    const std::optional<std::string> reason = inapplicableReason(node, name);
    if (!reason)
        return;
    Problem problem = warning(node, "Parameter '" + name + "' of " + nounOf(node) + " has no effect: " + *reason + ".",
        "Remove it, or change what it depends on.");
    problem.param = name;
    problems.push_back(std::move(problem));
}

} // namespace

void checkParams(const Node &node, const KindSpec &kind, std::vector<Problem> &problems)
{
    for (const auto &[name, value] : node.params) {
        const ParamSpec *param = kind.findParam(name);
        if (!param) {
            Problem problem = error(node, capitalized(nounOf(node)) + " has no parameter '" + name + "'.",
                "Its parameters are " + paramNames(kind) + ".");
            problem.param = name;
            problems.push_back(std::move(problem));
            continue;
        }
        if (!typeFits(param->type, value)) {
            std::string hint = "Write " + typeNoun(param->type) + ".";
            const double *real = std::get_if<double>(&value);
            if (param->type == ParamType::Int && real && std::isfinite(*real) && std::trunc(*real) == *real)
                hint = "Write it without a decimal point: " + numberText(*real) + ".";
            problems.push_back(paramError(node, *param,
                "Parameter '" + name + "' of " + nounOf(node) + " must be " + typeNoun(param->type) + ", not "
                    + valueNoun(value) + ".",
                std::move(hint)));
            continue;
        }
        const std::size_t before = problems.size();
        switch (param->type) {
        case ParamType::Int:
        case ParamType::Real:
            checkNumber(node, *param, value, problems);
            break;
        case ParamType::Choice:
            checkChoice(node, *param, std::get<std::string>(value), problems);
            break;
        case ParamType::Text:
            if (param->commaList)
                checkList(node, *param, std::get<std::string>(value), problems);
            break;
        case ParamType::Bool:
            break;
        }
        if (problems.size() == before)
            checkApplies(node, name, problems);
    }
}

} // namespace ringflow::pipeline::validation
