#include "pipeline/pipeline_graph.h"

#include "pipeline/cycle_finder.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <set>

namespace ringflow::pipeline {

PipelineGraph::PipelineGraph(const PipelineSpec &spec) : m_spec(spec)
{
    for (std::size_t i = 0; i < spec.nodes.size(); ++i)
        m_index.emplace(spec.nodes[i].id, i);

    const KindRegistry &registry = KindRegistry::instance();
    for (const Connection &wire : spec.connections) {
        const Node *from = node(wire.from.node);
        const Node *to = node(wire.to.node);
        if (!from || !to || !registry.accepts(from->kind, wire.from.port, to->kind, wire.to.port))
            continue;
        const NodeRole fromRole = findKind(from->kind)->role;
        const NodeRole toRole = findKind(to->kind)->role;
        if (fromRole == NodeRole::Producer && toRole == NodeRole::Ring) {
            link(m_publishes, from->id, to->id);
            link(m_producers, to->id, from->id);
        } else if (fromRole == NodeRole::Ring && toRole == NodeRole::Consumer) {
            link(m_readers, from->id, to->id);
        } else if (fromRole == NodeRole::Consumer && toRole == NodeRole::Consumer) {
            link(m_upstream, to->id, from->id);
            link(m_downstream, from->id, to->id);
        } else if (fromRole == NodeRole::Consumer && toRole == NodeRole::Ring) {
            link(m_forwards, from->id, to->id);
            link(m_forwarders, to->id, from->id);
        }
    }

    // Lists follow the order of spec.nodes rather than the order the wires were drawn in.
    const auto position = [this](const std::string &id) { return m_index.find(id)->second; };
    for (Adjacency *adjacency :
        {&m_publishes, &m_producers, &m_readers, &m_upstream, &m_downstream, &m_forwards, &m_forwarders}) {
        for (auto &[id, ends] : *adjacency) {
            std::sort(ends.begin(), ends.end(),
                [&](const std::string &a, const std::string &b) { return position(a) < position(b); });
            ends.erase(std::unique(ends.begin(), ends.end()), ends.end()); // a wire drawn twice
        }
    }

    // A consumer reads every ring from which a path of reads and dependencies leads to it. Walking
    // down from each ring costs O(rings * wires), and rings come in spec order, so do the lists.
    for (const std::string &ring : nodesWithRole(NodeRole::Ring)) {
        std::vector<std::string> pending = lookup(m_readers, ring);
        std::set<std::string, std::less<>> seen(pending.begin(), pending.end());
        while (!pending.empty()) {
            const std::string current = std::move(pending.back());
            pending.pop_back();
            m_ringsRead[current].push_back(ring);
            for (const std::string &down : lookup(m_downstream, current))
                if (seen.insert(down).second)
                    pending.push_back(down);
        }
    }
}

const Node *PipelineGraph::node(std::string_view id) const
{
    const auto found = m_index.find(id);
    return found == m_index.end() ? nullptr : &m_spec.nodes[found->second];
}

std::optional<NodeRole> PipelineGraph::roleOf(std::string_view id) const
{
    const Node *found = node(id);
    const KindSpec *kind = found ? findKind(found->kind) : nullptr;
    return kind ? std::optional(kind->role) : std::nullopt;
}

std::vector<std::string> PipelineGraph::nodesWithRole(NodeRole role) const
{
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < m_spec.nodes.size(); ++i) {
        const Node &candidate = m_spec.nodes[i];
        const KindSpec *kind = findKind(candidate.kind);
        if (kind && kind->role == role && m_index.find(candidate.id)->second == i)
            ids.push_back(candidate.id);
    }
    return ids;
}

std::vector<std::string> PipelineGraph::targetsOf(std::string_view producer) const
{
    return lookup(m_publishes, producer);
}

std::optional<std::string> PipelineGraph::forwardTargetOf(std::string_view consumer) const
{
    const std::vector<std::string> targets = lookup(m_forwards, consumer);
    return targets.empty() ? std::nullopt : std::optional(targets.front());
}

std::vector<std::string> PipelineGraph::producersOf(std::string_view ring) const
{
    return lookup(m_producers, ring);
}

std::vector<std::string> PipelineGraph::forwardersInto(std::string_view ring) const
{
    return lookup(m_forwarders, ring);
}

std::vector<std::string> PipelineGraph::readersOf(std::string_view ring) const
{
    return lookup(m_readers, ring);
}

std::vector<std::string> PipelineGraph::consumersOf(std::string_view ring) const
{
    // Kahn's algorithm, always taking the ready consumer that comes first in the spec.
    std::map<std::string, std::size_t, std::less<>> waitingFor; // consumer -> upstream consumers not yet placed
    for (const std::string &consumer : nodesWithRole(NodeRole::Consumer))
        if (ringOf(consumer) == ring)
            waitingFor[consumer] = 0;
    for (auto &[consumer, count] : waitingFor)
        for (const std::string &up : lookup(m_upstream, consumer))
            count += waitingFor.contains(up) ? 1 : 0;

    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (const auto &[consumer, count] : waitingFor)
        if (count == 0)
            ready.push(m_index.find(consumer)->second);
    std::vector<std::string> ordered;
    std::set<std::string, std::less<>> placed;
    while (!ready.empty()) {
        const std::string &consumer = m_spec.nodes[ready.top()].id;
        ready.pop();
        ordered.push_back(consumer);
        placed.insert(consumer);
        for (const std::string &down : lookup(m_downstream, consumer)) {
            const auto found = waitingFor.find(down);
            if (found != waitingFor.end() && --found->second == 0)
                ready.push(m_index.find(down)->second);
        }
    }
    for (const std::string &consumer : nodesWithRole(NodeRole::Consumer))
        if (waitingFor.contains(consumer) && !placed.contains(consumer))
            ordered.push_back(consumer);
    return ordered;
}

std::vector<std::string> PipelineGraph::upstreamOf(std::string_view consumer) const
{
    return lookup(m_upstream, consumer);
}

std::vector<std::string> PipelineGraph::downstreamOf(std::string_view consumer) const
{
    return lookup(m_downstream, consumer);
}

std::vector<std::string> PipelineGraph::ringsRead(std::string_view consumer) const
{
    return lookup(m_ringsRead, consumer);
}

std::optional<std::string> PipelineGraph::ringOf(std::string_view consumer) const
{
    const std::vector<std::string> rings = ringsRead(consumer);
    return rings.size() == 1 ? std::optional(rings.front()) : std::nullopt;
}

std::vector<std::vector<std::string>> PipelineGraph::dependencyCycles() const
{
    return cyclicGroups(nodesWithRole(NodeRole::Consumer), m_downstream);
}

std::vector<std::vector<std::string>> PipelineGraph::forwardCycles() const
{
    Adjacency feeds; // ring -> rings its consumers forward into
    for (const auto &[consumer, targets] : m_forwards)
        for (const std::string &source : ringsRead(consumer))
            for (const std::string &target : targets)
                link(feeds, source, target);
    return cyclicGroups(nodesWithRole(NodeRole::Ring), feeds);
}

std::int64_t PipelineGraph::threadsOf(std::string_view id) const
{
    const Node *found = node(id);
    const KindSpec *kind = found ? findKind(found->kind) : nullptr;
    if (!kind || kind->threadsParam.empty())
        return 1;
    const auto own = found->params.find(kind->threadsParam);
    const std::int64_t *value = own == found->params.end() ? nullptr : std::get_if<std::int64_t>(&own->second);
    if (!value)
        return std::get<std::int64_t>(kind->findParam(kind->threadsParam)->defaultValue);
    return std::max<std::int64_t>(*value, 1);
}

std::int64_t PipelineGraph::publishingThreads(std::string_view ring) const
{
    constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();
    std::int64_t total = 0;
    for (const auto *publishers : {&m_producers, &m_forwarders})
        for (const std::string &publisher : lookup(*publishers, ring)) {
            const std::int64_t threads = threadsOf(publisher);
            total = threads > limit - total ? limit : total + threads;
        }
    return total;
}

std::vector<std::string> PipelineGraph::lookup(const Adjacency &adjacency, std::string_view id)
{
    const auto found = adjacency.find(id);
    return found == adjacency.end() ? std::vector<std::string> {} : found->second;
}

void PipelineGraph::link(Adjacency &adjacency, const std::string &from, const std::string &to)
{
    // Duplicates go when the lists are sorted: searching here would make wiring quadratic.
    adjacency[from].push_back(to);
}

std::vector<std::vector<std::string>> PipelineGraph::cyclicGroups(
    const std::vector<std::string> &ids, const Adjacency &edges) const
{
    return findCycles(ids, [&](const std::string &id) { return lookup(edges, id); });
}

} // namespace ringflow::pipeline
