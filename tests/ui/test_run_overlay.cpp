// The run overlay on the canvas: live figures in the badges, backlog and fill bars, wires as thick
// as their flow, the bottleneck outlined, and everything gone again when the run ends.

#include "canvas/connection_item.h"
#include "canvas/run_overlay.h"
#include "document/pipeline_document.h"
#include "pipeline/bottleneck.h"
#include "pipeline/pipeline_file.h"
#include "run/run_colors.h"
#include "ui_test_support.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QtTest>

#include <map>

#include <memory>

using namespace ringflow;
using namespace ringflow::ui;
using ringflow::ui::test::wire;

namespace {

pipeline::PipelineSpec bundledExample(const QString &name)
{
    QFile file(QStringLiteral(":/pipelines/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no bundled example %s", qPrintable(name));
    const QByteArray json = file.readAll();
    const pipeline::LoadResult loaded = pipeline::loadPipeline(json.toStdString(), name.toStdString());
    if (!loaded.spec)
        qFatal("bundled example %s does not load", qPrintable(name));
    return *loaded.spec;
}

pipeline::NodeFigures rates(double eventsPerSecond, double busy = 0, std::int64_t backlog = 0)
{
    pipeline::NodeFigures node;
    node.eventsPerSecond = eventsPerSecond;
    node.busyFraction = busy;
    node.backlog = backlog;
    return node;
}

/// A frame of `plan` (chained-rings.json) with each node's figures put at its place in plan order.
pipeline::Frame frameOf(const pipeline::Plan &plan, double seconds,
    const std::map<std::string, pipeline::NodeFigures> &nodes, const std::map<std::string, double> &ringFill)
{
    pipeline::Frame frame;
    frame.seconds = seconds;
    frame.nodes.resize(plan.nodeCount());
    for (const auto &[id, figures] : nodes)
        frame.nodes.at(plan.nodeIndex(id).value()) = figures;
    frame.rings.resize(plan.rings.size());
    for (const auto &[id, fill] : ringFill)
        frame.rings.at(plan.ringIndex(id).value()).fillFraction = fill;
    return frame;
}

/// A frame of chained-rings.json with the replication stage holding everything up: the input ring
/// is nearly full, the output side runs at the pace replication lets through.
pipeline::Frame replicationBound(const pipeline::Plan &plan)
{
    return frameOf(plan, 2,
        {{"receiver", rates(1.23e6)}, {"journal", rates(1.23e6, 0.31, 40)}, {"replication", rates(1.22e6, 0.98, 3900)},
            {"business-logic", rates(1.22e6, 0.12, 3920)}, {"publisher", rates(12345, 0.05, 256)}},
        {{"input", 0.957}, {"output", 0.25}});
}

/// The same pipeline later: replication has caught up, the publisher is the one that cannot keep up.
pipeline::Frame publisherBound(const pipeline::Plan &plan)
{
    return frameOf(plan, 3,
        {{"receiver", rates(2.0e5)}, {"journal", rates(2.0e5, 0.05)}, {"replication", rates(2.0e5, 0.2)},
            {"business-logic", rates(2.0e5, 0.9)}, {"publisher", rates(2.0e5, 0.99, 4000)}},
        {{"input", 0.01}, {"output", 0.98}});
}

} // namespace

class TestRunOverlay : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<PipelineDocument> m_document;
    std::unique_ptr<PipelineScene> m_scene;
    std::unique_ptr<RunOverlay> m_overlay;
    pipeline::Plan m_plan;
    RunColors m_colors;

    NodeItem *node(const QString &id) const
    {
        NodeItem *item = m_scene->nodeItem(id);
        if (!item)
            qFatal("no node %s", qPrintable(id));
        return item;
    }

    ConnectionItem *wireItem(
        const std::string &from, const std::string &fromPort, const std::string &to, const std::string &toPort) const
    {
        ConnectionItem *item = m_scene->connectionItem(wire(from, fromPort, to, toPort));
        if (!item)
            qFatal("no wire from %s", from.c_str());
        return item;
    }

    QStringList planIds() const
    {
        QStringList ids;
        for (const pipeline::ProducerPlan &producer : m_plan.producers)
            ids << QString::fromStdString(producer.id);
        for (const pipeline::ConsumerPlan &consumer : m_plan.consumers)
            ids << QString::fromStdString(consumer.id);
        for (const pipeline::RingPlan &ring : m_plan.rings)
            ids << QString::fromStdString(ring.id);
        return ids;
    }

private Q_SLOTS:
    void init()
    {
        m_document = std::make_unique<PipelineDocument>();
        m_document->reset(bundledExample("chained-rings.json"));
        m_scene = std::make_unique<PipelineScene>(m_document.get());
        m_overlay = std::make_unique<RunOverlay>(m_scene.get());
        QVERIFY(m_document->plan());
        m_plan = *m_document->plan();
        m_colors = runColors(m_plan);
    }

    void cleanup()
    {
        m_overlay.reset();
        m_scene.reset();
        m_document.reset();
    }

    void beginShowsEveryNodesColourBeforeTheFirstFigures()
    {
        m_overlay->begin(m_plan, m_colors);
        QVERIFY(m_overlay->isActive());
        for (const QString &id : planIds()) {
            QVERIFY2(node(id)->runLook(), qPrintable(id));
            QCOMPARE(node(id)->runLook()->color, m_colors.at(id));
            QVERIFY2(!node(id)->badge().isEmpty(), qPrintable(id));
        }
        QVERIFY(m_overlay->bottleneckId().isEmpty());
    }

    void everyBadgeCarriesItsNodesFigure()
    {
        m_overlay->begin(m_plan, m_colors);
        m_overlay->show(replicationBound(m_plan));
        QCOMPARE(node("receiver")->badge(), QString("1.23 M ev/s"));
        QCOMPARE(node("journal")->badge(), QString("1.23 M ev/s"));
        QCOMPARE(node("replication")->badge(), QString("1.22 M ev/s"));
        QCOMPARE(node("publisher")->badge(), QString("12.3 k ev/s"));
        QCOMPARE(node("input")->badge(), QString("fill 96%"));
        QCOMPARE(node("output")->badge(), QString("fill 25%"));
        for (const QString &id : planIds())
            QCOMPARE(node(id)->runLook()->color, m_colors.at(id));
        QVERIFY(node("publisher")->toolTip().contains("busy 5%"));
        QVERIFY(node("publisher")->toolTip().contains("backlog 256 of 4,096 slots"));
    }

    void barsShowBacklogAgainstTheRingAndRingFill()
    {
        m_overlay->begin(m_plan, m_colors);
        m_overlay->show(replicationBound(m_plan));
        QCOMPARE(node("publisher")->runLook()->level, 256.0 / 4096);
        QCOMPARE(node("replication")->runLook()->level, 3900.0 / 4096);
        QCOMPARE(node("input")->runLook()->level, 0.957);
        QCOMPARE(node("output")->runLook()->level, 0.25);
        QVERIFY(node("receiver")->runLook()->level < 0); // producers have no bar
    }

    void wiresAreAsThickAsTheirFlow()
    {
        m_overlay->begin(m_plan, m_colors);
        for (ConnectionItem *item : m_scene->connectionItems())
            QVERIFY(item->hasFlow() && item->flowRate() == 0 && item->penWidth() < 2);
        m_overlay->show(replicationBound(m_plan));
        ConnectionItem *fast = wireItem("receiver", "out", "input", "in");
        ConnectionItem *forward = wireItem("business-logic", "forward", "output", "in");
        ConnectionItem *slow = wireItem("output", "out", "publisher", "in");
        QCOMPARE(fast->flowRate(), 1.23e6);
        QCOMPARE(forward->flowRate(), 1.22e6); // the forwarding consumer's rate
        QCOMPARE(slow->flowRate(), 12345.0); // the consumer's at its end
        QCOMPARE(wireItem("journal", "out", "business-logic", "in")->flowRate(), 1.22e6);
        QCOMPARE(fast->penWidth(), 6.0);
        QVERIFY(slow->penWidth() > 1.5);
        QVERIFY(fast->penWidth() > slow->penWidth() + 2);
        QVERIFY2(fast->toolTip().startsWith("1.23 M events/s"), qPrintable(fast->toolTip()));
        QVERIFY2(slow->toolTip().startsWith("12.3 k events/s"), qPrintable(slow->toolTip()));

        pipeline::Frame stalled = replicationBound(m_plan);
        stalled.nodes.back().eventsPerSecond = 0;
        m_overlay->show(stalled);
        QCOMPARE(slow->penWidth(), 1.5); // idle: thin and grey
        QVERIFY(slow->toolTip().startsWith("0 events/s"));
    }

    void theBottleneckIsOutlinedAndSaysWhy()
    {
        m_overlay->begin(m_plan, m_colors);
        m_overlay->show(replicationBound(m_plan));
        QCOMPARE(m_overlay->bottleneckId(), QString("replication"));
        const QString reason = m_overlay->bottleneckReason();
        QCOMPARE(reason.toStdString(), pipeline::findBottleneck(replicationBound(m_plan), m_plan)->reason);
        QVERIFY2(reason.contains("busy 98%") && reason.contains("3,900 of 4,096"), qPrintable(reason));
        QVERIFY(node("replication")->runLook()->bottleneck);
        QVERIFY(node("replication")->toolTip().startsWith(reason));
        for (const QString &id : planIds())
            QCOMPARE(node(id)->runLook()->bottleneck, id == "replication");
        // The glow needs room beyond the card.
        QVERIFY(node("replication")->boundingRect().left() < node("journal")->boundingRect().left());
    }

    void theOutlineMovesWithTheBottleneckAndGoesWhenThereIsNone()
    {
        m_overlay->begin(m_plan, m_colors);
        m_overlay->show(replicationBound(m_plan));
        m_overlay->show(publisherBound(m_plan));
        QCOMPARE(m_overlay->bottleneckId(), QString("publisher"));
        QVERIFY(node("publisher")->runLook()->bottleneck);
        QVERIFY(node("publisher")->toolTip().startsWith("Bottleneck:"));
        QVERIFY(!node("replication")->runLook()->bottleneck);
        QVERIFY(!node("replication")->toolTip().contains("Bottleneck"));
        QCOMPARE(node("replication")->boundingRect().left(), node("journal")->boundingRect().left());

        pipeline::Frame calm = publisherBound(m_plan);
        for (pipeline::NodeFigures &rates : calm.nodes) {
            rates.busyFraction = 0.1;
            rates.backlog = 0;
        }
        m_overlay->show(calm);
        QVERIFY(m_overlay->bottleneckId().isEmpty());
        for (const QString &id : planIds())
            QVERIFY(!node(id)->runLook()->bottleneck);
    }

    void endRestoresTheEditingLook()
    {
        QStringList toolTips;
        for (ConnectionItem *item : m_scene->connectionItems())
            toolTips << item->toolTip();
        const QRectF plain = node("replication")->boundingRect();
        m_overlay->begin(m_plan, m_colors);
        m_overlay->show(replicationBound(m_plan));
        m_overlay->end();
        QVERIFY(!m_overlay->isActive());
        QVERIFY(m_overlay->bottleneckId().isEmpty());
        for (const QString &id : planIds()) {
            QVERIFY2(node(id)->badge().isEmpty(), qPrintable(id));
            QVERIFY(!node(id)->runLook());
            QVERIFY(node(id)->toolTip().isEmpty());
        }
        QCOMPARE(node("replication")->boundingRect(), plain);
        QStringList after;
        for (ConnectionItem *item : m_scene->connectionItems()) {
            QVERIFY(!item->hasFlow());
            QCOMPARE(item->penWidth(), 2.0);
            after << item->toolTip();
        }
        QCOMPARE(after, toolTips);
        m_overlay->show(publisherBound(m_plan)); // a late frame after the end changes nothing
        QVERIFY(node("publisher")->badge().isEmpty());
    }

    void aScreenshotOfTheRunningCanvas()
    {
        PipelineView view(m_scene.get());
        view.resize(1480, 560);
        view.resetZoom();
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.centerOn(m_scene->itemsBoundingRect().center());
        m_overlay->begin(m_plan, m_colors);
        m_overlay->show(replicationBound(m_plan));
        QCOMPARE(view.zoom(), 1.0);
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.save(QStringLiteral("/tmp/overlay.png")));
    }
};

QTEST_MAIN(TestRunOverlay)
#include "test_run_overlay.moc"
