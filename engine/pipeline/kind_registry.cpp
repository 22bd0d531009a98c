#include "pipeline/kind_registry.h"

#include "core/wait_strategy.h"

#include <algorithm>
#include <stdexcept>

namespace ringflow::pipeline {

namespace {

ParamSpec intParamSpec(std::string name, std::string displayName, std::int64_t defaultValue,
    std::optional<double> minimum, std::optional<double> maximum, std::string unit, std::string help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.displayName = std::move(displayName);
    spec.type = ParamType::Int;
    spec.defaultValue = defaultValue;
    spec.minimum = minimum;
    spec.maximum = maximum;
    spec.unit = std::move(unit);
    spec.help = std::move(help);
    return spec;
}

ParamSpec realParamSpec(std::string name, std::string displayName, double defaultValue, std::optional<double> minimum,
    std::optional<double> maximum, std::string unit, std::string help)
{
    ParamSpec spec
        = intParamSpec(std::move(name), std::move(displayName), 0, minimum, maximum, std::move(unit), std::move(help));
    spec.type = ParamType::Real;
    spec.defaultValue = defaultValue;
    return spec;
}

ParamSpec textParamSpec(std::string name, std::string displayName, std::string defaultValue, std::string help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.displayName = std::move(displayName);
    spec.type = ParamType::Text;
    spec.defaultValue = std::move(defaultValue);
    spec.help = std::move(help);
    return spec;
}

ParamSpec choiceParamSpec(std::string name, std::string displayName, std::vector<std::string> choices,
    std::string defaultValue, std::string help)
{
    ParamSpec spec = textParamSpec(std::move(name), std::move(displayName), std::move(defaultValue), std::move(help));
    spec.type = ParamType::Choice;
    spec.choices = std::move(choices);
    return spec;
}

ParamSpec liveTunable(ParamSpec spec)
{
    spec.liveTunable = true;
    return spec;
}

std::vector<std::string> workloadNames()
{
    return {std::begin(kWorkloadNames), std::end(kWorkloadNames)};
}

// The parameters shared by every handler kind, so that they read the same everywhere.
ParamSpec workloadParam()
{
    return choiceParamSpec("workload", "Workload", workloadNames(), "count",
        "What the handler does with each event: count it, keep the CPU busy (cost), sleep "
        "(sleep), checksum the payload, record its latency, or fail at random (fail probability).");
}

ParamSpec costParam()
{
    return liveTunable(
        intParamSpec("cost", "Cost", 0, 0, 1e9, "ns", "Nanoseconds of busy work per event for the busy workload."));
}

ParamSpec sleepParam()
{
    return liveTunable(intParamSpec("sleep", "Sleep", 10, 0, 1e6, "µs",
        "Microseconds to sleep per event for the sleep workload (stands in for I/O)."));
}

ParamSpec failProbabilityParam()
{
    return realParamSpec("fail_probability", "Fail probability", 0.01, 0, 1, "",
        "Chance from 0 to 1 that the fail workload throws on an event.");
}

ParamSpec exceptionPolicyParam()
{
    return choiceParamSpec("exception_policy", "On exception", {"halt", "continue"}, "halt",
        "What a failing event does: halt stops this handler, continue reports it and goes on.");
}

// Every handler kind has the same three ports; what they connect to follows from the other kinds'
// declarations and from the registry's symmetric closure.
std::vector<PortSpec> consumerPorts(const std::vector<std::string> &consumerKinds)
{
    PortSpec in {"in", PortDirection::In,
        "Events arrive here: from a ring's out, or after the consumers wired into it on the same ring.",
        {{"ring", "out"}}, true};
    PortSpec out {
        "out", PortDirection::Out, "Consumers wired here see each event only after this one has handled it.", {}, true};
    PortSpec forward {
        "forward", PortDirection::Out, "Publishes each handled event into another ring.", {{"ring", "in"}}, false};
    for (const std::string &kind : consumerKinds) {
        in.accepts.push_back({kind, "out"});
        out.accepts.push_back({kind, "in"});
    }
    return {in, out, forward};
}

KindSpec producerKind()
{
    KindSpec kind {"producer", "Producer", "Sources",
        "Threads that publish events into a ring, as fast as possible or at a target rate.", NodeRole::Producer,
        "threads", {}, {}};
    kind.ports = {{"out", PortDirection::Out, "Publishes the events into a ring.", {{"ring", "in"}}, false}};
    kind.params = {
        intParamSpec("threads", "Threads", 1, 1, 1024, "threads",
            "Publishing threads; each one publishes the full number of events."),
        intParamSpec(
            "events", "Events", 1000000, 0, std::nullopt, "events", "Events each thread publishes; 0 means no limit."),
        realParamSpec("duration", "Duration", 0.0, 0, std::nullopt, "s",
            "Seconds each thread publishes for; 0 means no limit. With both limits set, the first one "
            "reached ends the thread."),
        intParamSpec("batch", "Batch size", 1, 1, 65536, "events",
            "Events claimed and published together; 1 publishes them one at a time."),
        liveTunable(realParamSpec("rate", "Rate", 0.0, 0, std::nullopt, "events/s",
            "Target events per second for each thread; 0 means as fast as possible.")),
        intParamSpec("payload", "Payload", 64, 0, 65536, "bytes",
            "Bytes of payload written into each event; must fit the ring's payload capacity."),
        textParamSpec("channel", "Channel", "events", "Channel name carried by every event; stages can filter on it."),
    };
    return kind;
}

KindSpec ringKind()
{
    KindSpec kind {"ring", "Ring buffer", "Buffers",
        "A pre-allocated ring of event slots that producers fill and consumers read in order.", NodeRole::Ring, "", {},
        {}};
    kind.ports = {
        {"in", PortDirection::In, "Producers and forwarding stages publish into the ring here.", {}, true},
        {"out", PortDirection::Out, "Consumers wired here read every event of the ring.", {}, true},
    };
    ParamSpec slots = intParamSpec("slots", "Slots", 1024, 1, 16777216, "slots",
        "Number of event slots; a power of two. Producers wait when all are in use.");
    slots.powerOfTwo = true;
    std::vector<std::string> waitStrategies(std::begin(core::kWaitStrategyNames), std::end(core::kWaitStrategyNames));
    kind.params = {
        slots,
        intParamSpec("payload_capacity", "Payload capacity", 1024, 0, 65536, "bytes",
            "Bytes of payload each slot can hold; every producer's payload must fit."),
        choiceParamSpec("producer_mode", "Producer mode", {"auto", "single", "multi"}, "auto",
            "Claiming scheme: single is faster but allows only one publishing thread; auto picks single "
            "when exactly one thread publishes."),
        choiceParamSpec("wait_strategy", "Wait strategy", waitStrategies, "phased-backoff",
            "How consumers wait for events: spinning is fastest, blocking saves the CPU, phased-backoff "
            "spins, then yields, then blocks."),
    };
    return kind;
}

KindSpec stageKind(const std::vector<std::string> &consumerKinds)
{
    KindSpec kind {"stage", "Stage", "Handlers",
        "One thread that handles every event of its ring, after the consumers wired into it.", NodeRole::Consumer, "",
        consumerPorts(consumerKinds), {}};
    kind.params = {
        workloadParam(),
        costParam(),
        sleepParam(),
        failProbabilityParam(),
        choiceParamSpec("handling", "Handling", {"event", "batch"}, "event",
            "Whether the handler is called once per event or once per available batch."),
        intParamSpec("max_batch", "Maximum batch", 0, 0, 16777216, "events",
            "Largest batch handled before the stage reports progress; 0 means unlimited."),
        textParamSpec(
            "channel_filter", "Channel filter", "", "Handle only events of this channel; empty handles every event."),
        choiceParamSpec("filter_mode", "Filter mode", {"exact", "prefix"}, "exact",
            "Whether the channel must equal the filter or only start with it."),
        exceptionPolicyParam(),
    };
    return kind;
}

KindSpec workerPoolKind(const std::vector<std::string> &consumerKinds)
{
    KindSpec kind {"worker-pool", "Worker pool", "Handlers",
        "Several threads that share the events of their ring: each event is handled by one worker.", NodeRole::Consumer,
        "workers", consumerPorts(consumerKinds), {}};
    kind.params = {
        intParamSpec("workers", "Workers", 2, 1, 64, "threads", "Worker threads sharing the events."),
        workloadParam(),
        costParam(),
        sleepParam(),
        failProbabilityParam(),
        exceptionPolicyParam(),
    };
    return kind;
}

KindSpec aggregateKind(const std::vector<std::string> &consumerKinds)
{
    KindSpec kind {"aggregate", "Aggregate", "Handlers",
        "Several workloads run one after the other on one thread for each event.", NodeRole::Consumer, "",
        consumerPorts(consumerKinds), {}};
    ParamSpec workloads = textParamSpec("workloads", "Workloads", "checksum,latency",
        "Comma-separated workloads run in order on each event, e.g. "
        "\"checksum,busy,latency\".");
    workloads.commaList = true;
    workloads.choices = workloadNames();
    kind.params = {workloads, costParam(), sleepParam(), failProbabilityParam(), exceptionPolicyParam()};
    return kind;
}

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

} // namespace

bool PortSpec::acceptsEnd(std::string_view kind, std::string_view port) const
{
    return std::any_of(
        accepts.begin(), accepts.end(), [&](const PortRef &end) { return end.kind == kind && end.port == port; });
}

const PortSpec *KindSpec::findPort(std::string_view port) const
{
    const auto found = std::find_if(ports.begin(), ports.end(), [&](const PortSpec &p) { return p.name == port; });
    return found == ports.end() ? nullptr : &*found;
}

const ParamSpec *KindSpec::findParam(std::string_view param) const
{
    const auto found = std::find_if(params.begin(), params.end(), [&](const ParamSpec &p) { return p.name == param; });
    return found == params.end() ? nullptr : &*found;
}

KindRegistry::KindRegistry()
{
    const std::vector<std::string> consumerKinds = {"stage", "worker-pool", "aggregate"};
    m_kinds = {producerKind(), ringKind(), stageKind(consumerKinds), workerPoolKind(consumerKinds),
        aggregateKind(consumerKinds)};
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
