// findBottleneck names the saturated stage: on synthetic frames of a chained-rings plan (one rule
// at a time) and on a real run with a slow stage in front of a fast one.
#include "pipeline/bottleneck.h"
#include "pipeline/compiler.h"
#include "pipeline/runtime.h"

#include "spec_builder.h"

#include <QtTest>

#include <thread>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;
using namespace std::chrono_literals;

namespace {

/// receiver -> input (4096) -> journal, replication -> logic -forward-> output (1024) -> publisher.
Plan chainedPlan()
{
    PipelineSpec spec = chainedRings();
    for (Node &n : spec.nodes)
        if (n.kind == "ring")
            n.params["slots"] = std::int64_t {n.id == "input" ? 4096 : 1024};
    CompileResult compiled = compile(spec);
    if (!compiled.plan)
        qFatal("the chained-rings spec does not compile");
    return *compiled.plan;
}

NodeFigures moving(double eventsPerSecond, double busy)
{
    NodeFigures figures;
    figures.eventsPerSecond = eventsPerSecond;
    figures.busyFraction = busy;
    return figures;
}

/// Every node moving 1 M events/s with the given busy fractions and no backlog, in plan order.
Frame frameWithBusy(double journal, double replication, double logic, double publisher)
{
    Frame frame;
    frame.seconds = 1;
    frame.nodes
        = {moving(1e6, 0), moving(1e6, journal), moving(1e6, replication), moving(1e6, logic), moving(1e6, publisher)};
    frame.rings = {{0.0}, {0.0}};
    return frame;
}

NodeFigures &nodeOf(Frame &frame, const std::string &id)
{
    const std::optional<std::size_t> index = chainedPlan().nodeIndex(id);
    if (!index)
        qFatal("no node %s", id.c_str());
    return frame.nodes[*index];
}

} // namespace

class TestBottleneck : public QObject {
    Q_OBJECT

private slots:
    void theBusiestStageWins()
    {
        const std::optional<Bottleneck> found = findBottleneck(frameWithBusy(0.2, 0.97, 0.4, 0.6), chainedPlan());
        QVERIFY(found);
        QCOMPARE(found->id, std::string("replication"));
        QCOMPARE(found->busyFraction, 0.97);
        QCOMPARE(found->score, 0.97);
    }

    void aStageWithEventsPilingUpWinsOverAModeratelyBusyOne()
    {
        Frame frame = frameWithBusy(0.3, 0.7, 0.1, 0.1);
        nodeOf(frame, "journal").backlog = 3900; // 95% of the input ring
        const std::optional<Bottleneck> found = findBottleneck(frame, chainedPlan());
        QVERIFY(found);
        QCOMPARE(found->id, std::string("journal"));
        QCOMPARE(found->backlog, std::int64_t {3900});
        QVERIFY(qAbs(found->score - 3900.0 / 4096) < 1e-9);
    }

    void aStageBehindTheSlowOneIsNotBlamedForTheBacklogItInherits()
    {
        // logic waits on journal, so everything journal has not handled is in logic's backlog too.
        Frame frame = frameWithBusy(0.99, 0.2, 0.05, 0.05);
        nodeOf(frame, "journal").backlog = 4000;
        nodeOf(frame, "logic").backlog = 4090;
        frame.rings[0].fillFraction = 4090.0 / 4096;
        const std::optional<Bottleneck> found = findBottleneck(frame, chainedPlan());
        QVERIFY(found);
        QCOMPARE(found->id, std::string("journal"));
    }

    void aStageWaitingToForwardIntoAFullRingIsNotTheCause()
    {
        // logic blocks in its handler while output is full: it looks busy, but publisher is slow.
        Frame frame = frameWithBusy(0.1, 0.1, 1.0, 0.9);
        nodeOf(frame, "logic").backlog = 4096;
        nodeOf(frame, "publisher").backlog = 1020;
        frame.rings = {{1.0}, {1020.0 / 1024}};
        const std::optional<Bottleneck> found = findBottleneck(frame, chainedPlan());
        QVERIFY(found);
        QCOMPARE(found->id, std::string("publisher"));
        QVERIFY2(QString::fromStdString(found->reason).contains("'logic' waits"), found->reason.c_str());
    }

    void anIdlePipelineHasNoBottleneck()
    {
        Frame frame = frameWithBusy(0, 0, 0, 0);
        for (NodeFigures &node : frame.nodes)
            node.eventsPerSecond = 0;
        QVERIFY(!findBottleneck(frame, chainedPlan()));
        QVERIFY(!findBottleneck(Frame {}, chainedPlan()));
        // A stage that stopped with events waiting is not idle: it is stuck.
        nodeOf(frame, "publisher").backlog = 1024;
        const std::optional<Bottleneck> stuck = findBottleneck(frame, chainedPlan());
        QVERIFY(stuck);
        QCOMPARE(stuck->id, std::string("publisher"));
        QVERIFY2(QString::fromStdString(stuck->reason).contains("handles no events"), stuck->reason.c_str());
    }

    void lowScoresReportNothing()
    {
        Frame frame = frameWithBusy(0.45, 0.3, 0.2, 0.49);
        nodeOf(frame, "journal").backlog = 1500; // 37% of the input ring
        QVERIFY(!findBottleneck(frame, chainedPlan()));
        nodeOf(frame, "publisher").busyFraction = 0.5;
        QVERIFY(findBottleneck(frame, chainedPlan()));
    }

    void tiesGoToTheBusierThenTheLargerOwnBacklogThenTheFirstInThePlan()
    {
        Frame frame = frameWithBusy(0.8, 0.8, 0.1, 0.8);
        QCOMPARE(findBottleneck(frame, chainedPlan())->id, std::string("journal"));
        // Same score: the busier one wins; same busy fraction: the larger own backlog.
        nodeOf(frame, "replication").backlog = 3500;
        nodeOf(frame, "replication").busyFraction = 0.7;
        nodeOf(frame, "journal").busyFraction = 3500.0 / 4096;
        QCOMPARE(findBottleneck(frame, chainedPlan())->id, std::string("journal"));
        nodeOf(frame, "publisher").busyFraction = 3500.0 / 4096;
        nodeOf(frame, "publisher").backlog = 10;
        QCOMPARE(findBottleneck(frame, chainedPlan())->id, std::string("publisher"));
    }

    void theReasonGivesTheFiguresInReadableForm()
    {
        Frame frame = frameWithBusy(0.966, 0.2, 0.1, 0.1);
        nodeOf(frame, "journal").backlog = 4032;
        const std::optional<Bottleneck> found = findBottleneck(frame, chainedPlan());
        QVERIFY(found);
        const QString reason = QString::fromStdString(found->reason);
        QVERIFY2(reason.startsWith("Bottleneck: busy 97% of the time"), qPrintable(reason));
        QVERIFY2(reason.contains("backlog 4,032 of 4,096 slots on ring 'input'"), qPrintable(reason));
        QVERIFY2(reason.contains("the ring is full, so 'receiver' waits for it."), qPrintable(reason));

        const std::optional<Bottleneck> busy = findBottleneck(frameWithBusy(0.2, 0.2, 0.1, 0.93), chainedPlan());
        QVERIFY(busy);
        const QString busyReason = QString::fromStdString(busy->reason);
        QVERIFY2(busyReason.contains("busy 93%") && busyReason.contains("backlog 0 of 1,024 slots on ring 'output'")
                && busyReason.contains("no spare time"),
            qPrintable(busyReason));
    }

    void aRealRunNamesTheSlowStage()
    {
        // A costly stage in front of a cheap one, fed as fast as possible: the cheap one's backlog
        // is the slow one's, and only the rule for inherited backlogs keeps it from being blamed.
        PipelineSpec spec;
        spec.name = "slow-then-fast";
        spec.nodes = {node("source", "producer", {{"events", std::int64_t {0}}}),
            node("ring", "ring", {{"slots", std::int64_t {1024}}}),
            node("slow", "stage", {{"workload", std::string("busy")}, {"cost", std::int64_t {20000}}}),
            node("fast", "stage", {{"workload", std::string("count")}})};
        spec.connections = {
            wire("source", "out", "ring", "in"), wire("ring", "out", "slow", "in"), wire("slow", "out", "fast", "in")};
        CompileResult compiled = compile(spec);
        QVERIFY(compiled.plan);

        Runtime runtime(*compiled.plan);
        MetricsSampler sampler;
        runtime.start();
        std::this_thread::sleep_for(100ms);
        sampler.update(runtime.sample());
        std::this_thread::sleep_for(300ms);
        const Frame frame = sampler.update(runtime.sample());
        runtime.halt();

        const std::optional<Bottleneck> found = findBottleneck(frame, *compiled.plan);
        QVERIFY(found);
        QCOMPARE(found->id, std::string("slow"));
        QVERIFY2(found->score > 0.9, found->reason.c_str());
    }
};

QTEST_APPLESS_MAIN(TestBottleneck)
#include "test_bottleneck.moc"
