// A producer publishing with try, as a user sees it in the designer: while the run goes on its
// card says how many events it has dropped, and the run summary has a Dropped column with its
// count (only for such a producer); a blocking producer's card and summary stay as they were. And
// the dispatcher demo, whose emitters end with their completion events, runs in the designer.

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "document/pipeline_document.h"
#include "main_window.h"
#include "panels/run_summary_panel.h"
#include "pipeline/pipeline_file.h"
#include "run/run_controller.h"
#include "ui_test_support.h"

#include <QFile>
#include <QTableWidget>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

constexpr int kSlowMs = 15000; // generous: two shared cores, the engine busy beside the test

/// source (for 1.5 s, as fast as it can, with `publish`) -> a ring of 16 slots -> a stage that
/// sleeps 200 µs per event: a try producer drops most of what it attempts.
pipeline::PipelineSpec slowConsumerSpec(const std::string &publish)
{
    pipeline::PipelineSpec spec;
    spec.name = "slow consumer";
    spec.nodes
        = {makeNode("source", "producer", 0, 0), makeNode("ring", "ring", 280, 0), makeNode("stage", "stage", 560, 0)};
    spec.nodes[0].params = {{"events", std::int64_t {0}}, {"duration", 1.5}, {"publish", publish}};
    spec.nodes[1].params = {{"slots", std::int64_t {16}}};
    spec.nodes[2].params = {{"workload", std::string("sleep")}, {"sleep", std::int64_t {200}}};
    spec.connections = {wire("source", "out", "ring", "in"), wire("ring", "out", "stage", "in")};
    return spec;
}

pipeline::PipelineSpec bundledExample(const QString &name)
{
    QFile file(QStringLiteral(":/pipelines/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no bundled example %s", qPrintable(name));
    const pipeline::LoadResult loaded = pipeline::loadPipeline(file.readAll().toStdString(), name.toStdString());
    if (!loaded.spec)
        qFatal("bundled example %s does not load", qPrintable(name));
    return *loaded.spec;
}

int columnOf(const QTableWidget *table, const QString &title)
{
    for (int column = 0; column < table->columnCount(); ++column)
        if (table->horizontalHeaderItem(column)->text() == title)
            return column;
    return -1;
}

/// The whole number at the start of `text` ("12,345 dropped"), or -1.
qlonglong leadingCount(QString text)
{
    text = text.section(QLatin1Char(' '), 0, 0).remove(QLatin1Char(','));
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    return ok ? value : -1;
}

} // namespace

class TestProducerFigures : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        isolateSettings();
    }

    void aTryProducerShowsWhatItDropsOnItsCardAndInTheSummary()
    {
        QVERIFY(openWindow());
        load(slowConsumerSpec("try"));
        RunController *run = m_window->runController();
        QSignalSpy finished(run, &RunController::finished);
        action("actionRun")->trigger();

        // While it runs: the card's badge gives the rate and the events dropped so far.
        NodeItem *card = scene()->nodeItem(QStringLiteral("source"));
        QVERIFY(card);
        QTRY_VERIFY_WITH_TIMEOUT(card->badge().contains(QStringLiteral(" dropped")) && finished.isEmpty(), kSlowMs);
        const QString badge = card->badge();
        QVERIFY2(leadingCount(badge.section(QStringLiteral(" · "), -1)) > 0, qPrintable(badge));
        QVERIFY2(card->toolTip().contains(QStringLiteral("dropped")), qPrintable(card->toolTip()));
        QVERIFY(!scene()->nodeItem(QStringLiteral("stage"))->badge().contains(QStringLiteral("dropped")));

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSlowMs);
        const QTableWidget *table = m_window->runSummary()->table();
        const int dropped = columnOf(table, QStringLiteral("Dropped"));
        QVERIFY(dropped >= 0);
        QVERIFY(!table->horizontalHeaderItem(dropped)->toolTip().isEmpty());
        QVERIFY2(leadingCount(table->item(0, dropped)->text()) > 0, qPrintable(table->item(0, dropped)->text()));
        QCOMPARE(table->item(1, dropped)->text(), QString()); // the stage drops nothing
        QVERIFY2(m_window->runSummary()->verdictText().contains("Conservation OK"),
            qPrintable(m_window->runSummary()->verdictText()));
        closeWindow();
    }

    void theDispatcherDemoRunsWithOneCompletionPerEmitter()
    {
        // The demo as shipped, shortened: 16 emitter threads for half a second, each ending with
        // its completion event, which print-completions alone handles.
        pipeline::PipelineSpec spec = bundledExample(QStringLiteral("dispatcher-demo.json"));
        pipeline::Node &emitters = *spec.findNode("emitters");
        emitters.params["threads"] = std::int64_t {16};
        emitters.params["duration"] = 0.5;
        QVERIFY(openWindow());
        load(spec);
        QSignalSpy finished(m_window->runController(), &RunController::finished);
        action("actionRun")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSlowMs);
        const RunSummaryPanel *summary = m_window->runSummary();
        QVERIFY2(summary->verdictText().contains("Conservation OK"), qPrintable(summary->verdictText()));
        const QTableWidget *table = summary->table();
        const int handled = columnOf(table, QStringLiteral("Handled"));
        QVERIFY(handled >= 0);
        QCOMPARE(table->item(0, 0)->text(), QString("emitters"));
        QCOMPARE(table->item(2, 0)->text(), QString("print-completions"));
        QCOMPARE(table->item(2, handled)->text(), QString("16"));
        closeWindow();
    }

    void aBlockingProducerShowsNoDroppedCount()
    {
        QVERIFY(openWindow());
        pipeline::PipelineSpec spec = slowConsumerSpec("block");
        spec.nodes[0].params["duration"] = 0.3;
        load(spec);
        RunController *run = m_window->runController();
        QSignalSpy finished(run, &RunController::finished);
        action("actionRun")->trigger();
        NodeItem *card = scene()->nodeItem(QStringLiteral("source"));
        QTRY_VERIFY_WITH_TIMEOUT(!card->badge().isEmpty() || !finished.isEmpty(), kSlowMs);
        QVERIFY(!card->badge().contains(QStringLiteral("dropped")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSlowMs);
        QCOMPARE(columnOf(m_window->runSummary()->table(), QStringLiteral("Dropped")), -1);
        closeWindow();
    }
};

QTEST_MAIN(TestProducerFigures)
#include "test_producer_figures.moc"
