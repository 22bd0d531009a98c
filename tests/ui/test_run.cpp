// Running pipelines from the designer the way a user does: F5, F6, Shift+F5, edits in the property
// editor while the engine runs on real threads, then the summary and every export.

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "document/pipeline_document.h"
#include "export_actions.h"
#include "file_actions.h"
#include "main_window.h"
#include "panels/param_field.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "panels/run_summary_panel.h"
#include "pipeline/compiler.h"
#include "pipeline/kind_registry.h"
#include "pipeline/param_text.h"
#include "pipeline/pipeline_file.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"
#include "status_line.h"
#include "ui_test_support.h"

#include <QAction>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <qcustomplot.h>

#include <numeric>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;
using Phase = RunController::Phase;

namespace {

// Every call of pipeline::compile() and validate() in this test goes through the wrappers below:
// tests/ui/CMakeLists.txt links it with GNU ld's --wrap for the two symbols. So a test counts how
// often the designer compiles and validates without a hook in the designer itself.
int g_compilations = 0;
int g_validations = 0;

} // namespace

extern "C" {
pipeline::CompileResult __real__ZN8ringflow8pipeline7compileERKNS0_12PipelineSpecERKNS0_14ResourceBudgetE(
    const pipeline::PipelineSpec &, const pipeline::ResourceBudget &);
std::vector<pipeline::Problem> __real__ZN8ringflow8pipeline8validateERKNS0_12PipelineSpecE(
    const pipeline::PipelineSpec &);

pipeline::CompileResult __wrap__ZN8ringflow8pipeline7compileERKNS0_12PipelineSpecERKNS0_14ResourceBudgetE(
    const pipeline::PipelineSpec &spec, const pipeline::ResourceBudget &budget)
{
    ++g_compilations;
    return __real__ZN8ringflow8pipeline7compileERKNS0_12PipelineSpecERKNS0_14ResourceBudgetE(spec, budget);
}

std::vector<pipeline::Problem> __wrap__ZN8ringflow8pipeline8validateERKNS0_12PipelineSpecE(
    const pipeline::PipelineSpec &spec)
{
    ++g_validations;
    return __real__ZN8ringflow8pipeline8validateERKNS0_12PipelineSpecE(spec);
}
}

namespace {

/// How many times `step` made the designer compile and validate the pipeline.
template <typename Step>
std::pair<int, int> compilationsAndValidations(Step step)
{
    const int compilations = g_compilations;
    const int validations = g_validations;
    step();
    return {g_compilations - compilations, g_validations - validations};
}

constexpr int kSlowMs = 15000; // generous: two shared cores, the engine busy beside the test

QCPGraph *graphNamed(QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == name)
            return plot->graph(i);
    return nullptr;
}

/// The mean of the last `count` points of a series (the rate over the last half second or so).
double recentMean(QCPGraph *graph, int count = 4)
{
    const auto data = graph->data();
    if (data->size() < count)
        return -1;
    double sum = 0;
    for (int i = data->size() - count; i < data->size(); ++i)
        sum += data->at(i)->value;
    return sum / count;
}

} // namespace

class TestRun : public QObject, private WindowFixture {
    Q_OBJECT

    QTemporaryDir m_dir;

    RunController *run() const { return m_window->runController(); }
    QCustomPlot *throughput() const { return m_window->plotPanel()->throughputPlot(); }

    /// Opens a bundled example as a user does, then makes its producer endless (the example is
    /// paced for a minute) at `rate`.
    void openEndlessExample(double rate)
    {
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/pipeline.json")));
        QVERIFY(document()->setParameter("producer", "duration", 0.0).isEmpty());
        QVERIFY(document()->setParameter("producer", "rate", rate).isEmpty());
    }

    /// Opens a bundled example as a user does, then makes it a burst: `events` from its producer
    /// as fast as it goes (the examples as shipped are paced for a minute).
    void openBurstExample(const QString &file, std::int64_t events)
    {
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/") + file));
        for (const pipeline::Node &node : document()->spec().nodes)
            if (node.kind == "producer")
                for (const auto &[param, value] : pipeline::burstParameters(events))
                    QVERIFY(document()
                                ->setParameter(QString::fromStdString(node.id), QString::fromStdString(param), value)
                                .isEmpty());
    }

    void pressRun() { QTest::keyClick(m_window.get(), Qt::Key_F5); }

    /// Types `text` into parameter `param` of the selected node's property editor and presses Enter.
    void typeParameter(const QString &param, const QString &text)
    {
        ParamField *field = m_window->propertyEditor()->field(param);
        QVERIFY(field);
        QVERIFY(field->editor()->isEnabled());
        typeInto(field->editor(), text);
    }

    void selectByClick(const QString &node)
    {
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, titlePoint(m_window->view(), node));
        QCOMPARE(m_window->propertyEditor()->nodeId(), node);
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        QVERIFY(m_dir.isValid());
    }

    void init() { QVERIFY(openWindow()); }

    void cleanup()
    {
        if (run()->isActive()) {
            run()->stop();
            QTRY_VERIFY_WITH_TIMEOUT(!run()->isActive(), kSlowMs);
        }
        closeWindow();
    }

    void everyEditCompilesOnceAndARunCompilesNothing()
    {
        using Count = std::pair<int, int>;
        // Opening a file compiles it, once; the plan panel, the problems and the canvas read that.
        QCOMPARE(compilationsAndValidations([&] { openEndlessExample(1000); }), Count(3, 5));
        QCOMPARE(compilationsAndValidations([&] {
            document()->moveNodes({{"ring", pipeline::Position {260, 20}}}, "Move");
        }),
            Count(1, 1));
        QCOMPARE(compilationsAndValidations([&] { QVERIFY(document()->renameNode("stage-c", "last").isEmpty()); }),
            Count(1, 1));
        // A parameter's value is judged on its own first (a candidate, not the pipeline).
        QCOMPARE(compilationsAndValidations(
                     [&] { QVERIFY(document()->setParameter("stage-a", "cost", std::int64_t {10}).isEmpty()); }),
            Count(1, 2));
        QCOMPARE(compilationsAndValidations([&] { document()->undo(); }), Count(1, 1));
        QCOMPARE(compilationsAndValidations([&] { document()->redo(); }), Count(1, 1));

        // The run starts from the document's plan; live edits compile once, as any edit does.
        QCOMPARE(compilationsAndValidations([&] { pressRun(); }), Count(0, 0));
        QCOMPARE(run()->phase(), Phase::Running);
        QCOMPARE(compilationsAndValidations(
                     [&] { QVERIFY(document()->setParameter("producer", "rate", 2000.0).isEmpty()); }),
            Count(1, 2));
        QCOMPARE(compilationsAndValidations([&] {
            run()->stop();
            QTRY_COMPARE_WITH_TIMEOUT(run()->phase(), Phase::Idle, kSlowMs);
        }),
            Count(0, 0));
    }

    void runPauseTuneAndStopFromTheGui()
    {
        openEndlessExample(20000);
        pressRun();
        QCOMPARE(run()->phase(), Phase::Running);
        QVERIFY(!action("actionRun")->isEnabled());
        QVERIFY(action("actionStop")->isEnabled());

        // Every producer and stage gets a series, and data flows into each.
        const QStringList series {"producer", "stage-a", "stage-b", "stage-c"};
        for (const QString &name : series)
            QVERIFY2(graphNamed(throughput(), name), qPrintable(name));
        for (const QString &name : series)
            QTRY_VERIFY2_WITH_TIMEOUT(recentMean(graphNamed(throughput(), name), 3) > 1000, qPrintable(name), kSlowMs);
        QVERIFY(graphNamed(m_window->plotPanel()->ringFillPlot(), "ring"));
        QVERIFY(m_window->plotPanel()->latencyPlot()->graphCount() >= 3 * 3);
        QCOMPARE(run()->history().frames().back().nodes.size(), std::size_t(4));
        QVERIFY(!m_window->scene()->nodeItem("stage-a")->badge().isEmpty());

        // Pause brings every rate to zero; resume brings them back.
        QTest::keyClick(m_window.get(), Qt::Key_F6);
        QCOMPARE(run()->phase(), Phase::Paused);
        for (const QString &name : series)
            QTRY_COMPARE_WITH_TIMEOUT(recentMean(graphNamed(throughput(), name), 3), 0.0, kSlowMs);
        QTest::keyClick(m_window.get(), Qt::Key_F6);
        QCOMPARE(run()->phase(), Phase::Running);
        for (const QString &name : series)
            QTRY_VERIFY2_WITH_TIMEOUT(recentMean(graphNamed(throughput(), name), 3) > 1000, qPrintable(name), kSlowMs);

        // A live rate typed into the property editor moves the measured rate, both ways.
        selectByClick("producer");
        typeParameter("rate", "4000");
        QTRY_VERIFY_WITH_TIMEOUT(recentMean(graphNamed(throughput(), "producer"), 5) < 8000, kSlowMs);
        typeParameter("rate", "60000");
        QTRY_VERIFY_WITH_TIMEOUT(recentMean(graphNamed(throughput(), "producer"), 5) > 30000, kSlowMs);

        // Stop returns at once and the drain finishes beside the GUI; the summary says it all.
        QTest::keyClick(m_window.get(), Qt::Key_F5, Qt::ShiftModifier);
        QVERIFY(run()->phase() == Phase::Stopping || run()->phase() == Phase::Idle);
        QTRY_COMPARE_WITH_TIMEOUT(run()->phase(), Phase::Idle, kSlowMs);
        QVERIFY(run()->lastReport());
        QVERIFY(run()->lastReport()->ok);
        QVERIFY(run()->lastReport()->totalEvents > 1000);
        QVERIFY2(m_window->runSummary()->verdictText().contains("Conservation OK"),
            qPrintable(m_window->runSummary()->verdictText()));
        QCOMPARE(m_window->bottomTabs()->currentWidget(), m_window->runSummary());
        QCOMPARE(m_window->runSummary()->table()->rowCount(), 4);
        QVERIFY(m_window->runSummary()->text().contains("stage-c"));
        QVERIFY(m_window->scene()->nodeItem("stage-a")->badge().isEmpty()); // the canvas is back to editing
        QVERIFY(action("actionRun")->isEnabled());
        QVERIFY(!document()->isStructureLocked());
    }

    void structureIsLockedWhileRunningButLiveParametersAreNot()
    {
        openEndlessExample(1000);
        const std::size_t nodes = document()->spec().nodes.size();
        pressRun();
        QCOMPARE(run()->phase(), Phase::Running);

        // Deleting from the keyboard is refused, and the status bar says why.
        selectByClick("stage-b");
        QTest::keyClick(viewport(), Qt::Key_Delete);
        QCOMPARE(document()->spec().nodes.size(), nodes);
        QVERIFY2(m_window->statusLine()->message().contains("running"), qPrintable(m_window->statusLine()->message()));
        // So are wiring, dropping a new node and renaming.
        QVERIFY(!dropKind(viewport(), "stage", QPoint(40, 40)));
        QCOMPARE(document()->spec().nodes.size(), nodes);
        QVERIFY(!document()->renameNode("stage-b", "renamed").isEmpty());
        QVERIFY(!document()->connectPorts(wire("ring", "out", "stage-b", "in")).isEmpty());
        // Non-live parameters are disabled in the editor and refused by the document.
        QVERIFY(!m_window->propertyEditor()->field("workload")->isEnabled());
        QVERIFY(!document()->setParameter("stage-b", "workload", std::string("busy")).isEmpty());
        QVERIFY(m_window->propertyEditor()->field("cost")->isEnabled());
        QVERIFY(document()->setParameter("stage-b", "cost", std::int64_t {500}).isEmpty());
        // Undo takes back the live edit, but not the structural edits made before the run.
        QVERIFY(document()->canUndoNow());
        QTest::keySequence(m_window.get(), QKeySequence::Undo);
        QCOMPARE(pipeline::intParam(*document()->node("stage-b"), "cost"), std::int64_t {8500});
        QTest::keySequence(m_window.get(), QKeySequence::Undo); // the rate set before the run: live too
        QCOMPARE(pipeline::realParam(*document()->node("producer"), "rate"), 100000.0);
        QVERIFY(!document()->canUndoNow()); // then the duration, which is not
        QTest::keySequence(m_window.get(), QKeySequence::Undo);
        QCOMPARE(pipeline::realParam(*document()->node("producer"), "duration"), 0.0); // refused while running
        QVERIFY(!action("actionUndo")->isEnabled());
        // Opening another pipeline waits for the run to stop.
        QVERIFY(!m_window->fileActions()->openExample(QStringLiteral(":/pipelines/diamond.json")));
        QCOMPARE(document()->spec().nodes.size(), nodes);

        action("actionStop")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(run()->phase(), Phase::Idle, kSlowMs);
        QVERIFY(m_window->propertyEditor()->field("workload")->isEnabled());
        QVERIFY(document()->canUndoNow());
    }

    void aBoundedRunFinishesByItselfWithItsReport()
    {
        openBurstExample("chained-rings.json", 200000);
        QSignalSpy finished(run(), &RunController::finished);
        action("actionRun")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSlowMs);
        const auto &report = *run()->lastReport();
        QVERIFY(report.ok);
        QCOMPARE(report.totalEvents, std::uint64_t(200000));
        QVERIFY(m_window->runSummary()->verdictText().contains("Conservation OK"));
    }

    void stopDrainsWithProgressAndHaltsAfterTheTimeout()
    {
        // A stage that sleeps per event behind a full ring: the drain takes seconds.
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/pipeline.json")));
        QVERIFY(document()->setParameter("producer", "events", std::int64_t {0}).isEmpty());
        QVERIFY(document()->setParameter("stage-c", "workload", std::string("sleep")).isEmpty());
        QVERIFY(document()->setParameter("stage-c", "sleep", std::int64_t {1000}).isEmpty());
        run()->setDrainTimeout(std::chrono::milliseconds(600));
        QSignalSpy progress(run(), &RunController::drainProgress);
        pressRun();
        QTRY_VERIFY_WITH_TIMEOUT(run()->history().frames().size() > 3, kSlowMs);

        QTest::keyClick(m_window.get(), Qt::Key_F5, Qt::ShiftModifier);
        QCOMPARE(run()->phase(), Phase::Stopping); // returned before the drain: the GUI goes on
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, kSlowMs);
        QTRY_COMPARE_WITH_TIMEOUT(run()->phase(), Phase::Idle, kSlowMs);
        const auto &report = *run()->lastReport();
        QVERIFY(!report.ok);
        QVERIFY(!report.drained);
        QVERIFY2(m_window->runSummary()->verdictText().contains("drain did not complete"),
            qPrintable(m_window->runSummary()->verdictText()));
    }

    void closingTheWindowMidRunOrMidStopReturns()
    {
        openEndlessExample(50000);
        pressRun();
        QTRY_VERIFY_WITH_TIMEOUT(run()->history().frames().size() > 2, kSlowMs);
        document()->reset({}); // no unsaved-changes question
        m_window.reset(); // halts the running engine and joins its threads

        m_window = std::make_unique<MainWindow>();
        QVERIFY(showAndActivate(m_window.get()));
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/pipeline.json")));
        QVERIFY(document()->setParameter("producer", "events", std::int64_t {0}).isEmpty());
        QVERIFY(document()->setParameter("stage-c", "workload", std::string("sleep")).isEmpty());
        run()->setDrainTimeout(std::chrono::milliseconds(500));
        pressRun();
        QTRY_VERIFY_WITH_TIMEOUT(run()->history().frames().size() > 2, kSlowMs);
        run()->stop();
        QCOMPARE(run()->phase(), Phase::Stopping);
        m_window.reset(); // waits for the drain in progress, which ends within its timeout
        m_window = std::make_unique<MainWindow>(); // for cleanup()
    }

    void runningAnInvalidPipelineIsRefusedWithTheProblemsShown()
    {
        document()->reset(sampleSpec()); // "second" is a stage without an input
        m_window->bottomTabs()->setCurrentIndex(1);
        QSignalSpy refused(run(), &RunController::refused);
        pressRun();
        QCOMPARE(refused.count(), 1);
        const QStringList problems = refused.front().front().toStringList();
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.join('\n').contains("second"), qPrintable(problems.join('\n')));
        QCOMPARE(run()->phase(), Phase::Idle);
        QCOMPARE(m_window->bottomTabs()->currentWidget(), m_window->problemsPanel());
        QVERIFY(m_window->problemsPanel()->errorCount() > 0);
        QVERIFY(m_window->statusLine()->message().contains("Cannot run"));
        QVERIFY(!document()->isStructureLocked());
        QVERIFY(action("actionRun")->isEnabled());
    }

    void aCppProjectIsExportedIntoANewFolderOnlyForAPipelineThatRuns()
    {
        using Kind = ExportActions::Kind;
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/diamond.json")));
        ExportActions *exports = m_window->exportActions();
        QVERIFY(exports->action(Kind::CppProject)->isEnabled());
        const QString folder = m_dir.filePath("diamond-project");
        QCOMPARE(exports->exportTo(Kind::CppProject, folder), QString());
        for (const char *file : {"CMakeLists.txt", "main.cpp", "handlers.h", "event.h"})
            QVERIFY2(QFileInfo::exists(QDir(folder).filePath(QString::fromLatin1(file))), file);
        QFile cmake(QDir(folder).filePath("CMakeLists.txt"));
        QVERIFY(cmake.open(QIODevice::ReadOnly));
        QVERIFY(cmake.readAll().contains("find_package(Ringflow"));
        // The files are meant to be edited: a second export never writes over them.
        QVERIFY(exports->exportTo(Kind::CppProject, folder).contains("diamond-project"));

        pipeline::PipelineSpec lonely;
        lonely.name = "lonely";
        lonely.nodes = {{"stage", "stage", {}, {}}};
        document()->reset(lonely);
        const QString refused = exports->exportTo(Kind::CppProject, m_dir.filePath("lonely-project"));
        QVERIFY2(refused.contains("cannot run"), qPrintable(refused));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("lonely-project")));
    }

    void everyExportWritesAValidFile()
    {
        openBurstExample("chained-rings.json", 200000);
        ExportActions *exports = m_window->exportActions();
        QVERIFY(!exports->action(ExportActions::Kind::ReportJson)->isEnabled());
        QVERIFY(!exports->exportTo(ExportActions::Kind::ReportJson, m_dir.filePath("none.json")).isEmpty());
        QSignalSpy finished(run(), &RunController::finished);
        pressRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSlowMs);
        QVERIFY(exports->action(ExportActions::Kind::ReportJson)->isEnabled());

        const auto path = [&](ExportActions::Kind kind) { return m_dir.filePath(exports->defaultFileName(kind)); };
        const auto write = [&](ExportActions::Kind kind) {
            const QString error = exports->exportTo(kind, path(kind));
            if (!error.isEmpty())
                qWarning("%s", qPrintable(error));
            return error.isEmpty();
        };
        using Kind = ExportActions::Kind;
        QCOMPARE(exports->defaultFileName(Kind::ReportJson),
            QStringLiteral("chained-rings-journal-and-replicate-"
                           "process-then-publish-report.json"));

        QVERIFY(write(Kind::PipelineJson));
        QFile pipelineFile(path(Kind::PipelineJson));
        QVERIFY(pipelineFile.open(QIODevice::ReadOnly));
        const QByteArray pipelineJson = pipelineFile.readAll();
        const pipeline::LoadResult loaded = pipeline::loadPipeline(pipelineJson.toStdString(), "exported");
        QVERIFY(loaded.ok());
        QVERIFY(*loaded.spec == document()->spec());

        QVERIFY(write(Kind::CanvasPng));
        const QImage canvas(path(Kind::CanvasPng));
        QVERIFY(!canvas.isNull());
        QVERIFY(canvas.width() > 400 && canvas.height() > 200);

        QVERIFY(write(Kind::CanvasSvg));
        QSvgRenderer svg(path(Kind::CanvasSvg));
        QVERIFY(svg.isValid());
        QFile svgFile(path(Kind::CanvasSvg));
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));

        QVERIFY(write(Kind::PlotsPng));
        const QImage plots(path(Kind::PlotsPng));
        QVERIFY(!plots.isNull());
        QVERIFY(plots.width() > 200 && plots.height() > 200);

        QVERIFY(write(Kind::PlotsPdf));
        QFile pdf(path(Kind::PlotsPdf));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 1000);

        QVERIFY(write(Kind::ReportJson));
        QFile reportFile(path(Kind::ReportJson));
        QVERIFY(reportFile.open(QIODevice::ReadOnly));
        QJsonParseError parseError {};
        const QJsonDocument report = QJsonDocument::fromJson(reportFile.readAll(), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(report.object().value("ok").toBool(), true);
        QCOMPARE(report.object().value("total_events").toInteger(), 200000);

        QVERIFY(write(Kind::SeriesCsv));
        QFile csvFile(path(Kind::SeriesCsv));
        QVERIFY(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(csvFile.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 1);
        QVERIFY(lines.front().startsWith("seconds,series,role,events_per_second"));
        const int columns = static_cast<int>(lines.front().count(',')) + 1;
        for (const QString &line : lines)
            QCOMPARE(static_cast<int>(line.count(',')) + 1, columns);
        QVERIFY(lines.filter(",journal,consumer,").size() >= 1);
        QVERIFY(lines.filter(",input,ring,").size() >= 1);

        // A file that cannot be written is an error that names it; nothing half-written stays.
        const QString error = exports->exportTo(Kind::CanvasPng, "/nonexistent-dir/canvas.png");
        QVERIFY2(error.contains("/nonexistent-dir/canvas.png"), qPrintable(error));
        QVERIFY(!QFile::exists("/nonexistent-dir/canvas.png"));
    }
};

QTEST_MAIN(TestRun)
#include "test_run.moc"
