// Notes on the canvas (added, written, moved, deleted, undone, saved and loaded), align and
// distribute, and the parts of the window that must fit or show at any size and in either theme:
// the plots' tool row at 1024x700 and the tool bar's » button.

#include "arrange_actions.h"
#include "canvas/chooser_popup.h"
#include "canvas/note_item.h"
#include "canvas/theme.h"
#include "canvas/note_layer.h"
#include "canvas_actions.h"
#include "pipeline/pipeline_file.h"
#include "run/run_controller.h"
#include "ui_test_support.h"
#include "view_actions.h"

#include <QContextMenuEvent>
#include <QDockWidget>
#include <QFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

constexpr int kSlowMs = 15000; // generous: two shared cores, the engine busy beside the test

/// sampleSpec() with one note, "old", left of the producer.
pipeline::PipelineSpec withNote()
{
    pipeline::PipelineSpec spec = sampleSpec();
    spec.notes = {{"old", {-300, 0}, 200}};
    return spec;
}

/// The mean lightness (0..255) of the opaque pixels of `icon`.
int inkLightness(const QIcon &icon)
{
    const QImage image = icon.pixmap(QSize(16, 16)).toImage();
    long sum = 0;
    long count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (const QColor color = image.pixelColor(x, y); color.alpha() > 128) {
                sum += color.lightness();
                ++count;
            }
    return count == 0 ? -1 : static_cast<int>(sum / count);
}

} // namespace

class TestNotesArrange : public QObject, private WindowFixture {
    Q_OBJECT

    NoteItem *noteItem(int index) const { return scene()->notes()->items().at(static_cast<std::size_t>(index)); }
    QPoint notePoint(int index) const { return view()->mapFromScene(noteItem(index)->sceneBoundingRect().center()); }
    QString noteText(int index) const
    {
        return QString::fromStdString(document()->spec().notes.at(static_cast<std::size_t>(index)).text);
    }
    /// An empty spot of the canvas, left of every node and note, in viewport coordinates.
    QPoint emptyPoint() const { return view()->mapFromScene(QPointF(-40, 260)); }

    /// The plots dock shows no horizontal scroll bar and the whole of Follow live.
    void checkPlotsFit() const
    {
        auto *area = qobject_cast<QScrollArea *>(m_window->findChild<QDockWidget *>("plotsDock")->widget());
        QVERIFY(area);
        QVERIFY(!area->horizontalScrollBar()->isVisible());
        auto *follow = m_window->findChild<QToolButton *>("plotFollowLive");
        const QRect shown(follow->mapTo(area->viewport(), QPoint(0, 0)), follow->size());
        QVERIFY2(area->viewport()->rect().contains(shown),
            qPrintable(QStringLiteral("%1,%2 %3x%4 in %5 wide")
                           .arg(shown.x())
                           .arg(shown.y())
                           .arg(shown.width())
                           .arg(shown.height())
                           .arg(area->viewport()->width())));
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QVERIFY(openWindow()); }
    void cleanup() { closeWindow(); }

    void addNoteGoesWhereTheMouseIsAndTakesWhatIsTyped()
    {
        load(sampleSpec());
        focusCanvas();
        const QPoint mouse = emptyPoint();
        QTest::mouseMove(viewport(), mouse);
        QTest::keyClick(viewport(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(document()->spec().notes.size(), std::size_t {1});
        const pipeline::Position at = document()->spec().notes.front().position;
        QVERIFY(QLineF(QPointF(at.x, at.y), view()->mapToScene(mouse)).length() < 2);
        QVERIFY(noteItem(0)->isEditing());
        QTest::keyClicks(viewport(), QStringLiteral("Bottleneck"));
        QTest::keyClick(viewport(), Qt::Key_Return);
        QTest::keyClicks(viewport(), QStringLiteral("here"));
        QTest::keyClick(viewport(), Qt::Key_Tab); // the note's, not quick add's
        QVERIFY(!m_window->canvasActions()->quickAddPopup()->isVisible());
        QTest::keyClick(viewport(), Qt::Key_Backspace);
        QTest::keyClick(viewport(), Qt::Key_Escape);
        QVERIFY(!noteItem(0)->isEditing());
        QCOMPARE(noteText(0), QStringLiteral("Bottleneck\nhere"));

        // Two steps: the note, then its text.
        action("actionUndo")->trigger();
        QCOMPARE(noteText(0), QString());
        QCOMPARE(noteItem(0)->toPlainText(), QString());
        action("actionUndo")->trigger();
        QVERIFY(document()->spec().notes.empty());
        QVERIFY(scene()->notes()->items().empty());
        action("actionRedo")->trigger();
        action("actionRedo")->trigger();
        QCOMPARE(noteItem(0)->toPlainText(), QStringLiteral("Bottleneck\nhere"));
    }

    void quickAddOnARightClickListsNoteToo()
    {
        load(sampleSpec());
        const QPoint at = emptyPoint();
        QContextMenuEvent click(QContextMenuEvent::Mouse, at, viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(viewport(), &click);
        ChooserPopup *popup = m_window->canvasActions()->quickAddPopup();
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClicks(popup->filterEdit(), "note");
        QCOMPARE(popup->shownKeys().size(), 1);
        QTest::keyClick(popup->filterEdit(), Qt::Key_Enter);
        QCOMPARE(document()->spec().notes.size(), std::size_t {1});
        const pipeline::Position placed = document()->spec().notes.front().position;
        QVERIFY(QLineF(QPointF(placed.x, placed.y), view()->mapToScene(at)).length() < 2);
        QTRY_VERIFY(noteItem(0)->isEditing());
        QVERIFY(document()->spec().nodes.size() == sampleSpec().nodes.size());
    }

    void doubleClickEditsTheTextInPlaceAsOneStep()
    {
        load(withNote());
        const int steps = document()->undoStack()->count();
        QTest::mouseDClick(viewport(), Qt::LeftButton, {}, notePoint(0));
        // Qt Test's double-click ends on the second press (the item keeps the mouse); a hand lets go.
        QTest::mouseRelease(viewport(), Qt::LeftButton, {}, notePoint(0));
        QVERIFY(noteItem(0)->isEditing());
        QTest::keyClick(viewport(), Qt::Key_End);
        QTest::keyClicks(viewport(), QStringLiteral(" and new"));
        QTest::keyClick(viewport(), Qt::Key_Backspace); // the note's, not Delete Selection's
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, emptyPoint()); // the edit ends
        QVERIFY(!noteItem(0)->isEditing());
        QCOMPARE(noteText(0), QStringLiteral("old and ne"));
        QCOMPARE(document()->undoStack()->count(), steps + 1);
        action("actionUndo")->trigger();
        QCOMPARE(noteItem(0)->toPlainText(), QStringLiteral("old"));
    }

    void dragMovesANoteAndDeleteRemovesIt()
    {
        load(withNote());
        const QPointF before = noteItem(0)->pos();
        const QPoint from = notePoint(0);
        mouseDrag(viewport(), from, from + QPoint(60, 40));
        const QPointF moved = noteItem(0)->pos() - before;
        QVERIFY2(moved.x() > 20 && moved.y() > 10, qPrintable(QStringLiteral("%1,%2").arg(moved.x()).arg(moved.y())));
        QCOMPARE(document()->spec().notes.front().position, (pipeline::Position {noteItem(0)->x(), noteItem(0)->y()}));
        QCOMPARE(document()->undoStack()->undoText(), QStringLiteral("Move note"));
        action("actionUndo")->trigger();
        QCOMPARE(noteItem(0)->pos(), before);

        // Selected with a node, deleted with it in one step.
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, notePoint(0));
        QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier, titlePoint(view(), "second"));
        focusCanvas();
        QTest::keyClick(viewport(), Qt::Key_Delete);
        QVERIFY(document()->spec().notes.empty());
        QVERIFY(!document()->node("second"));
        action("actionUndo")->trigger();
        QCOMPARE(document()->spec(), withNote());
    }

    void notesComeBackFromTheFile()
    {
        load(withNote());
        QTemporaryDir dir;
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "notes.json";
        QVERIFY(pipeline::savePipelineFile(document()->spec(), path));
        document()->reset({});
        QVERIFY(scene()->notes()->items().empty());
        const pipeline::LoadResult loaded = pipeline::loadPipelineFile(path);
        QVERIFY(loaded.ok());
        load(*loaded.spec);
        QCOMPARE(noteItem(0)->toPlainText(), QStringLiteral("old"));
        QCOMPARE(noteItem(0)->pos(), QPointF(-300, 0));
        QVERIFY(noteItem(0)->zValue() < scene()->nodeItem("source")->zValue()); // beneath the nodes
    }

    void copyPasteAndDuplicateTakeTheSelectedNotesAlong()
    {
        load(withNote());
        focusCanvas();
        const pipeline::Note original = document()->spec().notes.front();
        const pipeline::Position source = *document()->node("source")->position;
        // The node and the note chosen with the mouse: a click, then a Ctrl+click.
        QTest::mouseClick(viewport(), Qt::LeftButton, Qt::NoModifier, titlePoint(view(), "source"));
        QTest::mouseClick(viewport(), Qt::LeftButton, Qt::ControlModifier, notePoint(0));
        QCOMPARE(scene()->selectedNodeIds(), QStringList {"source"});
        QCOMPARE(scene()->notes()->selectedIndexes(), std::vector {0});

        // Each copy lands as far from its original as the copied node from its own, in one step.
        const auto checkCopy = [&](std::size_t count, const QString &node) {
            const std::vector<pipeline::Note> &notes = document()->spec().notes;
            QCOMPARE(notes.size(), count);
            const pipeline::Position copied = *document()->node(node)->position;
            const pipeline::Note &note = notes.back();
            QCOMPARE(note.text, original.text);
            QCOMPARE(note.width, original.width);
            QCOMPARE(note.position.x - original.position.x, copied.x - source.x);
            QCOMPARE(note.position.y - original.position.y, copied.y - source.y);
            QVERIFY(copied.x != source.x || copied.y != source.y);
            QVERIFY(noteItem(static_cast<int>(count - 1))->isSelected());
            QCOMPARE(scene()->notes()->selectedIndexes(), std::vector {static_cast<int>(count - 1)});
            QCOMPARE(scene()->selectedNodeIds(), QStringList {node});
        };
        QTest::keySequence(viewport(), QKeySequence::Copy);
        QTest::keySequence(viewport(), QKeySequence::Paste);
        checkCopy(2, "producer1");
        QCOMPARE(document()->undoStack()->count(), 1);
        QTest::keySequence(viewport(), QKeySequence(Qt::CTRL | Qt::Key_D));
        checkCopy(3, "producer2");
        QCOMPARE(document()->undoStack()->count(), 2);

        // One undo takes the node and its note away together.
        QTest::keySequence(viewport(), QKeySequence::Undo);
        QCOMPARE(document()->spec().notes.size(), std::size_t {2});
        QVERIFY(!document()->node("producer2"));
        QTest::keySequence(viewport(), QKeySequence::Undo);
        QCOMPARE(document()->spec(), withNote());
        QCOMPARE(scene()->notes()->items().size(), std::size_t {1});

        // A note alone is copied too.
        QTest::mouseClick(viewport(), Qt::LeftButton, Qt::NoModifier, notePoint(0));
        QCOMPARE(scene()->selectedNodeIds(), QStringList {});
        QTest::keySequence(viewport(), QKeySequence::Copy);
        QTest::keySequence(viewport(), QKeySequence::Paste);
        QCOMPARE(document()->spec().nodes.size(), withNote().nodes.size());
        QCOMPARE(document()->spec().notes.size(), std::size_t {2});
        QCOMPARE(document()->spec().notes.back().text, original.text);
        QVERIFY(document()->spec().notes.back().position != original.position);
    }

    void alignAndDistributeAreOneStepEach()
    {
        pipeline::PipelineSpec spec = withNote();
        spec.nodes.resize(3); // source (0, 0), ring (280, 0), first (560, -100)
        spec.connections.resize(1);
        spec.nodes[1].position = pipeline::Position {300, 90};
        load(spec);
        scene()->selectNodes({"source"});
        QVERIFY(!action("actionAlignTop")->isEnabled());
        scene()->selectNodes({"source", "ring"});
        QVERIFY(action("actionAlignTop")->isEnabled());
        QVERIFY(!action("actionDistributeHorizontally")->isEnabled());
        noteItem(0)->setSelected(true);
        QVERIFY(action("actionDistributeHorizontally")->isEnabled());

        const int steps = document()->undoStack()->count();
        action("actionAlignTop")->trigger();
        QCOMPARE(document()->node("source")->position->y, 0.0);
        QCOMPARE(document()->node("ring")->position->y, 0.0);
        QCOMPARE(document()->spec().notes.front().position.y, 0.0);
        QCOMPARE(document()->node("ring")->position->x, 300.0); // the other axis stays
        QCOMPARE(document()->undoStack()->count(), steps + 1);
        action("actionUndo")->trigger();
        QCOMPARE(document()->spec(), spec);

        // Note (-300..-100), source (40..40 + w), ring (300..300 + w): distributing leaves equal
        // gaps on both sides of the source.
        document()->moveNodes({{QStringLiteral("source"), {40, 0}}}, QStringLiteral("off"));
        action("actionDistributeHorizontally")->trigger();
        QCOMPARE(document()->node("source")->position->x, -100 + (400 - theme::kNodeWidth) / 2);
        QCOMPARE(document()->spec().notes.front().position.x, -300.0);
        QCOMPARE(document()->node("ring")->position->x, 300.0);
        action("actionUndo")->trigger();
        QCOMPARE(document()->node("source")->position->x, 40.0);

        scene()->selectNodes({"source", "ring", "first"});
        action("actionAlignRight")->trigger();
        const double right = document()->node("first")->position->x;
        QCOMPARE(document()->node("source")->position->x, right);
        QCOMPARE(document()->node("ring")->position->x, right);
    }

    void alignAlreadyInLineLeavesNoEmptyStep()
    {
        load(sampleSpec());
        scene()->selectNodes({"source", "ring"}); // both at y 0
        const int steps = document()->undoStack()->count();
        action("actionAlignTop")->trigger();
        QCOMPARE(document()->undoStack()->count(), steps);
        QVERIFY(!document()->isModified());
    }

    void thePlotsToolRowFitsAt1024x700()
    {
        closeWindow();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1024, 700);
        QVERIFY(showAndActivate(m_window.get()));
        checkPlotsFit();
        // During a run the plots arrange themselves for their legends, which must not widen them.
        QFile example(QStringLiteral(":/pipelines/chained-rings.json"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        const pipeline::LoadResult loaded = pipeline::loadPipeline(example.readAll().toStdString(), "chained-rings");
        QVERIFY(loaded.ok());
        load(*loaded.spec);
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), RunController::Phase::Running, kSlowMs);
        QTest::qWait(1500); // frames come in and the legends fill
        checkPlotsFit();
        QTest::keyClick(m_window.get(), Qt::Key_F5, Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), RunController::Phase::Idle, kSlowMs);
    }

    void theOverflowButtonShowsInBothThemes()
    {
        auto *more = m_window->findChild<QToolBar *>("mainToolBar")->findChild<QToolButton *>("qt_toolbar_ext_button");
        QVERIFY(more);
        m_window->viewActions()->setTheme(ThemeChoice::Dark);
        QVERIFY2(inkLightness(more->icon()) > 160, qPrintable(QString::number(inkLightness(more->icon()))));
        m_window->viewActions()->setTheme(ThemeChoice::Light);
        const int light = inkLightness(more->icon());
        QVERIFY2(light >= 0 && light < 100, qPrintable(QString::number(light)));
    }
};

QTEST_MAIN(TestNotesArrange)
#include "test_notes_arrange.moc"
