// The Experiment panel driven as a user drives it: View > Experiment, node and parameter chosen by
// keyboard, values typed, Run clicked; the chart, the table, refusals in the CLI's words, cancel,
// copy, export and the experiments kept in the pipeline file.
#include "document/pipeline_document.h"
#include "experiment/axis_editor.h"
#include "experiment/experiment_chart.h"
#include "experiment/experiment_dock.h"
#include "experiment/experiment_form.h"
#include "experiment/experiment_runner.h"
#include "experiment/experiment_table.h"
#include "file_actions.h"
#include "main_window.h"
#include "pipeline/capacity_calibration.h"
#include "pipeline/capacity_model.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/sweep.h"
#include "pipeline/sweep_format.h"
#include "run/capacity_estimator.h"
#include "ui_test_support.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <chrono>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

constexpr int kSlowMs = 60000; // a loaded machine: runs of a fifth of a second, a few dozen of them

/// The machine's measurements made on the GUI thread, and on any thread (see CMakeLists.txt: GNU
/// ld's --wrap sends every call through the wrappers below).
std::atomic<int> g_guiThreadMeasurements {0};
std::atomic<int> g_measurements {0};

void countMeasurement()
{
    // Relaxed: the counts are read after the threads that write them are joined or finished.
    g_measurements.fetch_add(1, std::memory_order_relaxed);
    if (QCoreApplication::instance() && QThread::currentThread() == QCoreApplication::instance()->thread())
        g_guiThreadMeasurements.fetch_add(1, std::memory_order_relaxed);
}

} // namespace

extern "C" {
double __real__ZN8ringflow8pipeline16measureCoreShareENSt6chrono8durationIlSt5ratioILl1ELl1000EEEE(
    std::chrono::milliseconds);
pipeline::CapacityConstants __real__ZN8ringflow8pipeline24machineCapacityConstantsEb(bool);

double __wrap__ZN8ringflow8pipeline16measureCoreShareENSt6chrono8durationIlSt5ratioILl1ELl1000EEEE(
    std::chrono::milliseconds window)
{
    countMeasurement();
    return __real__ZN8ringflow8pipeline16measureCoreShareENSt6chrono8durationIlSt5ratioILl1ELl1000EEEE(window);
}

pipeline::CapacityConstants __wrap__ZN8ringflow8pipeline24machineCapacityConstantsEb(bool recalibrate)
{
    countMeasurement();
    return __real__ZN8ringflow8pipeline24machineCapacityConstantsEb(recalibrate);
}
}

class TestExperiment : public QObject, private WindowFixture {
    Q_OBJECT

    ExperimentDock *dock() const { return m_window->experimentDock(); }
    ExperimentForm *form() const { return dock()->form(); }

    /// The unicast example as a burst (the shipped one is paced for a minute), the panel opened by
    /// its shortcut.
    void openPanel()
    {
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/unicast.json")));
        QVERIFY(document()->setParameter("producer", "rate", 0.0).isEmpty());
        QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(m_window->findChild<QDockWidget *>("experimentDock")->isVisible());
        // Run waits for the window's measure of the machine (about a second the first time).
        QTRY_VERIFY_WITH_TIMEOUT(m_window->capacityEstimator()->isReady(), kSlowMs);
        QTRY_VERIFY(dock()->runButton()->isEnabled());
    }

    /// Chooses the item starting with `text` by typing it, as the keyboard does on a closed combo box.
    static void choose(QComboBox *box, const QString &text)
    {
        box->setFocus();
        QTest::keyClicks(box, text);
        QCOMPARE(box->currentText(), text);
    }

    /// ring.slots over `values`, `repeat` runs of `seconds` each.
    void setUp(const QString &values, int repeat, double seconds)
    {
        choose(form()->firstAxis()->nodeBox(), "ring");
        choose(form()->firstAxis()->paramBox(), "slots");
        typeInto(form()->firstAxis()->valuesEdit(), values);
        typeInto(form()->repeatBox(), QString::number(repeat));
        typeInto(form()->durationBox(), QString::number(seconds));
        QCOMPARE(form()->repeatBox()->value(), repeat);
        QCOMPARE(form()->durationBox()->value(), seconds);
    }

    void runToTheEnd()
    {
        QTest::mouseClick(dock()->runButton(), Qt::LeftButton);
        QVERIFY2(dock()->messageLabel()->text().isEmpty(), qPrintable(dock()->messageLabel()->text()));
        QVERIFY(dock()->runner()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!dock()->runner()->isRunning(), kSlowMs);
    }

private slots:
    void initTestCase()
    {
        isolateSettings();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QVERIFY(openWindow());
        openPanel();
    }

    void cleanup() { closeWindow(); }

    void theMachineIsMeasuredOnceAndNeverOnTheGuiThread()
    {
        // openPanel() waited for the window's estimator: it measured the machine on its thread.
        QVERIFY(g_measurements.load(std::memory_order_relaxed) > 0);
        const int before = g_measurements.load(std::memory_order_relaxed);
        setUp("64,256", 1, 0.2);
        runToTheEnd();
        QCOMPARE(g_measurements.load(std::memory_order_relaxed), before);
        QCOMPARE(g_guiThreadMeasurements.load(std::memory_order_relaxed), 0);
        // The points are predicted with the estimator's measure of the machine.
        const std::optional<CapacityEstimator::Machine> &machine = m_window->capacityEstimator()->machine();
        QVERIFY(machine.has_value());
        for (const pipeline::PointResult &point : dock()->runner()->result().points) {
            const auto predicted
                = pipeline::predictCapacity(point.plan, machine->constants, machine->cores, machine->coreShare);
            QCOMPARE(point.prediction.eventsPerSecond, predicted.eventsPerSecond);
        }
    }

    void aSweepGivesAPointPerValueInTheChartAndTheTable()
    {
        setUp("64,256,1024", 2, 0.2);
        QTest::mouseClick(dock()->runButton(), Qt::LeftButton);
        // The designer's own run waits for the experiment, and the form cannot change under it.
        QVERIFY(!action("actionRun")->isEnabled());
        QVERIFY(!dock()->runButton()->isEnabled());
        QVERIFY(!form()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!dock()->runner()->isRunning(), kSlowMs);
        QVERIFY(action("actionRun")->isEnabled());
        QVERIFY2(
            dock()->messageLabel()->text().startsWith("Done: 3 points"), qPrintable(dock()->messageLabel()->text()));
        QCOMPARE(dock()->progressBar()->value(), 6);
        QCOMPARE(dock()->chart()->pointCount(), 3);
        QCOMPARE(dock()->table()->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(dock()->table()->item(row, 0)->text(), QStringList({"64", "256", "1024"})[row]);
            QCOMPARE(dock()->table()->item(row, 1)->text(), QString("2")); // runs
            QVERIFY(dock()->table()->item(row, 2)->text().toDouble() > 0); // events/s
        }
        QCOMPARE(dock()->chart()->xAxis->scaleType(), QCPAxis::stLogarithmic); // powers of two
        QCOMPARE(dock()->chart()->graphCount(), 2); // measured and predicted
        choose(dock()->figureBox(), "CPU seconds per run");
        QCOMPARE(dock()->chart()->yAxis->label(), QString("CPU seconds per run"));
        QCOMPARE(dock()->chart()->pointCount(), 3);

        // Ctrl+C copies the selection as tab-separated text with its column titles.
        dock()->table()->setFocus();
        QTest::keyClick(dock()->table(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(dock()->table(), Qt::Key_C, Qt::ControlModifier);
        const QStringList lines = QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("ring.slots\truns\tevents/s"));
        QVERIFY(lines[3].startsWith("1024\t2\t"));
        exportsAreValid();
    }

    void aChoiceIsACategoryAndASecondAxisALinePerValue()
    {
        choose(form()->firstAxis()->nodeBox(), "ring");
        choose(form()->firstAxis()->paramBox(), "wait_strategy");
        typeInto(form()->firstAxis()->valuesEdit(), "busy-spin,blocking");
        QTest::mouseClick(form()->secondAxisBox(), Qt::LeftButton);
        choose(form()->secondAxis()->nodeBox(), "producer");
        choose(form()->secondAxis()->paramBox(), "batch");
        typeInto(form()->secondAxis()->valuesEdit(), "1,16");
        typeInto(form()->repeatBox(), "1");
        typeInto(form()->durationBox(), "0.2");
        runToTheEnd();
        QCOMPARE(dock()->table()->rowCount(), 4);
        QCOMPARE(dock()->chart()->pointCount(), 4);
        QCOMPARE(dock()->chart()->graphCount(), 4); // two lines, each with its prediction
        QVERIFY(dock()->chart()->legend->visible());
        auto ticker = dock()->chart()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().values(), QList<QString>({"busy-spin", "blocking"}));
    }

    void aBadSpecificationIsRefusedWithTheCommandLinesMessage()
    {
        setUp("64,100", 1, 0.2);
        QTest::mouseClick(dock()->runButton(), Qt::LeftButton);
        QVERIFY(!dock()->runner()->isRunning());
        const auto refusal = pipeline::parseSweepAxis(document()->spec(), "ring.slots=64,100");
        QVERIFY(std::holds_alternative<std::string>(refusal));
        QCOMPARE(dock()->messageLabel()->text(), QString::fromStdString(std::get<std::string>(refusal)));
        QVERIFY(dock()->messageLabel()->text().startsWith("ring.slots: 100"));
        QLineEdit *values = form()->firstAxis()->valuesEdit();
        values->setFocus();
        values->selectAll();
        QTest::keyClick(values, Qt::Key_Backspace);
        QTest::mouseClick(dock()->runButton(), Qt::LeftButton);
        QCOMPARE(dock()->messageLabel()->text(), QString("ring.slots: no values"));
    }

    void cancelKeepsThePointsMeasuredSoFar()
    {
        setUp("64,128,256,512", 3, 0.3);
        QTest::mouseClick(dock()->runButton(), Qt::LeftButton);
        // Runs go A B C D A B C D...: after four, every point has one.
        QTRY_VERIFY_WITH_TIMEOUT(dock()->progressBar()->value() >= 4, kSlowMs);
        QTest::mouseClick(dock()->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dock()->runner()->isRunning(), kSlowMs);
        const pipeline::SweepResult &result = dock()->runner()->result();
        QVERIFY(result.cancelled);
        std::size_t runs = 0;
        for (const pipeline::PointResult &point : result.points) {
            QVERIFY(!point.runs.empty());
            runs += point.runs.size();
        }
        QVERIFY(runs >= 4 && runs < 12);
        QVERIFY2(dock()->messageLabel()->text().startsWith("Cancelled: 4 of 4 points"),
            qPrintable(dock()->messageLabel()->text()));
        QCOMPARE(dock()->chart()->pointCount(), 4);
        QCOMPARE(dock()->table()->rowCount(), 4);
    }

    void experimentsAreKeptInThePipelineAndRunAgain()
    {
        // The shipped example brings its experiment; choosing it fills the form.
        QCOMPARE(dock()->savedBox()->count(), 1);
        dock()->savedBox()->setFocus();
        QTest::keyClick(dock()->savedBox(), Qt::Key_Down);
        QCOMPARE(form()->firstAxis()->axis().sweepText(),
            std::string("ring.wait_strategy=busy-spin,yielding,sleeping,blocking,phased-backoff"));
        QVERIFY(form()->secondAxisBox()->isChecked());
        QCOMPARE(form()->repeatBox()->value(), 2);
        // A new one is kept beside it, an undoable edit that saving writes into the file.
        setUp("64,128", 1, 0.2);
        QTest::mouseClick(form()->secondAxisBox(), Qt::LeftButton);
        typeInto(form()->findChild<QLineEdit *>("experimentName"), "slots");
        QTest::mouseClick(m_window->findChild<QPushButton *>("keepExperiment"), Qt::LeftButton);
        QVERIFY(document()->isModified());
        QCOMPARE(document()->spec().experiments.size(), std::size_t {2});
        QCOMPARE(document()->spec().experiments[1],
            (pipeline::ExperimentSpec {"slots", {{"ring.slots", "64,128"}}, 1, 0.2}));
        QCOMPARE(dock()->savedBox()->count(), 2);
        const QString path = m_dir.filePath("kept.json");
        QVERIFY(m_window->fileActions()->saveTo(path));
        const pipeline::LoadResult saved = pipeline::loadPipelineFile(path.toStdString());
        QVERIFY(saved.ok());
        QCOMPARE(saved.spec->experiments, document()->spec().experiments);
        document()->undo();
        QCOMPARE(dock()->savedBox()->count(), 1);
    }

private:
    void exportsAreValid()
    {
        const pipeline::SweepResult &result = dock()->runner()->result();
        QCOMPARE(dock()->exportTo(m_dir.filePath("sweep.csv")), QString());
        QFile csv(m_dir.filePath("sweep.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray csvText = csv.readAll();
        QCOMPARE(csvText.toStdString(), pipeline::sweepCsv(result)); // as ringflow-run --report csv
        const QList<QByteArray> rows = csvText.trimmed().split('\n');
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[0].startsWith("ring.slots,"));
        QCOMPARE(rows[0].count(','), rows[3].count(','));

        QCOMPARE(dock()->exportTo(m_dir.filePath("sweep.json")), QString());
        QFile json(m_dir.filePath("sweep.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(json.readAll(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray points = parsed.object().value("points").toArray();
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[2].toObject().value("values").toObject().value("ring.slots").toInt(), 1024);
        QVERIFY(points[0].toObject().value("events_per_second").toObject().value("median").toDouble() > 0);

        for (const QString name : {"chart.png", "chart.pdf"}) {
            QCOMPARE(dock()->exportTo(m_dir.filePath(name)), QString());
            QVERIFY2(QFileInfo(m_dir.filePath(name)).size() > 0, qPrintable(name));
        }
        QVERIFY(!QImage(m_dir.filePath("chart.png")).isNull());
        QFile pdf(m_dir.filePath("chart.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
    }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestExperiment)
#include "test_experiment.moc"
