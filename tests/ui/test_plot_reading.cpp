// Reading the live plots as a user does: the readout under the mouse, wheel zoom and drag pan with
// the way back to the live window, a double-click to reset, decades on a log axis, and exports
// that fit the run and say what it was.

#include "format/number_format.h"
#include "plot_test_support.h"
#include "plots/plot_axes.h"
#include "plots/plot_readout.h"
#include "plots/plot_toolbar.h"

#include <QDate>
#include <QFileInfo>
#include <QLabel>
#include <QTemporaryDir>
#include <QToolButton>
#include <QWheelEvent>

using namespace ringflow;
using namespace ringflow::ui::plot_test;
using ui::PlotPanel;

namespace {

/// Where time `seconds` is on `plot`, halfway up its data.
QPoint pointAt(const QCustomPlot *plot, double seconds)
{
    const QRect data = plot->axisRect()->rect();
    return {qRound(plot->xAxis->coordToPixel(seconds)), data.center().y()};
}

/// A turn of the mouse wheel over `plot` at `at`: `notches` up (positive) zooms in.
void turnWheel(QCustomPlot *plot, QPoint at, int notches)
{
    QWheelEvent wheel(QPointF(at), QPointF(plot->mapToGlobal(at)), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(plot, &wheel);
}

QList<QCustomPlot *> plotsOf(const PlotPanel &panel)
{
    return {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()};
}

/// The live window after `latest` seconds of a run: the last `window` seconds.
void verifyLive(const PlotPanel &panel, double latest, double window = 60)
{
    QVERIFY(!panel.isFrozen());
    for (const QCustomPlot *plot : plotsOf(panel)) {
        QCOMPARE(plot->xAxis->range().upper, std::max(latest, window));
        QCOMPARE(plot->xAxis->range().lower, std::max(latest, window) - window);
    }
}

} // namespace

class TestPlotReading : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Readouts write figures in the user's locale: make it one whose output the checks know.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void theReadoutShowsEveryValueUnderTheMouse()
    {
        PlotPanel panel;
        showPanel(panel);
        panel.beginRun(makePlan(), makeColors(), makeFrame(0));
        feed(panel, 0.1, 20);
        QCoreApplication::processEvents();

        // The mouse a pixel off the sample at 12 s: the readout snaps to it.
        QCustomPlot *throughput = panel.throughputPlot();
        ui::PlotReadout *readout = panel.readoutOf(throughput);
        QVERIFY(!readout->isShown());
        QTest::mouseMove(throughput, pointAt(throughput, 12.0) + QPoint(1, 0));
        QVERIFY(readout->isShown());
        QCOMPARE(readout->time(), 12.0);
        QStringList lines = readout->lines();
        QCOMPARE(lines.size(), 1 + 5);
        QCOMPARE(lines[0], QString("12.0 s"));
        QCOMPARE(lines[1], "p1  " + ui::rateText(producerRate(0, 12.0)));
        QCOMPARE(lines[5], "c3  " + ui::rateText(consumerRate(2, 12.0)));
        // Drawn where the mouse is: a line at the sample's time.
        const QImage image = throughput->grab().toImage();
        if (const QString grab = qEnvironmentVariable("RINGFLOW_PLOT_PANEL_GRAB"); !grab.isEmpty())
            QVERIFY(panel.grab().save(QString(grab).replace(".png", "-readout.png")));
        const int x = qRound(throughput->xAxis->coordToPixel(12.0) * image.devicePixelRatio());
        QVERIFY2(pixelsNear(image.copy(x, 0, 1, image.height()), ui::theme::secondaryText()) > 20, "the line at 12 s");

        // Latency: a consumer's three percentiles on one line, named in the first.
        QCustomPlot *latency = panel.latencyPlot();
        QTest::mouseMove(latency, pointAt(latency, 7.5));
        lines = panel.readoutOf(latency)->lines();
        QVERIFY(!readout->isShown()); // the mouse left the throughput plot
        QCOMPARE(lines[0], QString("7.5 s   p50 · p99 · p99.9"));
        QCOMPARE(lines[1], QString("c1  1 µs · 5 µs · 20 µs"));
        QCOMPARE(lines[3], QString("c3  3 µs · 15 µs · 60 µs"));
        // Ring fill in percent.
        QTest::mouseMove(panel.ringFillPlot(), pointAt(panel.ringFillPlot(), 3.0));
        QCOMPARE(panel.readoutOf(panel.ringFillPlot())->lines().at(2), QString("r2  20.0%"));

        // A hidden series is left out; over the legend, or out of the plot, there is no readout.
        panel.setSeriesVisible(producerId(0), false);
        QTest::mouseMove(throughput, pointAt(throughput, 12.0));
        QVERIFY(!readout->lines().join('\n').contains("p1  "));
        QTest::mouseMove(throughput, ui::legendItems(throughput->legend).front()->outerRect().center());
        QVERIFY(!readout->isShown());
        QTest::mouseMove(throughput, pointAt(throughput, 12.0));
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(throughput, &leave);
        QVERIFY(!readout->isShown());
    }

    void seriesThatCoincideAreToldApart()
    {
        PlotPanel panel;
        showPanel(panel);
        panel.beginRun(makePlan(), makeColors(), makeFrame(0));
        // Every stage handles every event: their rates are the same, their lines one.
        for (int tenth = 1; tenth <= 50; ++tenth) {
            pipeline::Frame frame = makeFrame(tenth / 10.0);
            for (std::size_t i = 0; i < frame.nodes.size(); ++i)
                frame.nodes[i].eventsPerSecond = 5000;
            panel.addFrame(frame);
        }
        QCoreApplication::processEvents();
        QTest::mouseMove(panel.throughputPlot(), pointAt(panel.throughputPlot(), 4.0));
        const QStringList lines = panel.readoutOf(panel.throughputPlot())->lines();
        QCOMPARE(lines.size(), 6);
        for (const QString &id : {producerId(0), producerId(1), consumerId(0), consumerId(1), consumerId(2)})
            QVERIFY2(lines.contains(id + "  5 k ev/s"), qPrintable(lines.join('\n')));
    }

    void theWheelZoomsAndFollowLiveGoesBack()
    {
        PlotPanel panel;
        showPanel(panel);
        panel.beginRun(makePlan(), makeColors(), makeFrame(0));
        feed(panel, 0.1, 100);
        QCoreApplication::processEvents();
        verifyLive(panel, 100);
        auto *follow = panel.findChild<QToolButton *>(QStringLiteral("plotFollowLive"));
        QVERIFY(follow);
        QVERIFY(!follow->isEnabled());

        // Zoomed in around 70 s: the plots stop following, all three.
        QSignalSpy frozen(&panel, &PlotPanel::frozenChanged);
        turnWheel(panel.latencyPlot(), pointAt(panel.latencyPlot(), 70), 3);
        QVERIFY(panel.isFrozen());
        QCOMPARE(frozen.count(), 1);
        QVERIFY(follow->isEnabled());
        const QCPRange zoomed = panel.latencyPlot()->xAxis->range();
        QVERIFY2(zoomed.size() < 45, qPrintable(QString::number(zoomed.size())));
        QVERIFY(zoomed.contains(70));
        for (const QCustomPlot *plot : plotsOf(panel))
            QCOMPARE(plot->xAxis->range(), zoomed);
        // The run goes on underneath, recorded.
        feed(panel, 100.1, 110);
        QCoreApplication::processEvents();
        QCOMPARE(panel.throughputPlot()->xAxis->range(), zoomed);
        QCOMPARE((panel.graphFor(producerId(0))->data()->constEnd() - 1)->key, 110.0);

        follow->click();
        QCoreApplication::processEvents();
        verifyLive(panel, 110);
        QVERIFY(!follow->isEnabled());
        QCOMPARE(frozen.count(), 2);
    }

    void aDragPansAndADoubleClickResets()
    {
        PlotPanel panel;
        showPanel(panel);
        panel.beginRun(makePlan(), makeColors(), makeFrame(0));
        feed(panel, 0.1, 100);
        QCoreApplication::processEvents();

        // Dragged right by a sixth of the axis: ten seconds earlier.
        QCustomPlot *plot = panel.ringFillPlot();
        const QPoint from = pointAt(plot, 70);
        const QPoint to = pointAt(plot, 80);
        QTest::mousePress(plot, Qt::LeftButton, {}, from);
        for (int i = 1; i <= 4; ++i)
            QTest::mouseMove(plot, from + (to - from) * i / 4);
        QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
        QVERIFY(panel.isFrozen());
        for (const QCustomPlot *each : plotsOf(panel)) {
            QVERIFY2(
                qAbs(each->xAxis->range().upper - 90) < 0.5, qPrintable(QString::number(each->xAxis->range().upper)));
            QVERIFY(qAbs(each->xAxis->range().size() - 60) < 1e-6);
        }

        // A double-click on the data: back to the live window.
        feed(panel, 100.1, 105);
        QTest::mouseDClick(plot, Qt::LeftButton, {}, pointAt(plot, 80));
        QCoreApplication::processEvents();
        verifyLive(panel, 105);
    }

    void theToolBarKeepsItsWidthWhenFrozen()
    {
        PlotPanel panel;
        showPanel(panel, {700, 400});
        auto *tools = panel.findChild<ui::PlotToolBar *>();
        auto *note = panel.findChild<QLabel *>(QStringLiteral("plotNote"));
        QVERIFY(tools && note);
        const QSize hint = tools->minimumSizeHint();
        const QString live = note->text();
        panel.setFrozen(true);
        QCOMPARE(tools->minimumSizeHint(), hint);
        QVERIFY(note->text() != live);
        QVERIFY(note->text().contains("recorded"));
    }

    void aLogAxisLabelsEveryDecadeWithSubTicks()
    {
        PlotPanel panel;
        showPanel(panel);
        panel.beginRun(makePlan(), makeColors(), makeFrame(0));
        // Rates from 5 to 50,000 events/s: five decades.
        for (int tenth = 1; tenth <= 50; ++tenth) {
            pipeline::Frame frame = makeFrame(tenth / 10.0);
            for (std::size_t i = 0; i < frame.nodes.size(); ++i)
                frame.nodes[i].eventsPerSecond = 5 * std::pow(10.0, static_cast<double>(i % 5));
            panel.addFrame(frame);
        }
        panel.setLogScale(true);
        panel.throughputPlot()->replot();
        const QCPAxis *axis = panel.throughputPlot()->yAxis;
        QCOMPARE(axis->range().lower, 1.0);
        QCOMPARE(axis->range().upper, 100000.0);
        QCOMPARE(axis->tickVector(), (QVector<double> {1, 10, 100, 1000, 10000, 100000}));
        QCOMPARE(axis->tickVectorLabels(), (QVector<QString> {"1", "10", "100", "1k", "10k", "100k"}));
        // Sub-ticks at 2 to 9 times each decade.
        QVERIFY(axis->subTicks());
        QVector<double> ticks;
        QVector<double> subTicks;
        axis->ticker()->generate(axis->range(), QLocale::c(), 'g', 6, ticks, &subTicks, nullptr);
        QCOMPARE(subTicks.size(), 5 * 8);
        QCOMPARE(subTicks.first(), 2.0);
        QCOMPARE(subTicks.last(), 90000.0);
        // Linear again: no sub-ticks.
        panel.setLogScale(false);
        QVERIFY(!axis->subTicks());
    }

    void anExportFitsTheRunAndSaysWhatItWas()
    {
        QTemporaryDir dir;
        PlotPanel panel;
        showPanel(panel);
        const Shape shape {2, 3, 2};
        pipeline::Plan plan = makePlan(shape);
        plan.name = "export-check";
        const ui::RunColors colors = makeColors(shape);
        panel.beginRun(plan, colors, makeFrame(0, shape));
        feed(panel, 0.1, 6, shape, true);
        QCoreApplication::processEvents();

        // A 6 s run in a 60 s window: the picture shows the 6 s.
        QCOMPARE(panel.exportTimeRange(), QCPRange(0, 6));
        const QString title = panel.exportTitle();
        QVERIFY2(title.startsWith("export-check · "), qPrintable(title));
        QVERIFY2(title.contains(QDate::currentDate().toString(Qt::ISODate)), qPrintable(title));
        QVERIFY2(title.endsWith("6.0 s run"), qPrintable(title));

        const QString path = dir.filePath("plots.png");
        QString error;
        QVERIFY2(panel.exportPng(path, &error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 20'000);
        if (const QString grab = qEnvironmentVariable("RINGFLOW_PLOT_PANEL_GRAB"); !grab.isEmpty())
            QVERIFY(QFile::copy(path, QString(grab).replace(".png", "-export-fit.png")));
        const QImage image(path);
        QVERIFY(!image.isNull());
        // The first plot's lines run from the left of the picture to its right.
        const QImage top = image.copy(0, 0, image.width(), image.height() / 3);
        int leftmost = image.width();
        int rightmost = 0;
        for (int x = 0; x < top.width(); ++x) {
            if (pixelsNear(top.copy(x, 0, 1, top.height()), colors.at(producerId(1))) > 0) {
                leftmost = std::min(leftmost, x);
                rightmost = std::max(rightmost, x);
            }
        }
        QVERIFY2(rightmost > image.width() * 0.9, qPrintable(QString::number(rightmost)));
        QVERIFY2(leftmost < image.width() * 0.15, qPrintable(QString::number(leftmost)));
        // A title line above the plots.
        QVERIFY(pixelsNear(image.copy(0, 0, image.width(), 50), ui::theme::primaryText()) > 100);
        // The plots on screen still show the live window.
        QCoreApplication::processEvents();
        QCOMPARE(panel.throughputPlot()->xAxis->range(), QCPRange(0, 60));

        // Frozen on a stretch of the run, an export shows that stretch.
        panel.setFrozen(true);
        panel.throughputPlot()->xAxis->setRange(2, 4);
        QCOMPARE(panel.exportTimeRange(), QCPRange(2, 4));
    }
};

QTEST_MAIN(TestPlotReading)
#include "test_plot_reading.moc"
