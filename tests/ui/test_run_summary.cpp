// The run summary as a user reads it: the columns ringflow-run prints, each header saying what its
// column is, figures per stage (service time, handled under a channel filter), and the previous
// run's report labelled as such while a new run goes on.

#include "document/pipeline_document.h"
#include "main_window.h"
#include "panels/run_summary_panel.h"
#include "pipeline/run_report.h"
#include "run/run_controller.h"
#include "ui_test_support.h"

#include <QHeaderView>
#include <QTableWidget>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

constexpr int kSlowMs = 15000; // generous: two shared cores, the engine busy beside the test

/// A finished run of a producer and two stages, "picky" reading channel "a" only.
pipeline::RunReport filteredReport()
{
    pipeline::RunReport report;
    report.pipeline = "filtered";
    report.stopped = "2025-03-01T12:34:56.000Z";
    report.elapsedNs = 2'000'000'000;
    report.totalEvents = 1000;
    report.processed = 1000;
    report.eventsPerSecond = 500;
    report.nsPerEvent = 2e6;
    const auto node = [](const char *id, const char *kind, pipeline::NodeRole role) {
        pipeline::NodeReport node;
        node.id = id;
        node.kind = kind;
        node.role = role;
        node.figures.count = 1000;
        node.figures.eventsPerSecond = 500;
        return node;
    };
    report.nodes = {node("producer", "producer", pipeline::NodeRole::Producer),
        node("journal", "stage", pipeline::NodeRole::Consumer), node("picky", "stage", pipeline::NodeRole::Consumer)};
    report.nodes[1].figures.serviceNs = 3424;
    report.nodes[2].channelFilter = true;
    report.nodes[2].figures.handled = 250;
    report.nodes[2].figures.serviceNs = 2'129'870;
    return report;
}

/// The column titled `title`, or -1.
int columnOf(const QTableWidget *table, const QString &title)
{
    for (int column = 0; column < table->columnCount(); ++column)
        if (table->horizontalHeaderItem(column)->text() == title)
            return column;
    return -1;
}

/// A bounded run: producer (20,000 events) -> ring -> stage.
pipeline::PipelineSpec boundedSpec()
{
    pipeline::PipelineSpec spec;
    spec.name = "bounded";
    spec.nodes
        = {makeNode("source", "producer", 0, 0), makeNode("ring", "ring", 280, 0), makeNode("stage", "stage", 560, 0)};
    spec.nodes[0].params["events"] = std::int64_t {20000};
    spec.connections = {wire("source", "out", "ring", "in"), wire("ring", "out", "stage", "in")};
    return spec;
}

} // namespace

class TestRunSummary : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        isolateSettings();
    }

    void everyHeaderSaysWhatItsColumnIs()
    {
        RunSummaryPanel panel;
        // Before a run too: the header is there to be read.
        QVERIFY(panel.table()->columnCount() >= 10);
        panel.showReport(filteredReport());
        const QTableWidget *table = panel.table();
        const std::vector<pipeline::ReportColumn> columns = pipeline::reportColumns(filteredReport());
        QCOMPARE(table->columnCount(), static_cast<int>(columns.size()));
        for (int column = 0; column < table->columnCount(); ++column) {
            const QTableWidgetItem *header = table->horizontalHeaderItem(column);
            QVERIFY(header);
            QCOMPARE(header->toolTip(), QString::fromStdString(columns[static_cast<std::size_t>(column)].description));
            QVERIFY2(header->toolTip().size() > 10, qPrintable(header->text()));
        }
        QVERIFY(columnOf(table, "Ns/event") < 0);
    }

    void figuresPerStageInOneUnitPerColumn()
    {
        RunSummaryPanel panel;
        panel.showReport(filteredReport());
        const QTableWidget *table = panel.table();
        const int service = columnOf(table, "Service");
        const int handled = columnOf(table, "Handled");
        QVERIFY(service >= 0 && handled >= 0);
        QCOMPARE(table->item(1, service)->text(), QString("3.4 µs"));
        QCOMPARE(table->item(2, service)->text(), QString("2,129.9 µs"));
        QCOMPARE(table->item(2, handled)->text(), QString("250"));
        QCOMPARE(table->item(1, handled)->text(), QString());
        QCOMPARE(table->item(1, columnOf(table, "Events"))->text(), QString("1,000"));
        QVERIFY(table->item(1, service)->textAlignment() & Qt::AlignRight);
        const QString totals = QString(panel.totalsText()).replace(QChar::Nbsp, ' ');
        QVERIFY2(totals.contains("1,000 events published"), qPrintable(totals));
        QVERIFY2(totals.contains("in 2.00 s"), qPrintable(totals));
        QVERIFY2(totals.contains("one every 2 ms"), qPrintable(totals));
        // Without a filter anywhere, no handled column.
        pipeline::RunReport plain = filteredReport();
        plain.nodes[2].channelFilter = false;
        panel.showReport(plain);
        QCOMPARE(columnOf(panel.table(), "Handled"), -1);
    }

    void thePreviousRunIsLabelledWhileANewOneGoesOn()
    {
        RunSummaryPanel panel;
        panel.showRunStarted();
        QVERIFY(!panel.showsPreviousRun());
        QVERIFY(panel.verdictText().contains("Running"));
        panel.showReport(filteredReport());
        const QColor shown = panel.table()->item(1, 2)->foreground().color();

        panel.showRunStarted();
        QVERIFY(panel.showsPreviousRun());
        QVERIFY2(panel.verdictText().contains("previous run"), qPrintable(panel.verdictText()));
        QVERIFY(panel.totalsText().startsWith("Previous run: "));
        QCOMPARE(panel.table()->rowCount(), 3);
        QVERIFY(panel.table()->item(1, 2)->foreground().color() != shown);

        panel.showReport(filteredReport());
        QVERIFY(!panel.showsPreviousRun());
        QVERIFY(panel.verdictText().contains("Conservation OK"));
        if (const QString grab = qEnvironmentVariable("RINGFLOW_SUMMARY_GRAB"); !grab.isEmpty()) {
            panel.resize(700, 260);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            QVERIFY(panel.grab().save(grab));
            panel.showRunStarted();
            QVERIFY(panel.grab().save(QString(grab).replace(".png", "-previous.png")));
        }
    }

    void theSummaryDoesNotWidenItsDock()
    {
        RunSummaryPanel panel;
        const int before = panel.minimumSizeHint().width();
        pipeline::RunReport report = filteredReport();
        report.problems = {std::string(300, 'x')};
        report.ok = false;
        panel.showReport(report);
        QCOMPARE(panel.minimumSizeHint().width(), before);
    }

    void aSecondRunFromTheWindowLabelsTheFirstOnesReport()
    {
        QVERIFY(openWindow());
        load(boundedSpec());
        RunController *run = m_window->runController();
        QSignalSpy finished(run, &RunController::finished);
        action("actionRun")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSlowMs);
        RunSummaryPanel *summary = m_window->runSummary();
        QVERIFY(summary->verdictText().contains("Conservation OK"));
        QVERIFY(!summary->showsPreviousRun());

        // The next run: at once, the report on show is the previous run's, and says so.
        QSignalSpy started(run, &RunController::started);
        action("actionRun")->trigger();
        QCOMPARE(started.count(), 1);
        QVERIFY(summary->showsPreviousRun());
        QVERIFY2(summary->verdictText().contains("previous run"), qPrintable(summary->verdictText()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kSlowMs);
        QVERIFY(!summary->showsPreviousRun());
        closeWindow();
    }
};

QTEST_MAIN(TestRunSummary)
#include "test_run_summary.moc"
