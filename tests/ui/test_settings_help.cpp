// The designer's settings and help as a user meets them: the run settings (a memory budget too
// small for the pipeline is a problem before Run, and Run refuses), the Help menu, the dark theme,
// a file that is not a pipeline, and `ringflow --screenshot` with a file that does not exist.

#include "canvas/theme.h"
#include "document/pipeline_document.h"
#include "file_actions.h"
#include "help_actions.h"
#include "main_window.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "pipeline/run_report.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"
#include "run/run_settings_dialog.h"
#include "run_actions.h"
#include "status_line.h"
#include "ui_test_support.h"
#include "view_actions.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;
using Phase = RunController::Phase;

namespace {

constexpr int kSlowMs = 15000;

/// WCAG's contrast ratio of two colours: 4.5 is readable body text, 3 large text.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &color) {
        const auto channel
            = [](double value) { return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
    };
    const double x = luminance(a) + 0.05, y = luminance(b) + 0.05;
    return std::max(x, y) / std::min(x, y);
}

/// Answers the Run Settings dialog the way a user does: `fill` types into its fields, then OK.
void answerRunSettings(const std::function<void(RunSettingsDialog *)> &fill)
{
    whenNextModalShows([fill](QWidget *modal) {
        auto *dialog = qobject_cast<RunSettingsDialog *>(modal);
        if (!dialog)
            return;
        fill(dialog);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
}

QString browserText(QDialog *dialog)
{
    return dialog->findChild<QTextBrowser *>()->toPlainText();
}

} // namespace

class TestSettingsHelp : public QObject, private WindowFixture {
    Q_OBJECT

    /// Presses F5 in the window, made active first as a click on it would (a dialog was in front).
    void pressRun(Qt::KeyboardModifiers modifiers = {})
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F5, modifiers);
    }

    /// The rows of the problems list that mention `text`.
    int problemRowsWith(const QString &text) const
    {
        int rows = 0;
        QTreeWidget *list = m_window->problemsPanel()->list();
        for (int row = 0; row < list->topLevelItemCount(); ++row)
            rows += list->topLevelItem(row)->text(0).contains(text) ? 1 : 0;
        return rows;
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QVERIFY(openWindow()); }
    void cleanup() { closeWindow(); }

    void aMemoryBudgetTooSmallIsAProblemAndRunRefuses()
    {
        load(pacedSpec(1000));
        QCOMPARE(problemRowsWith("budget"), 0);
        answerRunSettings([](RunSettingsDialog *dialog) {
            dialog->memoryField()->selectAll();
            QTest::keyClicks(dialog->memoryField(), "1");
        });
        action("actionRunSettings")->trigger();
        QCOMPARE(document()->budget().memoryBytes, RunSettings::kMiB);
        QCOMPARE(problemRowsWith("more than its budget of 1.0 MiB"), 1);

        pressRun();
        QCOMPARE(m_window->runController()->phase(), Phase::Idle);
        QVERIFY(m_window->statusLine()->message().startsWith("Cannot run"));
        QCOMPARE(m_window->bottomTabs()->currentWidget(), static_cast<QWidget *>(m_window->problemsPanel()));

        // Kept for the next session.
        closeWindow();
        QVERIFY(openWindow());
        QVERIFY(document()->budget().memoryBytes > RunSettings::kMiB); // a window starts from the defaults
        m_window->restoreSettings();
        QCOMPARE(document()->budget().memoryBytes, RunSettings::kMiB);

        // Back to the defaults, and the pipeline runs.
        load(pacedSpec(1000));
        answerRunSettings([](RunSettingsDialog *dialog) {
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults)->click();
        });
        action("actionRunSettings")->trigger();
        QCOMPARE(problemRowsWith("budget"), 0);
        pressRun();
        QCOMPARE(m_window->runController()->phase(), Phase::Running);
        pressRun(Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), Phase::Idle, kSlowMs);
    }

    void drainTimeoutThreadsAndSampleRateReachTheRun()
    {
        answerRunSettings([](RunSettingsDialog *dialog) {
            dialog->threadsField()->selectAll();
            QTest::keyClicks(dialog->threadsField(), "2");
            dialog->drainField()->selectAll();
            QTest::keyClicks(dialog->drainField(), "1.5");
            dialog->sampleRateField()->setCurrentIndex(dialog->sampleRateField()->findData(50));
        });
        action("actionRunSettings")->trigger();
        QCOMPARE(document()->budget().threads, std::int64_t {2});
        QCOMPARE(m_window->runController()->drainTimeout(), std::chrono::milliseconds(1500));
        QCOMPARE(m_window->runController()->sampleInterval(), 50);
        const QList<QAction *> rates = m_window->runActions()->sampleRateActions();
        QVERIFY(std::any_of(rates.begin(), rates.end(), [](QAction *a) { return a->isChecked() && a->data() == 50; }));
        load(pacedSpec(1000)); // the producer's thread and the stage's
        QCOMPARE(problemRowsWith("threads, more than its budget of 2"), 0);
        answerRunSettings([](RunSettingsDialog *dialog) {
            dialog->threadsField()->selectAll();
            QTest::keyClicks(dialog->threadsField(), "1");
        });
        action("actionRunSettings")->trigger();
        QCOMPARE(problemRowsWith("threads, more than its budget of 1"), 1);
        RunSettings defaults;
        defaults.save();
    }

    void theHelpMenuShowsGettingStartedShortcutsDocsAndVersions()
    {
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        auto *start = m_window->findChild<QDialog *>("gettingStartedDialog");
        QVERIFY(start && start->isVisible());
        QVERIFY(browserText(start).contains("Getting started"));

        action("actionShortcuts")->trigger();
        const QString keys = browserText(m_window->findChild<QDialog *>("shortcutsDialog"));
        for (const char *name : {"actionFind", "actionQuickAdd", "actionRun", "actionAutoLayout"}) {
            QAction *entry = action(name);
            QVERIFY2(keys.contains(entry->shortcut().toString(QKeySequence::NativeText)), name);
            QVERIFY2(keys.contains(entry->text().remove('&').remove(QStringLiteral("…"))), name);
        }

        action("actionAbout")->trigger();
        const QString about = browserText(m_window->findChild<QDialog *>("aboutDialog"));
        QVERIFY(about.contains(QRegularExpression("Ringflow \\d+\\.\\d+\\.\\d+")));
        QVERIFY(about.contains(QStringLiteral("Qt ") + qVersion()));
        QVERIFY(about.contains(QStringLiteral("QCustomPlot " QCUSTOMPLOT_VERSION_STR)));

        QMenu *docs = m_window->findChild<QMenu *>("menuDocumentation");
        QAction *designer = nullptr;
        for (QAction *page : docs->actions())
            if (page->data() == "designer.md")
                designer = page;
        QVERIFY(designer);
        designer->trigger();
        auto *viewer = m_window->findChild<QDialog *>("documentationDialog");
        QVERIFY(viewer && viewer->isVisible());
        QTextBrowser *browser = viewer->findChild<QTextBrowser *>();
        QVERIFY(browser->toPlainText().startsWith("The designer"));
        QVERIFY(!browser->loadResource(QTextDocument::ImageResource, QUrl("images/designer.png")).isNull());
        browser->setSource(QUrl("file-format.md")); // a link of the page, as a click follows it
        QVERIFY(browser->toPlainText().startsWith("Pipeline file format"));
    }

    void theDarkThemeRecoloursEverythingReadably()
    {
        load(sampleSpec());
        QTest::keyClick(m_window.get(), Qt::Key_F5); // sampleSpec has errors: refused, plots stay
        for (const char *choice : {"actionTheme_dark", "actionTheme_light"}) {
            action(choice)->trigger();
            const bool dark = QString(choice).endsWith("dark");
            QCOMPARE(theme::isDark(), dark);
            QCOMPARE(QApplication::palette().color(QPalette::Window).lightness() < 128, dark);
            QVERIFY(contrast(theme::primaryText(), theme::nodeBody()) >= 7);
            QVERIFY(contrast(theme::secondaryText(), theme::nodeBody()) >= 4.5);
            QVERIFY(contrast(theme::primaryText(), theme::canvasBackground()) >= 7);
            QVERIFY(contrast(Qt::white, theme::badgeFill()) >= 4.5);
            QVERIFY(contrast(theme::wire(), theme::canvasBackground()) >= 3);
            QVERIFY(contrast(theme::accent(), theme::canvasBackground()) >= 3);
            for (const pipeline::KindCategory category :
                {pipeline::KindCategory::Sources, pipeline::KindCategory::Buffers, pipeline::KindCategory::Handlers})
                QVERIFY(contrast(Qt::white, theme::categoryColor(category)) >= 3); // bold titles on the header
            const QColor canvas = viewport()->grab().toImage().pixelColor(3, 3);
            QVERIFY2(dark ? canvas.lightness() < 80 : canvas.lightness() > 200, qPrintable(canvas.name()));
            QCustomPlot *plot = m_window->plotPanel()->throughputPlot();
            QCOMPARE(plot->toPixmap(200, 120).toImage().pixelColor(1, 1), theme::nodeBody());
            QCOMPARE(plot->xAxis->tickLabelColor(), theme::secondaryText());
            const QLabel *help = m_window->findChild<QLabel *>("propertyHelp");
            QCOMPARE(help->palette().color(QPalette::WindowText), theme::secondaryText());
        }
        action("actionTheme_dark")->trigger();
        QCOMPARE(ViewActions::savedTheme(), ThemeChoice::Dark);
        action("actionTheme_system")->trigger();
        QCOMPARE(ViewActions::savedTheme(), ThemeChoice::System);
    }

    void aFileThatIsNotAPipelineSaysSoFirst()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("report.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(pipeline::toJson(pipeline::RunReport {})));
        file.close();
        QVERIFY(!m_window->openFile(path));
        const QStringList errors = m_window->fileActions()->lastLoadErrors().split('\n');
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().endsWith("$: not a Ringflow pipeline: missing field \"format\""),
            qPrintable(errors.front()));
        if (auto *box = m_window->findChild<QMessageBox *>("loadErrorBox"))
            box->close();
    }

    void aScreenshotOfAMissingFileSaysWhy()
    {
        QTemporaryDir directory;
        const QString missing = directory.filePath("missing.json");
        QProcess designer;
        designer.start(QStringLiteral(RINGFLOW_DESIGNER), {missing, "--screenshot", directory.filePath("shot.png")});
        QVERIFY(designer.waitForFinished(30000));
        QCOMPARE(designer.exitCode(), 2);
        const QString said = QString::fromLocal8Bit(designer.readAllStandardError());
        QVERIFY2(said.contains(missing) && said.contains("cannot read the file"), qPrintable(said));
        QVERIFY(!QFile::exists(directory.filePath("shot.png")));
    }
};

QTEST_MAIN(TestSettingsHelp)
#include "test_settings_help.moc"
