// The window as a whole keeps its shape: what a first start shows on an empty canvas, a layout that
// holds at 1024x700, panels hidden and shown again, no jump when plots freeze or a run starts and
// ends, a layout and plot choices that come back in the next session, the question asked when the
// window closes during a run, and status messages that are never clipped and time out.

#include "canvas/pipeline_view.h"
#include "document/pipeline_document.h"
#include "file_actions.h"
#include "main_window.h"
#include "panels/palette_widget.h"
#include "panels/param_field.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "panels/run_summary_panel.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"
#include "status_line.h"
#include "ui_test_support.h"

#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <map>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;
using Phase = RunController::Phase;

namespace {

constexpr int kSlowMs = 15000; // generous: two shared cores, the engine busy beside the test

} // namespace

class TestWindowLayout : public QObject, private WindowFixture {
    Q_OBJECT

    /// Where every dock and the canvas are, in the window's coordinates.
    std::map<QString, QRect> layout() const
    {
        std::map<QString, QRect> places;
        for (QDockWidget *panel : m_window->findChildren<QDockWidget *>())
            places[panel->objectName()] = panel->isVisible() ? panel->geometry() : QRect();
        places[QStringLiteral("canvas")] = view()->geometry();
        return places;
    }

    QDockWidget *dock(const char *name) const { return m_window->findChild<QDockWidget *>(QLatin1String(name)); }

    /// A new window of `size`, as it is first shown.
    bool openWindowOfSize(QSize size)
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(size);
        return showAndActivate(m_window.get());
    }

    void runPaced()
    {
        load(pacedSpec(2000));
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), Phase::Running, kSlowMs);
    }

    /// A shortcut as a user presses it, in the window, active again after a dialog closed.
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = {})
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), key, modifiers);
    }

    void stopAndWait()
    {
        QTest::keyClick(m_window.get(), Qt::Key_F5, Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), Phase::Idle, kSlowMs);
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QVERIFY(openWindow()); }
    void cleanup() { closeWindow(); }

    void anEmptyCanvasSaysHowToStart()
    {
        QLabel *hint = view()->emptyHint();
        QVERIFY(hint->isVisible());
        QVERIFY(hint->text().contains("Palette"));
        QVERIFY(hint->text().contains("Examples"));
        QVERIFY(view()->viewport()->rect().contains(hint->geometry()));
        view()->centerOn(500, 300); // panning leaves it in the middle
        QCOMPARE(hint->geometry().center(), view()->viewport()->rect().center());
        QVERIFY(dropKind(viewport(), "producer", QPoint(200, 200))); // the hint lets drops through
        QVERIFY(!hint->isVisible());
        action("actionUndo")->trigger();
        QVERIFY(hint->isVisible());
    }

    void theCanvasKeepsMostOfTheRoomAt1024x700()
    {
        closeWindow();
        QVERIFY(openWindowOfSize({1024, 700}));
        load(sampleSpec());
        QCOMPARE(m_window->size(), QSize(1024, 700));
        const QRect canvas = view()->geometry();
        for (QDockWidget *panel : m_window->findChildren<QDockWidget *>()) {
            QVERIFY2(panel->width() >= panel->minimumWidth() && panel->height() >= panel->minimumHeight(),
                qPrintable(panel->objectName()));
            QVERIFY2(
                canvas.width() * canvas.height() > panel->width() * panel->height(), qPrintable(panel->objectName()));
        }
        QVERIFY2(canvas.width() > 1024 / 2 && canvas.height() > 700 / 2,
            qPrintable(QStringLiteral("%1x%2").arg(canvas.width()).arg(canvas.height())));
        // The tool bar shows Run; what does not fit waits behind its » button, none of it clipped.
        auto *tools = m_window->findChild<QToolBar *>("mainToolBar");
        QWidget *run = tools->widgetForAction(action("actionRun"));
        QVERIFY(run->isVisible() && tools->rect().contains(run->geometry()));
        bool allShown = true;
        for (QAction *entry : tools->actions()) {
            QWidget *button = tools->widgetForAction(entry);
            if (entry->isSeparator() || !button)
                continue;
            allShown = allShown && button->isVisible();
            if (button->isVisible())
                QVERIFY2(tools->rect().contains(button->geometry()), qPrintable(entry->text()));
        }
        auto *more = tools->findChild<QToolButton *>("qt_toolbar_ext_button");
        QVERIFY(allShown || (more && more->isVisible()));
    }

    void theDefaultSizeShowsEveryExampleReadably()
    {
        QCOMPARE(m_window->size(), QSize(1400, 860));
        // The canvas has more room than every panel together, and the palette shows all its kinds.
        const QRect canvas = view()->geometry();
        int panels = 0;
        for (QDockWidget *panel : m_window->findChildren<QDockWidget *>())
            if (panel->isVisible())
                panels += panel->width() * panel->height();
        QVERIFY2(canvas.width() * canvas.height() > panels,
            qPrintable(QStringLiteral("canvas %1x%2, panels %3").arg(canvas.width()).arg(canvas.height()).arg(panels)));
        QTRY_VERIFY(!m_window->palette()->tree()->verticalScrollBar()->isVisible());
        // Every example opens whole at a zoom where a card's text is near its full size (at 60%
        // the widest one's text was 6 pixels tall).
        const QStringList examples = QDir(QStringLiteral(":/pipelines")).entryList({QStringLiteral("*.json")});
        QVERIFY(examples.size() >= 8);
        for (const QString &example : examples) {
            QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/") + example));
            QVERIFY2(view()->zoom() >= 0.85, qPrintable(QStringLiteral("%1 at %2").arg(example).arg(view()->zoom())));
        }
    }

    void panelsHideAndComeBackFromTheViewMenu()
    {
        const QRect canvas = view()->geometry();
        QDockWidget *plots = dock("plotsDock");
        plots->toggleViewAction()->trigger();
        QVERIFY(!plots->isVisible());
        const int outputWidth = dock("outputDock")->width();
        QCoreApplication::processEvents();
        QVERIFY(dock("outputDock")->width() > outputWidth); // the output beside it takes its room
        // The palette's room goes to the properties under it; with both hidden, to the canvas.
        const int propertiesHeight = dock("propertiesDock")->height();
        dock("paletteDock")->toggleViewAction()->trigger();
        QVERIFY(!dock("paletteDock")->isVisible());
        QCoreApplication::processEvents();
        QVERIFY(dock("propertiesDock")->height() > propertiesHeight);
        dock("propertiesDock")->toggleViewAction()->trigger();
        QCoreApplication::processEvents();
        QVERIFY(view()->width() > canvas.width());
        plots->toggleViewAction()->trigger();
        QVERIFY(plots->isVisible());
        action("actionResetLayout")->trigger();
        QVERIFY(dock("paletteDock")->isVisible() && dock("propertiesDock")->isVisible());
        QVERIFY(m_window->findChild<QMenu *>("menuPanels")->actions().contains(plots->toggleViewAction()));
    }

    void freezingMovesNothing()
    {
        closeWindow();
        QVERIFY(openWindowOfSize({1024, 700}));
        runPaced();
        QTest::qWait(300);
        const std::map<QString, QRect> before = layout();
        auto *freeze = m_window->findChild<QToolButton *>("plotFreeze");
        QTest::mouseClick(freeze, Qt::LeftButton);
        QVERIFY(m_window->plotPanel()->isFrozen());
        QTest::qWait(300);
        QCOMPARE(layout(), before);
        QTest::mouseClick(freeze, Qt::LeftButton);
        QVERIFY(!m_window->plotPanel()->isFrozen());
        QTest::qWait(300);
        QCOMPARE(layout(), before);
        stopAndWait();
    }

    void runningMovesNoFieldAndTheFirstSummaryMovesNoDock()
    {
        closeWindow();
        QVERIFY(openWindowOfSize({1024, 700}));
        load(pacedSpec(2000));
        m_window->scene()->selectNodes({"source"});
        QCoreApplication::processEvents();
        const auto placeOf = [&] {
            const QWidget *rate = m_window->propertyEditor()->field("rate")->editor();
            return QRect(rate->mapTo(m_window.get(), QPoint()), rate->size());
        };
        // At 1024x700 the stage's form is taller than the dock: it scrolls, and no field is squeezed.
        QWidget *rate = m_window->propertyEditor()->field("rate")->editor();
        QTRY_COMPARE(rate->height(), rate->sizeHint().height());
        const QRect field = placeOf();
        const std::map<QString, QRect> before = layout();

        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), Phase::Running, kSlowMs);
        QTest::qWait(400); // frames arrive, the status bar fills, the plots draw
        QVERIFY(m_window->findChild<QLabel *>("propertyLockNote")->isVisible());
        QCOMPARE(placeOf(), field); // a click meant for Rate still lands on Rate
        QCOMPARE(layout(), before);

        stopAndWait();
        QCOMPARE(m_window->bottomTabs()->currentWidget(), static_cast<QWidget *>(m_window->runSummary()));
        QCoreApplication::processEvents();
        QCOMPARE(layout(), before); // the first report widens nothing
        QCOMPARE(placeOf(), field);
    }

    void theLayoutAndThePlotChoicesComeBackInTheNextSession()
    {
        m_window->resize(1100, 760);
        QCoreApplication::processEvents();
        m_window->resizeDocks({dock("paletteDock")}, {230}, Qt::Horizontal);
        dock("plotsDock")->toggleViewAction()->trigger();
        m_window->plotPanel()->setWindowSeconds(30);
        m_window->plotPanel()->setLogScale(true);
        QCoreApplication::processEvents();
        const std::map<QString, QRect> kept = layout();
        QVERIFY(m_window->close());

        m_window = std::make_unique<MainWindow>();
        m_window->restoreSettings();
        QVERIFY(showAndActivate(m_window.get()));
        QCOMPARE(m_window->size(), QSize(1100, 760));
        QCOMPARE(layout(), kept);
        QVERIFY(!dock("plotsDock")->isVisible());
        QCOMPARE(m_window->plotPanel()->windowSeconds(), 30.0);
        QVERIFY(m_window->plotPanel()->logScale());
    }

    void closingDuringARunAsksFirst()
    {
        runPaced();
        answerNextMessageBox(QMessageBox::Cancel);
        press(Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(m_window->isVisible());
        QCOMPARE(m_window->runController()->phase(), Phase::Running);

        clickInNextMessageBox(QStringLiteral("Stop and Keep Report"));
        press(Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(m_window->isVisible()); // it stays to show the report
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), Phase::Idle, kSlowMs);
        QVERIFY(m_window->runController()->lastReport().has_value());
        QCOMPARE(m_window->bottomTabs()->currentWidget(), static_cast<QWidget *>(m_window->runSummary()));

        press(Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), Phase::Running, kSlowMs);
        clickInNextMessageBox(QStringLiteral("Discard Run"));
        press(Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!m_window->isVisible());
        m_window.reset(); // the run is halted with the window; this returns
    }

    void statusMessagesAreNeverClippedAndTimeOut()
    {
        closeWindow();
        QVERIFY(openWindowOfSize({1024, 700}));
        load(sampleSpec());
        // A wire the pipeline cannot have: the refusal is long.
        mouseDrag(viewport(), portPoint(view(), "source", "out"), portPoint(view(), "second", "in"));
        StatusLine *line = m_window->statusLine();
        const QString message = line->message();
        QVERIFY2(message.startsWith("Cannot connect source.out to second.in: "), qPrintable(message));
        QVERIFY(line->fontMetrics().horizontalAdvance(message) > line->width());
        QVERIFY(line->text().endsWith(QStringLiteral("…")));
        QCOMPARE(QTextDocumentFragment::fromHtml(line->toolTip()).toPlainText(), message);
        const QLabel *state = m_window->statusBar()->findChild<QLabel *>("runStateLabel");
        QVERIFY(line->geometry().right() < state->geometry().left());
        auto *timer = line->findChild<QTimer *>();
        QVERIFY(timer->isActive());
        QCOMPARE(timer->interval(), StatusLine::durationMs(message));

        m_window->scene()->selectNodes({"ring"});
        focusCanvas();
        QTest::keySequence(viewport(), QKeySequence::Copy);
        QCOMPARE(line->message(), QString("Copied 1 node(s)"));
        QCOMPARE(line->text(), line->message());
        QVERIFY(line->toolTip().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(line->message().isEmpty(), StatusLine::durationMs(line->message()) + 2000);
    }

    void problemTooltipsWrap()
    {
        load(sampleSpec()); // "second" reads no ring
        QTreeWidget *list = m_window->problemsPanel()->list();
        QVERIFY(list->topLevelItemCount() > 0);
        for (int row = 0; row < list->topLevelItemCount(); ++row) {
            const QString tip = list->topLevelItem(row)->toolTip(0);
            QVERIFY2(Qt::mightBeRichText(tip), qPrintable(tip)); // Qt wraps rich tooltips, not plain ones
            QVERIFY(QTextDocumentFragment::fromHtml(tip).toPlainText().contains(list->topLevelItem(row)->text(0)));
        }
    }
};

QTEST_MAIN(TestWindowLayout)
#include "test_window_layout.moc"
