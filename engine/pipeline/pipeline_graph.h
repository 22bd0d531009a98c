#pragma once

#include "pipeline/kind_registry.h"
#include "pipeline/pipeline_spec.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// A read-only index of a spec's topology: which ring each consumer reads, whom it waits for, who
/// publishes into each ring. It reads meaning from the roles of the wired nodes:
///   producer.out -> ring.in      the producer publishes into the ring
///   ring.out     -> consumer.in  the consumer reads the ring
///   consumer.out -> consumer.in  the second consumer sees an event only after the first
///   consumer.forward -> ring.in  the consumer publishes each event it handled into the ring
///
/// Only wires the kind registry allows count; wires to unknown nodes or ports and nodes with a
/// duplicate id (all but the first) are ignored, so the index is meaningful, if partial, for
/// invalid specs too. Lists come in the order of spec.nodes. The spec must outlive the graph.
class PipelineGraph {
public:
    explicit PipelineGraph(const PipelineSpec &spec);

    const PipelineSpec &spec() const { return m_spec; }

    /// The node with this id (the first one if several share it), or nullptr.
    const Node *node(std::string_view id) const;
    /// The role of the node's kind; nullopt for an unknown id or kind.
    std::optional<NodeRole> roleOf(std::string_view id) const;
    /// Ids of the nodes whose kind has this role.
    std::vector<std::string> nodesWithRole(NodeRole role) const;

    /// The rings a producer publishes into (normally exactly one).
    std::vector<std::string> targetsOf(std::string_view producer) const;
    /// The ring a consumer forwards into, if it forwards.
    std::optional<std::string> forwardTargetOf(std::string_view consumer) const;

    /// Producers wired into the ring.
    std::vector<std::string> producersOf(std::string_view ring) const;
    /// Consumers that forward into the ring.
    std::vector<std::string> forwardersInto(std::string_view ring) const;
    /// Consumers wired straight to the ring's out port.
    std::vector<std::string> readersOf(std::string_view ring) const;
    /// Every consumer whose ringOf() is this ring, upstream ones before the consumers that wait for
    /// them. Consumers caught in a dependency cycle come last, in spec order.
    std::vector<std::string> consumersOf(std::string_view ring) const;

    /// The consumers this one waits for (wired into its in port).
    std::vector<std::string> upstreamOf(std::string_view consumer) const;
    /// The consumers that wait for this one.
    std::vector<std::string> downstreamOf(std::string_view consumer) const;
    /// Every ring the consumer reaches by following its in wires upstream: one for a sound spec.
    std::vector<std::string> ringsRead(std::string_view consumer) const;
    /// The one ring the consumer reads; nullopt when it reaches none or several.
    std::optional<std::string> ringOf(std::string_view consumer) const;

    /// Groups of consumers that wait for each other in a cycle (a consumer wired to itself counts),
    /// each group in spec order.
    std::vector<std::vector<std::string>> dependencyCycles() const;
    /// Groups of rings that feed each other through forwarding consumers (a consumer forwarding
    /// into the ring it reads counts), each group in spec order.
    std::vector<std::vector<std::string>> forwardCycles() const;

    /// How many threads publish into the ring: the producers' threads plus each forwarding
    /// consumer's threads (workers for a pool). Saturates instead of overflowing.
    std::int64_t publishingThreads(std::string_view ring) const;
    /// How many threads run this node: the value of its kind's threadsParam, else 1.
    std::int64_t threadsOf(std::string_view id) const;

private:
    using Adjacency = std::map<std::string, std::vector<std::string>, std::less<>>;

    static std::vector<std::string> lookup(const Adjacency &adjacency, std::string_view id);
    static void link(Adjacency &adjacency, const std::string &from, const std::string &to);
    std::vector<std::vector<std::string>> cyclicGroups(
        const std::vector<std::string> &ids, const Adjacency &edges) const;

    const PipelineSpec &m_spec;
    std::map<std::string, std::size_t, std::less<>> m_index; // id -> position in spec.nodes
    Adjacency m_publishes; // producer -> rings
    Adjacency m_producers; // ring -> producers
    Adjacency m_readers; // ring -> consumers wired straight to it
    Adjacency m_upstream; // consumer -> consumers it waits for
    Adjacency m_downstream; // consumer -> consumers waiting for it
    Adjacency m_forwards; // consumer -> ring
    Adjacency m_forwarders; // ring -> consumers forwarding into it
    Adjacency m_ringsRead; // consumer -> every ring reached upstream
};

} // namespace ringflow::pipeline
