#include "pipeline/pipeline_graph.h"

#include "spec_builder.h"
#include "test_printers.h"

#include <QtTest>

#include <limits>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

using Ids = std::vector<std::string>;

class TestPipelineGraph : public QObject {
    Q_OBJECT

private slots:
    void classifiesNodesByTheRoleOfTheirKind()
    {
        const PipelineSpec spec = chainedRings();
        const PipelineGraph graph(spec);
        QCOMPARE(graph.nodesWithRole(NodeRole::Producer), Ids {"receiver"});
        QCOMPARE(graph.nodesWithRole(NodeRole::Ring), (Ids {"input", "output"}));
        QCOMPARE(graph.nodesWithRole(NodeRole::Consumer), (Ids {"journal", "replication", "logic", "publisher"}));
        QCOMPARE(graph.roleOf("logic"), std::optional(NodeRole::Consumer));
        QCOMPARE(graph.roleOf("nobody"), std::nullopt);
    }

    void findsWhoPublishesIntoEachRing()
    {
        const PipelineSpec spec = chainedRings();
        const PipelineGraph graph(spec);
        QCOMPARE(graph.producersOf("input"), Ids {"receiver"});
        QCOMPARE(graph.forwardersInto("input"), Ids {});
        QCOMPARE(graph.producersOf("output"), Ids {});
        QCOMPARE(graph.forwardersInto("output"), Ids {"logic"});
        QCOMPARE(graph.targetsOf("receiver"), Ids {"input"});
        QCOMPARE(graph.forwardTargetOf("logic"), std::optional<std::string>("output"));
        QCOMPARE(graph.forwardTargetOf("journal"), std::nullopt);
    }

    void findsTheRingEachConsumerReads()
    {
        const PipelineSpec spec = chainedRings();
        const PipelineGraph graph(spec);
        QCOMPARE(graph.ringOf("journal"), std::optional<std::string>("input"));
        QCOMPARE(graph.ringOf("logic"), std::optional<std::string>("input")); // through its upstream stages
        QCOMPARE(graph.ringOf("publisher"), std::optional<std::string>("output"));
        QCOMPARE(graph.readersOf("input"), (Ids {"journal", "replication"}));
    }

    void listsUpstreamAndDownstreamConsumers()
    {
        const PipelineSpec spec = chainedRings();
        const PipelineGraph graph(spec);
        QCOMPARE(graph.upstreamOf("logic"), (Ids {"journal", "replication"}));
        QCOMPARE(graph.upstreamOf("journal"), Ids {});
        QCOMPARE(graph.downstreamOf("journal"), Ids {"logic"});
        QCOMPARE(graph.downstreamOf("logic"), Ids {}); // forwarding is not a dependency
    }

    void ordersConsumersOfARingUpstreamFirst()
    {
        PipelineSpec spec;
        spec.nodes = {node("d", "stage"), node("r", "ring"), node("c", "stage"), node("b", "stage"), node("a", "stage"),
            node("p", "producer")};
        // a -> b -> d, a -> c -> d, drawn in an unhelpful order.
        spec.connections = {wire("c", "out", "d", "in"), wire("b", "out", "d", "in"), wire("a", "out", "c", "in"),
            wire("a", "out", "b", "in"), wire("r", "out", "a", "in"), wire("p", "out", "r", "in")};
        const PipelineGraph graph(spec);
        QCOMPARE(graph.consumersOf("r"), (Ids {"a", "c", "b", "d"}));
    }

    void listsFollowSpecOrderNotWireOrder()
    {
        PipelineSpec spec;
        spec.nodes = {node("r", "ring"), node("s1", "stage"), node("s2", "stage"), node("s3", "stage")};
        spec.connections = {wire("r", "out", "s3", "in"), wire("r", "out", "s1", "in"), wire("r", "out", "s2", "in")};
        const PipelineGraph graph(spec);
        QCOMPARE(graph.readersOf("r"), (Ids {"s1", "s2", "s3"}));
    }

    void aConsumerAfterConsumersOfTwoRingsReadsBothAndHasNoSingleRing()
    {
        PipelineSpec spec;
        spec.nodes
            = {node("r1", "ring"), node("r2", "ring"), node("a", "stage"), node("b", "stage"), node("c", "stage")};
        spec.connections = {wire("r1", "out", "a", "in"), wire("r2", "out", "b", "in"), wire("a", "out", "c", "in"),
            wire("b", "out", "c", "in")};
        const PipelineGraph graph(spec);
        QCOMPARE(graph.ringsRead("c"), (Ids {"r1", "r2"}));
        QCOMPARE(graph.ringOf("c"), std::nullopt);
        QCOMPARE(graph.consumersOf("r1"), Ids {"a"});
    }

    void aConsumerWiredToNoRingReadsNone()
    {
        PipelineSpec spec;
        spec.nodes = {node("a", "stage"), node("b", "stage")};
        spec.connections = {wire("a", "out", "b", "in")};
        const PipelineGraph graph(spec);
        QCOMPARE(graph.ringsRead("b"), Ids {});
        QCOMPARE(graph.ringOf("b"), std::nullopt);
    }

    void ignoresWiresTheRegistryDoesNotAllow()
    {
        PipelineSpec spec = unicast();
        spec.connections.push_back(wire("p", "out", "s", "in")); // producer straight to a stage
        spec.connections.push_back(wire("s", "out", "r", "in")); // out is not forward
        spec.connections.push_back(wire("ghost", "out", "r", "in")); // unknown node
        spec.connections.push_back(wire("r", "sideways", "s", "in")); // unknown port
        const PipelineGraph graph(spec);
        QCOMPARE(graph.producersOf("r"), Ids {"p"});
        QCOMPARE(graph.forwardersInto("r"), Ids {});
        QCOMPARE(graph.upstreamOf("s"), Ids {});
        QCOMPARE(graph.ringOf("s"), std::optional<std::string>("r"));
    }

    void theFirstOfNodesSharingAnIdWins()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("s", "ring"));
        const PipelineGraph graph(spec);
        QCOMPARE(graph.node("s")->kind, std::string("stage"));
        QCOMPARE(graph.nodesWithRole(NodeRole::Ring), Ids {"r"});
    }

    void findsDependencyCyclesAndSelfLoops()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("a", "stage"));
        spec.nodes.push_back(node("b", "stage"));
        spec.nodes.push_back(node("c", "stage"));
        spec.connections.push_back(wire("s", "out", "a", "in"));
        spec.connections.push_back(wire("a", "out", "b", "in"));
        spec.connections.push_back(wire("b", "out", "a", "in"));
        spec.connections.push_back(wire("c", "out", "c", "in"));
        const PipelineGraph graph(spec);
        QCOMPARE(graph.dependencyCycles(), (std::vector<Ids> {{"a", "b"}, {"c"}}));
    }

    void findsNoCycleInADiamond()
    {
        const PipelineSpec spec = chainedRings();
        const PipelineGraph graph(spec);
        QVERIFY(graph.dependencyCycles().empty());
        QVERIFY(graph.forwardCycles().empty());
    }

    void findsForwardingLoopsBetweenRings()
    {
        PipelineSpec spec = chainedRings();
        spec.connections.push_back(wire("publisher", "forward", "input", "in"));
        const PipelineGraph graph(spec);
        QCOMPARE(graph.forwardCycles(), (std::vector<Ids> {{"input", "output"}}));
    }

    void findsAConsumerForwardingIntoItsOwnRing()
    {
        PipelineSpec spec = unicast();
        spec.connections.push_back(wire("s", "forward", "r", "in"));
        const PipelineGraph graph(spec);
        QCOMPARE(graph.forwardCycles(), std::vector<Ids> {{"r"}});
    }

    void handlesALongChainWithoutRecursion()
    {
        PipelineSpec spec;
        spec.nodes = {node("p", "producer"), node("r", "ring")};
        spec.connections = {wire("p", "out", "r", "in")};
        constexpr int length = 20000;
        for (int i = 0; i < length; ++i) {
            spec.nodes.push_back(node("s" + std::to_string(i), "stage"));
            spec.connections.push_back(i == 0
                    ? wire("r", "out", "s0", "in")
                    : wire("s" + std::to_string(i - 1), "out", "s" + std::to_string(i), "in"));
        }
        spec.connections.push_back(wire("s" + std::to_string(length - 1), "out", "s0", "in"));
        const PipelineGraph graph(spec);
        QCOMPARE(graph.dependencyCycles().size(), std::size_t {1});
        QCOMPARE(graph.dependencyCycles().front().size(), std::size_t {length});
        QCOMPARE(graph.ringOf("s19999"), std::optional<std::string>("r"));
        QCOMPARE(graph.consumersOf("r").size(), std::size_t {length});
    }

    void countsThreadsPublishingIntoARing()
    {
        PipelineSpec spec;
        spec.nodes = {node("p1", "producer", {{"threads", std::int64_t {3}}}), node("p2", "producer"),
            node("in", "ring"), node("pool", "worker-pool", {{"workers", std::int64_t {4}}}), node("stage", "stage"),
            node("out", "ring")};
        spec.connections = {wire("p1", "out", "in", "in"), wire("p2", "out", "in", "in"),
            wire("in", "out", "pool", "in"), wire("in", "out", "stage", "in"), wire("pool", "forward", "out", "in"),
            wire("stage", "forward", "out", "in")};
        const PipelineGraph graph(spec);
        QCOMPARE(graph.publishingThreads("in"), std::int64_t {4});
        QCOMPARE(graph.publishingThreads("out"), std::int64_t {5});
        QCOMPARE(graph.threadsOf("pool"), std::int64_t {4});
        QCOMPARE(graph.threadsOf("stage"), std::int64_t {1});
    }

    void publishingThreadsSaturatesInsteadOfOverflowing()
    {
        constexpr std::int64_t huge = std::numeric_limits<std::int64_t>::max();
        PipelineSpec spec;
        spec.nodes = {node("p1", "producer", {{"threads", huge}}), node("p2", "producer", {{"threads", huge}}),
            node("r", "ring")};
        spec.connections = {wire("p1", "out", "r", "in"), wire("p2", "out", "r", "in")};
        const PipelineGraph graph(spec);
        QCOMPARE(graph.publishingThreads("r"), huge);
    }
};

QTEST_GUILESS_MAIN(TestPipelineGraph)
#include "test_pipeline_graph.moc"
