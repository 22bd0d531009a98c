// Adding, finding and placing nodes as a user of a mature node editor expects: quick add from the
// keyboard or a right-click, Find by name, pasted, duplicated and double-clicked nodes that cover no
// other node, and a file of 20,000 nodes with a problem each, whose problems list shows pages.

#include "canvas/chooser_popup.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "canvas/theme.h"
#include "canvas_actions.h"
#include "document/pipeline_document.h"
#include "main_window.h"
#include "panels/palette_widget.h"
#include "panels/problems_panel.h"
#include "pipeline/pipeline_file.h"
#include "status_line.h"
#include "ui_test_support.h"

#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

/// Chains of producer -> ring -> stage, `count` nodes, each with a parameter its kind does not have.
pipeline::PipelineSpec largeSpec(int count)
{
    pipeline::PipelineSpec spec;
    spec.name = "large";
    const char *kinds[] = {"producer", "ring", "stage"};
    for (int i = 0; i < count; ++i) {
        pipeline::Node node;
        node.kind = kinds[i % 3];
        node.id = node.kind + std::to_string(i / 3);
        node.params["not_a_parameter"] = std::int64_t {1};
        spec.nodes.push_back(std::move(node));
        if (i % 3 > 0)
            spec.connections.push_back(wire(spec.nodes[i - 1].id, "out", spec.nodes[i].id, "in"));
    }
    return spec;
}

} // namespace

class TestCanvasTools : public QObject, private WindowFixture {
    Q_OBJECT

    CanvasActions *canvas() const { return m_window->canvasActions(); }

    /// Every node of the document that covers another.
    QStringList overlapping() const
    {
        QStringList found;
        for (const pipeline::Node &node : document()->spec().nodes)
            if (!nodesCoveredBy(document(), QString::fromStdString(node.id)).isEmpty())
                found.append(QString::fromStdString(node.id));
        return found;
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QVERIFY(openWindow()); }
    void cleanup() { closeWindow(); }

    void tabOpensQuickAddAndTheChosenKindLandsUnderTheMouse()
    {
        load(sampleSpec());
        focusCanvas();
        const QPoint mouse(120, viewport()->height() - 80);
        QTest::mouseMove(viewport(), mouse);
        QTest::keyClick(viewport(), Qt::Key_Tab);
        ChooserPopup *popup = canvas()->quickAddPopup();
        QTRY_VERIFY(popup->isVisible());
        // Every kind, and a note at the end.
        QCOMPARE(
            popup->shownKeys().size(), static_cast<qsizetype>(pipeline::KindRegistry::instance().kinds().size()) + 1);
        QCOMPARE(popup->shownKeys().last(), QStringLiteral(":note"));
        QTest::keyClicks(popup->filterEdit(), "work");
        QCOMPARE(popup->shownKeys(), QStringList {"worker-pool"});
        QTest::keyClick(popup->filterEdit(), Qt::Key_Return);
        QVERIFY(!popup->isVisible());

        const pipeline::Node *added = document()->node("worker-pool1");
        QVERIFY(added);
        const QPointF titleMiddle(
            added->position->x + theme::kNodeWidth / 2, added->position->y + theme::kHeaderHeight / 2);
        QCOMPARE(view()->mapFromScene(titleMiddle), mouse);
        QCOMPARE(m_window->scene()->selectedNodeIds(), QStringList {"worker-pool1"});
        QVERIFY(m_window->statusLine()->message().contains("worker-pool1"));
    }

    void rightClickOnEmptyCanvasOpensQuickAdd()
    {
        const QPoint at(300, 200);
        QContextMenuEvent click(QContextMenuEvent::Mouse, at, viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(viewport(), &click);
        ChooserPopup *popup = canvas()->quickAddPopup();
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClicks(popup->filterEdit(), "buf"); // the category matches too
        QCOMPARE(popup->shownKeys(), QStringList {"ring"});
        QTest::keyClick(popup->filterEdit(), Qt::Key_Escape);
        QVERIFY(!popup->isVisible());
        QVERIFY(document()->spec().nodes.empty());

        QCoreApplication::sendEvent(viewport(), &click);
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClick(popup->filterEdit(), Qt::Key_Down); // the second kind of the list
        const QString second = popup->list()->currentItem()->data(Qt::UserRole).toString();
        QTest::keyClick(popup->filterEdit(), Qt::Key_Enter);
        QCOMPARE(document()->spec().nodes.size(), std::size_t {1});
        QCOMPARE(QString::fromStdString(document()->spec().nodes.front().kind), second);
    }

    void ctrlFSelectsAndCentresANodeByName()
    {
        pipeline::PipelineSpec spec = sampleSpec();
        spec.nodes[3].position = pipeline::Position {3000, 2000}; // far out of sight
        document()->reset(spec);
        view()->resetZoom();
        view()->centerOn(0, 0);
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        ChooserPopup *popup = canvas()->findPopup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(popup->shownKeys(), (QStringList {"source", "ring", "first", "second"}));
        QTest::keyClicks(popup->filterEdit(), "sec");
        QCOMPARE(popup->shownKeys(), QStringList {"second"});
        QTest::keyClick(popup->filterEdit(), Qt::Key_Return);
        QCOMPARE(m_window->scene()->selectedNodeIds(), QStringList {"second"});
        const QPointF centre = cardOf(document(), "second").center();
        QVERIFY(QLineF(view()->visibleCenter(), centre).length() < 2);
    }

    void pastedDuplicatedAndDoubleClickedNodesCoverNoOtherNode()
    {
        load(sampleSpec());
        focusCanvas();
        m_window->scene()->selectNodes({"ring", "first"});
        QTest::keySequence(viewport(), QKeySequence::Copy);
        for (int i = 0; i < 3; ++i)
            QTest::keySequence(viewport(), QKeySequence::Paste);
        QCOMPARE(document()->spec().nodes.size(), std::size_t {10});
        QCOMPARE(overlapping(), QStringList());
        QCOMPARE(m_window->statusLine()->message(), QString("Paste: added ring3, stage3, clear of the other nodes."));

        QTest::keySequence(viewport(), QKeySequence(Qt::CTRL | Qt::Key_D));
        QCOMPARE(document()->spec().nodes.size(), std::size_t {12});
        QCOMPARE(overlapping(), QStringList());
        QVERIFY(m_window->statusLine()->message().startsWith("Duplicate: added "));

        QTreeWidget *tree = m_window->palette()->tree();
        tree->scrollToItem(m_window->palette()->itemForKind("aggregate"));
        const QPoint entry = tree->visualItemRect(m_window->palette()->itemForKind("aggregate")).center();
        const auto doubleClick = [&] { // a click followed by the double-click event
            QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, entry);
            QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, entry);
        };
        view()->centerOn(-3000, -3000); // nothing there
        doubleClick();
        QVERIFY(document()->node("aggregate1"));
        QCOMPARE(m_window->statusLine()->message(), QString("Added aggregate1 in the middle of the view."));
        for (int i = 0; i < 3; ++i)
            doubleClick();
        QCOMPARE(document()->spec().nodes.size(), std::size_t {16});
        QCOMPARE(overlapping(), QStringList());
        QVERIFY(m_window->statusLine()->message().startsWith("Added aggregate4 beside the middle of the view"));
    }

    void aFileOfTwentyThousandNodesListsItsProblemsInPages()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("large.json");
        pipeline::PipelineSpec spec = largeSpec(20'000);
        QVERIFY(pipeline::savePipelineFile(spec, path.toStdString()));
        QElapsedTimer opening;
        opening.start();
        QVERIFY(m_window->openFile(path));
        QCoreApplication::processEvents(); // through the first paint
        // The target is 2 s (about 1.1 s here on a shared, loaded machine); the check allows twice
        // that so that a busy CI runner does not fail it, while a quadratic step (minutes) still does.
        qInfo("opened 20,000 nodes in %lld ms", static_cast<long long>(opening.elapsed()));
        QVERIFY2(opening.elapsed() < 4000, qPrintable(QString::number(opening.elapsed())));
        QCOMPARE(document()->spec().nodes.size(), std::size_t {20'000});

        const int problems = static_cast<int>(document()->problems().size());
        QVERIFY(problems >= 20'000); // one per node at least
        ProblemsPanel *panel = m_window->problemsPanel();
        QCOMPARE(panel->errorCount() + panel->warningCount(), problems);
        QCOMPARE(panel->shownCount(), ProblemsPanel::kPageSize);
        QCOMPARE(panel->list()->topLevelItemCount(), ProblemsPanel::kPageSize + 1);
        QTreeWidgetItem *more = panel->moreRow();
        QVERIFY(more);
        QVERIFY2(more->text(0).startsWith(QStringLiteral("… and %1 more").arg(problems - ProblemsPanel::kPageSize)),
            qPrintable(more->text(0)));
        QVERIFY(m_window->bottomTabs()->tabText(0).contains(QLocale().toString(problems)));

        m_window->bottomTabs()->setCurrentWidget(panel);
        panel->list()->scrollToItem(more);
        QTest::mouseClick(panel->list()->viewport(), Qt::LeftButton, {}, panel->list()->visualItemRect(more).center());
        QCOMPARE(panel->shownCount(), 2 * ProblemsPanel::kPageSize);
        QCOMPARE(panel->list()->topLevelItemCount(), 2 * ProblemsPanel::kPageSize + 1);

        // A problem still leads to its node.
        QTreeWidgetItem *first = panel->list()->topLevelItem(0);
        panel->list()->scrollToItem(first);
        QTest::mouseClick(panel->list()->viewport(), Qt::LeftButton, {}, panel->list()->visualItemRect(first).center());
        QCOMPARE(m_window->scene()->selectedNodeIds(), QStringList {first->text(1)});
    }
};

QTEST_MAIN(TestCanvasTools)
#include "test_canvas_tools.moc"
