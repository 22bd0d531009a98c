#include "pipeline/pipeline_graph.h"
#include "pipeline/validation_rules.h"

#include <algorithm>
#include <set>

namespace ringflow::pipeline::validation {

namespace {

Problem at(Problem problem, std::string port, std::string param = {})
{
    problem.port = std::move(port);
    problem.param = std::move(param);
    return problem;
}

// The node's value of an Int parameter when it is usable (right type, within range); nullopt
// otherwise, the parameter checks having reported why. Keeps one mistake from being reported twice.
std::optional<std::int64_t> usableInt(const Node &node, std::string_view name)
{
    const std::optional<ParamValue> value = paramValue(node, name);
    const std::int64_t *whole = value ? std::get_if<std::int64_t>(&*value) : nullptr;
    if (!whole)
        return std::nullopt;
    const ParamSpec &param = *findKind(node.kind)->findParam(name);
    const auto number = static_cast<double>(*whole);
    if ((param.minimum && number < *param.minimum) || (param.maximum && number > *param.maximum))
        return std::nullopt;
    return *whole;
}

std::optional<std::string> usableText(const Node &node, std::string_view name)
{
    const std::optional<ParamValue> value = paramValue(node, name);
    const std::string *text = value ? std::get_if<std::string>(&*value) : nullptr;
    return text ? std::optional(*text) : std::nullopt;
}

std::optional<std::size_t> wireIndex(const PipelineSpec &spec, const Endpoint &from, const Endpoint &to)
{
    const auto found = std::find(spec.connections.begin(), spec.connections.end(), Connection {from, to});
    return found == spec.connections.end() ? std::nullopt : std::optional(found - spec.connections.begin());
}

void checkProducers(const PipelineGraph &graph, std::vector<Problem> &problems)
{
    for (const std::string &id : graph.nodesWithRole(NodeRole::Producer)) {
        const Node &producer = *graph.node(id);
        const std::vector<std::string> targets = graph.targetsOf(id);
        if (targets.empty()) {
            problems.push_back(at(error(producer, capitalized(nounOf(producer)) + " is not connected to a ring.",
                                      "Wire its out port to the in port of a ring buffer."),
                "out"));
            continue;
        }
        for (const std::string &ringId : targets) {
            const Node &ring = *graph.node(ringId);
            const auto payload = usableInt(producer, "payload");
            const auto capacity = usableInt(ring, "payload_capacity");
            if (payload && capacity && *payload > *capacity)
                problems.push_back(at(error(producer,
                                          capitalized(nounOf(producer)) + " writes payloads of "
                                              + std::to_string(*payload) + " bytes, but " + nounOf(ring)
                                              + " holds at most " + std::to_string(*capacity) + " bytes per event.",
                                          "Lower the payload or raise the ring's payload capacity."),
                    "out", "payload"));
            const auto batch = usableInt(producer, "batch");
            const auto slots = usableInt(ring, "slots");
            if (batch && slots && *batch > *slots)
                problems.push_back(
                    at(error(producer,
                           capitalized(nounOf(producer)) + " claims batches of " + std::to_string(*batch)
                               + " events, but " + nounOf(ring) + " has only " + std::to_string(*slots) + " slots.",
                           "A batch must fit in the ring: lower the batch size or add slots."),
                        "out", "batch"));
        }
    }
}

void checkRings(const PipelineGraph &graph, std::vector<Problem> &problems)
{
    constexpr double largeRingBytes = 1024.0 * 1024.0 * 1024.0;
    for (const std::string &id : graph.nodesWithRole(NodeRole::Ring)) {
        const Node &ring = *graph.node(id);
        if (graph.producersOf(id).empty() && graph.forwardersInto(id).empty())
            problems.push_back(at(error(ring, capitalized(nounOf(ring)) + " has no producer.",
                                      "Wire a producer's out port, or a stage's forward port, to its in port."),
                "in"));
        if (graph.readersOf(id).empty())
            problems.push_back(at(error(ring, capitalized(nounOf(ring)) + " has no handler reading it.",
                                      "Wire its out port to the in port of a stage, worker pool or aggregate."),
                "out"));

        const std::int64_t threads = graph.publishingThreads(id);
        if (usableText(ring, "producer_mode") == "single" && threads > 1)
            problems.push_back(at(error(ring,
                                      capitalized(nounOf(ring)) + " is in single-producer mode, but "
                                          + std::to_string(threads) + " threads publish into it.",
                                      "Use producer mode auto or multi, or let only one thread publish."),
                "in", "producer_mode"));

        const auto slots = usableInt(ring, "slots");
        const auto capacity = usableInt(ring, "payload_capacity");
        if (slots && capacity && static_cast<double>(*slots) * static_cast<double>(*capacity) > largeRingBytes)
            problems.push_back(
                at(warning(ring,
                       capitalized(nounOf(ring)) + " needs "
                           + numberText(static_cast<double>(*slots) * static_cast<double>(*capacity) / largeRingBytes)
                           + " GiB of payload memory, allocated up front.",
                       "Use fewer slots or a smaller payload capacity unless the machine has "
                       "the memory to spare."),
                    {}, "slots"));
    }
}

void checkConsumers(const PipelineGraph &graph, std::vector<Problem> &problems)
{
    std::set<std::string, std::less<>> inCycle;
    for (const std::vector<std::string> &cycle : graph.dependencyCycles())
        inCycle.insert(cycle.begin(), cycle.end());
    for (const std::string &id : graph.nodesWithRole(NodeRole::Consumer)) {
        const Node &consumer = *graph.node(id);
        const std::vector<std::string> rings = graph.ringsRead(id);
        const std::vector<std::string> upstream = graph.upstreamOf(id);
        if (rings.empty()) {
            problems.push_back(at(error(consumer, capitalized(nounOf(consumer)) + " reads from no ring.",
                                      "Wire a ring's out port, or another handler's out port, to its in port."),
                "in"));
            continue;
        }
        if (rings.size() > 1) {
            // Report where the rings meet, not again at every consumer further down.
            const bool inherited = std::any_of(upstream.begin(), upstream.end(),
                [&](const std::string &up) { return graph.ringsRead(up).size() > 1; });
            if (!inherited)
                problems.push_back(at(error(consumer,
                                          capitalized(nounOf(consumer)) + " reads from ring buffers " + joined(rings)
                                              + ", but a handler reads exactly one ring.",
                                          "A wire from a handler's out port means \"after it\", so both ends must "
                                          "read the same ring; pass events to another ring with the forward port."),
                    "in"));
            continue;
        }
        for (const std::string &up : upstream) {
            if (inCycle.contains(id) || graph.ringOf(up) != rings.front())
                continue;
            const std::vector<std::string> direct = graph.readersOf(rings.front());
            if (std::find(direct.begin(), direct.end(), id) == direct.end())
                break;
            Problem redundant = at(
                warning(consumer,
                    capitalized(nounOf(consumer)) + " is wired to " + nounOf(*graph.node(rings.front()))
                        + " and also runs after " + nounOf(*graph.node(up)) + ", so the direct wire changes nothing.",
                    "Remove the wire from the ring to keep the drawing clear."),
                "in");
            redundant.connection = wireIndex(graph.spec(), {rings.front(), "out"}, {id, "in"});
            problems.push_back(std::move(redundant));
            break;
        }
    }
}

void checkCycles(const PipelineGraph &graph, std::vector<Problem> &problems)
{
    for (const std::vector<std::string> &cycle : graph.dependencyCycles()) {
        for (const std::string &id : cycle) {
            const Node &consumer = *graph.node(id);
            const std::string message = cycle.size() == 1
                ? capitalized(nounOf(consumer)) + " is wired to run after itself, so it can never see an event."
                : capitalized(nounOf(consumer)) + " is part of a dependency cycle through " + joined(cycle)
                    + ", so none of them can ever see an event.";
            problems.push_back(
                at(error(consumer, message, "Remove a wire of the cycle: dependencies run one way."), "in"));
        }
    }
    for (const std::vector<std::string> &loop : graph.forwardCycles()) {
        for (const std::string &id : graph.nodesWithRole(NodeRole::Consumer)) {
            const std::optional<std::string> target = graph.forwardTargetOf(id);
            const std::vector<std::string> sources = graph.ringsRead(id);
            const auto inLoop
                = [&](const std::string &ring) { return std::find(loop.begin(), loop.end(), ring) != loop.end(); };
            const auto source = std::find_if(sources.begin(), sources.end(), inLoop);
            if (!target || !inLoop(*target) || source == sources.end())
                continue;
            const Node &consumer = *graph.node(id);
            const bool ownRing = std::find(sources.begin(), sources.end(), *target) != sources.end();
            const std::string message = ownRing
                ? capitalized(nounOf(consumer)) + " forwards into " + nounOf(*graph.node(*target))
                    + ", the ring it reads from."
                : capitalized(nounOf(consumer)) + " forwards into " + nounOf(*graph.node(*target))
                    + ", which feeds back into its own " + nounOf(*graph.node(*source)) + ".";
            problems.push_back(at(error(consumer, message,
                                      "Forward only into rings further down the pipeline: a loop deadlocks once "
                                      "the rings fill up, each stage waiting for room only it can make."),
                "forward"));
        }
    }
}

bool channelMatches(const std::string &channel, const std::string &filter, bool prefix)
{
    return prefix ? channel.starts_with(filter) : channel == filter;
}

// A filter that matches no channel of the ring's producers silently drops every event. Forwarded
// events keep channels this check cannot know, so rings fed by forwarding are left alone.
void checkChannelFilters(const PipelineGraph &graph, std::vector<Problem> &problems)
{
    for (const std::string &id : graph.nodesWithRole(NodeRole::Consumer)) {
        const Node &consumer = *graph.node(id);
        const std::optional<std::string> ring = graph.ringOf(id);
        const std::optional<std::string> filter = usableText(consumer, "channel_filter");
        if (!ring || !filter || filter->empty() || !graph.forwardersInto(*ring).empty())
            continue;
        const bool prefix = usableText(consumer, "filter_mode") == "prefix";
        std::vector<std::string> channels;
        bool matched = false;
        for (const std::string &producer : graph.producersOf(*ring)) {
            // A producer's completion events travel on a channel of their own (none when empty).
            for (const std::string_view param : {"channel", "completion_channel"}) {
                const std::optional<std::string> channel = usableText(*graph.node(producer), param);
                if (!channel || (param == "completion_channel" && channel->empty()))
                    continue;
                matched = matched || channelMatches(*channel, *filter, prefix);
                if (std::find(channels.begin(), channels.end(), *channel) == channels.end())
                    channels.push_back(*channel);
            }
        }
        if (matched || channels.empty())
            continue;
        problems.push_back(at(warning(consumer,
                                  capitalized(nounOf(consumer)) + " handles only channel '" + *filter + "'"
                                      + (prefix ? " and those starting with it" : "") + ", which no producer of "
                                      + nounOf(*graph.node(*ring)) + " sends, so it will see no events.",
                                  "The producers send " + joined(channels) + "."),
            "in", "channel_filter"));
    }
}

} // namespace

void checkTopology(const PipelineSpec &spec, std::vector<Problem> &problems)
{
    const PipelineGraph graph(spec);
    checkProducers(graph, problems);
    checkRings(graph, problems);
    checkConsumers(graph, problems);
    checkCycles(graph, problems);
    checkChannelFilters(graph, problems);
}

} // namespace ringflow::pipeline::validation
