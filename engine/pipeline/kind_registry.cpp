#include "pipeline/kind_registry.h"

#include "pipeline/kinds.h"
#include "pipeline/workloads.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace ringflow::pipeline {

namespace {

// Makes every accepts list symmetric, so each kind declares only what it knows about.
void closeAcceptLists(std::vector<KindSpec> &kinds)
{
    for (KindSpec &kind : kinds) {
        for (PortSpec &port : kind.ports) {
            for (const PortRef &end : std::vector<PortRef>(port.accepts)) {
                const auto other
                    = std::find_if(kinds.begin(), kinds.end(), [&](const KindSpec &k) { return k.name == end.kind; });
                if (other == kinds.end())
                    throw std::logic_error(
                        "kind registry: " + kind.name + "." + port.name + " accepts unknown kind " + end.kind);
                const auto otherPort = std::find_if(
                    other->ports.begin(), other->ports.end(), [&](const PortSpec &p) { return p.name == end.port; });
                if (otherPort == other->ports.end())
                    throw std::logic_error("kind registry: " + kind.name + "." + port.name + " accepts unknown port "
                        + end.kind + "." + end.port);
                const PortRef back {kind.name, port.name};
                if (std::find(otherPort->accepts.begin(), otherPort->accepts.end(), back) == otherPort->accepts.end())
                    otherPort->accepts.push_back(back);
            }
        }
    }
}

// Lets every consumer's in and out ports chain to every consumer kind, so that a new consumer kind
// chains to the others by declaring its role.
void chainConsumers(std::vector<KindSpec> &kinds)
{
    for (KindSpec &kind : kinds) {
        if (kind.role != NodeRole::Consumer)
            continue;
        for (const KindSpec &other : kinds) {
            if (other.role != NodeRole::Consumer)
                continue;
            if (PortSpec *in = kind.findPort("in"))
                in->accepts.push_back({other.name, "out"});
            if (PortSpec *out = kind.findPort("out"))
                out->accepts.push_back({other.name, "in"});
        }
    }
}

} // namespace

bool PortSpec::acceptsEnd(std::string_view kind, std::string_view port) const
{
    return std::any_of(
        accepts.begin(), accepts.end(), [&](const PortRef &end) { return end.kind == kind && end.port == port; });
}

std::string_view categoryName(KindCategory category) noexcept
{
    switch (category) {
    case KindCategory::Sources:
        return "Sources";
    case KindCategory::Buffers:
        return "Buffers";
    case KindCategory::Handlers:
        return "Handlers";
    }
    return "";
}

const PortSpec *KindSpec::findPort(std::string_view port) const
{
    const auto found = std::find_if(ports.begin(), ports.end(), [&](const PortSpec &p) { return p.name == port; });
    return found == ports.end() ? nullptr : &*found;
}

PortSpec *KindSpec::findPort(std::string_view port)
{
    return const_cast<PortSpec *>(std::as_const(*this).findPort(port));
}

const ParamSpec *KindSpec::findParam(std::string_view param) const
{
    const auto found = std::find_if(params.begin(), params.end(), [&](const ParamSpec &p) { return p.name == param; });
    return found == params.end() ? nullptr : &*found;
}

KindRegistry::KindRegistry()
{
    m_kinds = builtInKinds();
    chainConsumers(m_kinds);
    closeAcceptLists(m_kinds);
}

const KindRegistry &KindRegistry::instance()
{
    static const KindRegistry registry;
    return registry;
}

const KindSpec *KindRegistry::find(std::string_view kind) const
{
    const auto found = std::find_if(m_kinds.begin(), m_kinds.end(), [&](const KindSpec &k) { return k.name == kind; });
    return found == m_kinds.end() ? nullptr : &*found;
}

bool KindRegistry::accepts(
    std::string_view fromKind, std::string_view fromPort, std::string_view toKind, std::string_view toPort) const
{
    const KindSpec *from = find(fromKind);
    const KindSpec *to = find(toKind);
    if (!from || !to)
        return false;
    const PortSpec *out = from->findPort(fromPort);
    const PortSpec *in = to->findPort(toPort);
    return out && in && out->direction == PortDirection::Out && in->direction == PortDirection::In
        && out->acceptsEnd(toKind, toPort);
}

const KindSpec *findKind(std::string_view kind)
{
    return KindRegistry::instance().find(kind);
}

std::optional<ParamValue> paramValue(const Node &node, std::string_view name)
{
    const KindSpec *kind = findKind(node.kind);
    const ParamSpec *param = kind ? kind->findParam(name) : nullptr;
    if (!param)
        return std::nullopt;
    const auto own = node.params.find(std::string(name));
    return own == node.params.end() ? param->defaultValue : own->second;
}

namespace {

// The workloads the node runs, as named by its kind's workload parameter.
std::vector<std::string> workloadsOf(const Node &node, const KindSpec &kind)
{
    const ParamSpec *param = kind.findParam(kind.workloadParam);
    const std::optional<ParamValue> value = param ? paramValue(node, param->name) : std::nullopt;
    const std::string *text = value ? std::get_if<std::string>(&*value) : nullptr;
    if (!text)
        return {};
    return param->commaList ? splitCommaList(*text) : std::vector<std::string> {*text};
}

std::string workloadPhrase(const std::vector<std::string> &workloads)
{
    if (workloads.size() == 1)
        return "its workload '" + workloads.front() + "'";
    std::string names;
    for (const std::string &name : workloads)
        names += (names.empty() ? "'" : ", '") + name + "'";
    return "none of its workloads (" + names + ")";
}

// Why `spec` does nothing because the parameter it depends on (ParamSpec::onlyWith) is not set.
std::optional<std::string> unsetDependency(const Node &node, const KindSpec &kind, const ParamSpec &spec)
{
    const std::optional<ParamValue> with = paramValue(node, spec.onlyWith);
    const std::string &other = kind.findParam(spec.onlyWith)->displayName;
    const std::string *text = with ? std::get_if<std::string>(&*with) : nullptr;
    if (!spec.onlyWithValues.empty()) {
        const auto &values = spec.onlyWithValues;
        if (!text || std::find(values.begin(), values.end(), *text) != values.end())
            return std::nullopt;
        std::string names;
        for (const std::string &value : values)
            names += (names.empty() ? "" : " or ") + value;
        return "it matters only with " + other + " " + names + ", not " + *text;
    }
    if (text && text->empty())
        return "it matters only with a " + other + ", and there is none";
    const std::int64_t *number = with ? std::get_if<std::int64_t>(&*with) : nullptr;
    if (number && *number == 0)
        return "it matters only when " + other + " is not 0";
    return std::nullopt;
}

} // namespace

std::optional<std::string> inapplicableReason(const Node &node, std::string_view param)
{
    const KindSpec *kind = findKind(node.kind);
    const ParamSpec *spec = kind ? kind->findParam(param) : nullptr;
    if (!spec)
        return std::nullopt;
    if (!spec->onlyWith.empty())
        if (std::optional<std::string> reason = unsetDependency(node, *kind, *spec))
            return reason;
    const auto readBy = std::find_if(
        std::begin(kWorkloads), std::end(kWorkloads), [&](const WorkloadSpec &w) { return w.param == param; });
    if (readBy == std::end(kWorkloads) || kind->workloadParam.empty())
        return std::nullopt;
    const std::vector<std::string> workloads = workloadsOf(node, *kind);
    if (std::find(workloads.begin(), workloads.end(), readBy->name) != workloads.end())
        return std::nullopt;
    return workloadPhrase(workloads) + (workloads.size() == 1 ? " does not use it" : " uses it") + "; the "
        + std::string(readBy->name) + " workload does";
}

namespace {

const ParamSpec &requireParam(const Node &node, std::string_view name, std::initializer_list<ParamType> types)
{
    const KindSpec *kind = findKind(node.kind);
    const ParamSpec *param = kind ? kind->findParam(name) : nullptr;
    if (!param || std::find(types.begin(), types.end(), param->type) == types.end())
        throw std::invalid_argument(
            "kind '" + node.kind + "' has no parameter '" + std::string(name) + "' of the requested type");
    return *param;
}

template <typename T>
T storedOrDefault(const Node &node, const ParamSpec &param)
{
    const auto own = node.params.find(param.name);
    if (own != node.params.end())
        if (const T *value = std::get_if<T>(&own->second))
            return *value;
    return std::get<T>(param.defaultValue);
}

} // namespace

bool boolParam(const Node &node, std::string_view name)
{
    return storedOrDefault<bool>(node, requireParam(node, name, {ParamType::Bool}));
}

std::int64_t intParam(const Node &node, std::string_view name)
{
    return storedOrDefault<std::int64_t>(node, requireParam(node, name, {ParamType::Int}));
}

double realParam(const Node &node, std::string_view name)
{
    const ParamSpec &param = requireParam(node, name, {ParamType::Real});
    const auto own = node.params.find(param.name);
    if (own != node.params.end())
        if (const std::int64_t *whole = std::get_if<std::int64_t>(&own->second))
            return static_cast<double>(*whole);
    return storedOrDefault<double>(node, param);
}

std::string textParam(const Node &node, std::string_view name)
{
    return storedOrDefault<std::string>(node, requireParam(node, name, {ParamType::Text, ParamType::Choice}));
}

std::vector<std::string> splitCommaList(std::string_view text)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    const auto trim = [&](std::string_view item) {
        while (!item.empty() && isSpace(item.front()))
            item.remove_prefix(1);
        while (!item.empty() && isSpace(item.back()))
            item.remove_suffix(1);
        return std::string(item);
    };
    std::vector<std::string> items;
    if (trim(text).empty())
        return items;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        items.push_back(
            trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return items;
}

} // namespace ringflow::pipeline
