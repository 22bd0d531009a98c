// The canvas as a user meets it: drops from the palette, wires drawn with the mouse between real
// port positions, nodes dragged and selected, zoom and pan.

#include "canvas/connection_item.h"
#include "canvas/theme.h"
#include "document/pipeline_document.h"
#include "main_window.h"
#include "pipeline/validation.h"
#include "status_line.h"
#include "ui_test_support.h"

#include <QScrollBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <QtTest>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

class TestCanvas : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QVERIFY(openWindow()); }
    void cleanup() { closeWindow(); }

    void droppingAPaletteKindCreatesTheNodeAtTheDropPoint()
    {
        const QPoint at(300, 200);
        QVERIFY(dropKind(viewport(), "ring", at));
        QCOMPARE(document()->spec().nodes.size(), std::size_t(1));
        const pipeline::Node &node = document()->spec().nodes.front();
        QCOMPARE(node.kind, std::string("ring"));
        const NodeItem *item = scene()->nodeItem(QString::fromStdString(node.id));
        QVERIFY(item);
        QVERIFY(item->sceneBoundingRect().contains(view()->mapToScene(at)));
        QCOMPARE(QPointF(node.position->x, node.position->y), item->pos());
        QCOMPARE(scene()->selectedNodeIds(), QStringList {QString::fromStdString(node.id)});
        document()->undoStack()->undo();
        QVERIFY(document()->spec().nodes.empty());
        QVERIFY(scene()->items().isEmpty());
    }

    void dropsOfOtherDataAreRefused()
    {
        QMimeData text;
        text.setText("ring");
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &enter);
        QVERIFY(!enter.isAccepted());
        QVERIFY(!dropKind(viewport(), "no-such-kind", QPoint(100, 100)));
        QVERIFY(document()->spec().nodes.empty());
    }

    void drawingFromAPortToAnotherConnectsThem()
    {
        load(sampleSpec());
        mouseDrag(viewport(), portPoint(view(), "ring", "out"), portPoint(view(), "second", "in"));
        QCOMPARE(document()->spec().connections.back(), wire("ring", "out", "second", "in"));
        QCOMPARE(document()->undoStack()->count(), 1);
        QVERIFY(scene()->connectionItem(wire("ring", "out", "second", "in")));
        QVERIFY(m_window->statusLine()->message().contains("Connected"));
        QCOMPARE(scene()->items().count(scene()->connectionItem(wire("ring", "out", "second", "in"))), 1);
        document()->undoStack()->undo();
        QCOMPARE(document()->spec(), sampleSpec());
        QVERIFY(!scene()->connectionItem(wire("ring", "out", "second", "in")));
    }

    void aWireDrawnFromAnInputRunsFromTheOutput()
    {
        load(sampleSpec());
        mouseDrag(viewport(), portPoint(view(), "second", "in"), portPoint(view(), "first", "out"));
        QCOMPARE(document()->spec().connections.back(), wire("first", "out", "second", "in"));
    }

    void anInvalidWireIsRefusedWithTheValidatorsReason()
    {
        load(sampleSpec());
        const pipeline::PipelineSpec before = document()->spec();
        mouseDrag(viewport(), portPoint(view(), "source", "out"), portPoint(view(), "second", "in"));
        QCOMPARE(document()->spec(), before);
        QCOMPARE(document()->undoStack()->count(), 0);

        pipeline::PipelineSpec attempted = before;
        attempted.connections.push_back(wire("source", "out", "second", "in"));
        QString reason;
        for (const pipeline::Problem &problem : pipeline::validate(attempted))
            if (problem.connection == before.connections.size())
                reason = QString::fromStdString(problem.message);
        QVERIFY(!reason.isEmpty());
        const QString status = m_window->statusLine()->message();
        QVERIFY2(status.contains(reason), qPrintable(status));
        QVERIFY(status.startsWith("Cannot connect source.out to second.in"));
    }

    void aWireClosingACycleIsRefused()
    {
        pipeline::PipelineSpec spec = sampleSpec();
        spec.connections.push_back(wire("first", "out", "second", "in"));
        load(spec);
        mouseDrag(viewport(), portPoint(view(), "second", "out"), portPoint(view(), "first", "in"));
        QCOMPARE(document()->spec(), spec);
        QVERIFY2(m_window->statusLine()->message().contains("cycle"), qPrintable(m_window->statusLine()->message()));
    }

    void compatiblePortsLightUpWhileAWireIsDrawn()
    {
        load(sampleSpec());
        const QPoint start = portPoint(view(), "ring", "out");
        QTest::mousePress(viewport(), Qt::LeftButton, {}, start);
        QTest::mouseMove(viewport(), start + QPoint(40, 30));
        QVERIFY(scene()->isDrawingConnection());
        QCOMPARE(scene()->portItem("ring", "out")->highlight(), PortHighlight::Source);
        QCOMPARE(scene()->portItem("second", "in")->highlight(), PortHighlight::Compatible);
        QCOMPARE(scene()->portItem("first", "in")->highlight(), PortHighlight::Incompatible); // already wired
        QCOMPARE(scene()->portItem("source", "out")->highlight(), PortHighlight::Incompatible);
        QTest::mouseMove(viewport(), portPoint(view(), "second", "in"));
        QCOMPARE(scene()->portItem("second", "in")->highlight(), PortHighlight::Target);
        // Released on empty canvas: nothing happens and the highlights go away.
        QTest::mouseRelease(viewport(), Qt::LeftButton, {}, start + QPoint(40, 200));
        QVERIFY(!scene()->isDrawingConnection());
        QCOMPARE(document()->spec(), sampleSpec());
        QCOMPARE(scene()->portItem("second", "in")->highlight(), PortHighlight::None);
    }

    void draggingANodeMovesItAndItsWiresInOneUndoStep()
    {
        load(sampleSpec());
        const QPoint from = titlePoint(view(), "ring");
        const QPoint to = from + QPoint(50, 60);
        const QPointF delta = view()->mapToScene(to) - view()->mapToScene(from);
        ConnectionItem *incoming = scene()->connectionItem(wire("source", "out", "ring", "in"));
        const QPointF wireEndBefore = incoming->toPoint();
        mouseDrag(viewport(), from, to);
        const pipeline::Position moved = *document()->node("ring")->position;
        QCOMPARE(QPointF(moved.x, moved.y), QPointF(280, 0) + delta);
        QCOMPARE(incoming->toPoint(), wireEndBefore + delta);
        QCOMPARE(document()->undoStack()->count(), 1);
        document()->undoStack()->undo();
        QCOMPARE(document()->spec(), sampleSpec());
        QCOMPARE(scene()->nodeItem("ring")->pos(), QPointF(280, 0));
        QCOMPARE(incoming->toPoint(), wireEndBefore);
    }

    void withSnapToGridDraggedNodesLandOnTheGrid()
    {
        load(sampleSpec());
        scene()->setSnapToGrid(true);
        const QPoint from = titlePoint(view(), "ring");
        mouseDrag(viewport(), from, from + QPoint(33, 47));
        const pipeline::Position moved = *document()->node("ring")->position;
        QCOMPARE(std::fmod(moved.x, theme::kGridStep), 0.0);
        QCOMPARE(std::fmod(moved.y, theme::kGridStep), 0.0);
        QVERIFY(moved.x != 280 || moved.y != 0);
    }

    void arrowKeysNudgeTheSelectionAsOneMergedStep()
    {
        load(sampleSpec());
        scene()->selectNodes({"ring", "first"});
        view()->setFocus();
        QTest::keyClick(viewport(), Qt::Key_Right);
        QTest::keyClick(viewport(), Qt::Key_Right);
        QTest::keyClick(viewport(), Qt::Key_Down);
        QCOMPARE(
            *document()->node("ring")->position, (pipeline::Position {280 + 2 * theme::kGridStep, theme::kGridStep}));
        QCOMPARE(*document()->node("first")->position,
            (pipeline::Position {560 + 2 * theme::kGridStep, -100 + theme::kGridStep}));
        QCOMPARE(document()->undoStack()->count(), 1);
    }

    void aRubberBandSelectsTheNodesItTouches()
    {
        load(sampleSpec());
        const QRectF first = scene()->nodeItem("first")->sceneBoundingRect();
        const QRectF second = scene()->nodeItem("second")->sceneBoundingRect();
        const QPoint from = view()->mapFromScene(first.topLeft() - QPointF(20, 20));
        const QPoint to = view()->mapFromScene(second.bottomRight() + QPointF(20, 20));
        mouseDrag(viewport(), from, to);
        QCOMPARE(scene()->selectedNodeIds(), (QStringList {"first", "second"}));
        QCOMPARE(document()->undoStack()->count(), 0);
    }

    void ctrlClickAddsToTheSelectionAndClickReplacesIt()
    {
        load(sampleSpec());
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, titlePoint(view(), "source"));
        QCOMPARE(scene()->selectedNodeIds(), QStringList {"source"});
        QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier, titlePoint(view(), "second"));
        QCOMPARE(scene()->selectedNodeIds(), (QStringList {"source", "second"}));
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, titlePoint(view(), "ring"));
        QCOMPARE(scene()->selectedNodeIds(), QStringList {"ring"});
        QCOMPARE(document()->undoStack()->count(), 0);
    }

    void nodesWithProblemsAreOutlinedAndSayWhy()
    {
        load(sampleSpec());
        const NodeItem *second = scene()->nodeItem("second");
        QVERIFY(second->hasErrors());
        QVERIFY2(second->problemText().contains("reads from no ring"), qPrintable(second->problemText()));
        QVERIFY(!scene()->nodeItem("first")->hasProblems());
        mouseDrag(viewport(), portPoint(view(), "first", "out"), portPoint(view(), "second", "in"));
        QVERIFY(!second->hasProblems());
        QVERIFY(second->problemText().isEmpty());
        document()->undoStack()->undo();
        QVERIFY(second->hasErrors());
    }

    void wiresTheValidatorBlamesAreMarked()
    {
        pipeline::PipelineSpec spec = sampleSpec();
        spec.connections.push_back(spec.connections.front());
        load(spec);
        int marked = 0;
        for (const ConnectionItem *item : scene()->connectionItems())
            marked += item->hasProblem() ? 1 : 0;
        QCOMPARE(marked, 1);
    }

    void ctrlWheelZoomsAndMiddleDragPans()
    {
        load(sampleSpec());
        view()->resetZoom();
        const QPoint centre = viewport()->rect().center();
        QWheelEvent wheel(centre, viewport()->mapToGlobal(centre), {}, QPoint(0, 120), Qt::NoButton,
            Qt::ControlModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(viewport(), &wheel);
        QVERIFY(view()->zoom() > 1.1);
        QCOMPARE(m_window->findChild<QAction *>("actionZoomOut")->isEnabled(), true);
        m_window->findChild<QAction *>("actionZoomOut")->trigger();
        QVERIFY(qAbs(view()->zoom() - 1.0) < 1e-6);

        const QPointF before = view()->visibleCenter();
        mouseDrag(viewport(), centre, centre + QPoint(100, 50), {}, Qt::MiddleButton);
        const QPointF after = view()->visibleCenter();
        QVERIFY(qAbs((before - after).x() - 100) < 2);
        QVERIFY(qAbs((before - after).y() - 50) < 2);
        QCOMPARE(document()->undoStack()->count(), 0);
    }

    void spaceAndDragPansInsteadOfSelecting()
    {
        load(sampleSpec());
        view()->setFocus();
        const QPointF before = view()->visibleCenter();
        QTest::keyPress(viewport(), Qt::Key_Space);
        const QPoint start = titlePoint(view(), "ring");
        mouseDrag(viewport(), start, start + QPoint(-80, 0));
        QTest::keyRelease(viewport(), Qt::Key_Space);
        // 80 screen pixels, in scene units at the view's zoom (the fit after loading may shrink it).
        QVERIFY(qAbs((view()->visibleCenter() - before).x() - 80 / view()->zoom()) < 2);
        QCOMPARE(document()->spec(), sampleSpec()); // the node under the cursor did not move
    }

    void fitToViewShowsEveryNode()
    {
        pipeline::PipelineSpec spec = sampleSpec();
        spec.nodes.push_back(makeNode("far", "stage", 3000, 1500));
        load(spec);
        view()->fitToView();
        const QRectF visible = view()->mapToScene(viewport()->rect()).boundingRect();
        for (const pipeline::Node &node : spec.nodes)
            QVERIFY(visible.contains(scene()->nodeItem(QString::fromStdString(node.id))->sceneBoundingRect()));
        QVERIFY(view()->zoom() < 1.0);
    }

    void nodesCanCarryABadge()
    {
        load(sampleSpec());
        NodeItem *ring = scene()->nodeItem("ring");
        const QRectF plain = ring->boundingRect();
        scene()->setNodeBadge("ring", "1.2 M/s");
        QCOMPARE(ring->badge(), QString("1.2 M/s"));
        QVERIFY(ring->boundingRect().height() > plain.height());
        scene()->setNodeBadge("ring", {});
        QCOMPARE(ring->boundingRect(), plain);
    }
};

QTEST_MAIN(TestCanvas)
#include "test_canvas.moc"
