// The live plot panel: series per node and ring in the run's colours, the scrolling window and its
// bounded history, legend clicks, the compact layout of a short dock, freeze, log scale and the
// exports, driven as a user does.

#include "plots/plot_panel.h"

#include "canvas/theme.h"
#include "plot_test_support.h"
#include "plots/plot_axes.h"
#include "plots/plot_legend.h"
#include <qcustomplot.h>

#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QSpinBox>
#include <QSplitter>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <ctime>

using namespace ringflow;
using namespace ringflow::ui::plot_test;
using ui::PlotPanel;

class TestPlotPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyStateShowsHint();
    void beginRunCreatesASeriesPerFigure();
    void framesAppendWhatWasFed();
    void valueAxisFitsVisibleSeries();
    void windowKeepsOnlyItsPoints();
    void windowBoxAndClamping();
    void legendClickTogglesSeries();
    void latencySeriesShowOneByOneOrPerConsumer();
    void compactLayoutInAShortWideDock();
    void freezeStopsFollowingTheRun();
    void collapsedPlotIsNotReplotted();
    void logScale();
    void axisLabelsAreShort();
    void exportPng();
    void exportPdf();
    void exportToUnwritablePathFails();
    void replotCost();
};

void TestPlotPanel::emptyStateShowsHint()
{
    PlotPanel panel;
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()}) {
        QCOMPARE(plot->graphCount(), 0);
        QVERIFY(!plot->legend->visible());
        QVERIFY(hintOf(plot));
        QVERIFY(hintOf(plot)->visible());
    }
    QVERIFY(hintOf(panel.throughputPlot())->text().contains(QStringLiteral("Run (F5)")));
    QVERIFY(!panel.hasRun());

    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    QVERIFY(panel.hasRun());
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()}) {
        QVERIFY(!hintOf(plot)->visible());
        QVERIFY(plot->legend->visible());
    }

    feed(panel, 0.1, 2);
    panel.clear();
    QVERIFY(!panel.hasRun());
    QVERIFY(!panel.graphFor(QStringLiteral("p1")));
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()}) {
        QCOMPARE(plot->graphCount(), 0);
        QCOMPARE(legendEntries(plot), 0);
        QVERIFY(hintOf(plot)->visible());
    }
    // Frames without a run have nowhere to go.
    panel.addFrame(makeFrame(3));
    QCOMPARE(panel.throughputPlot()->graphCount(), 0);
}

void TestPlotPanel::beginRunCreatesASeriesPerFigure()
{
    PlotPanel panel;
    const ui::RunColors colors = makeColors();
    panel.beginRun(makePlan(), colors, makeFrame(0));

    QCOMPARE(panel.throughputPlot()->graphCount(), 5);
    QCOMPARE(panel.ringFillPlot()->graphCount(), 2);
    QCOMPARE(panel.latencyPlot()->graphCount(), 9);
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.ringFillPlot()}) {
        QCOMPARE(legendEntries(plot), plot->graphCount());
        for (int i = 0; i < plot->graphCount(); ++i)
            QVERIFY(plot->legend->hasItemWithPlottable(plot->graph(i)));
    }
    // One latency entry per consumer, named by its id, for its three series; its icon is the p50.
    QCOMPARE(legendEntries(panel.latencyPlot()), 3);
    for (int i = 0; i < 3; ++i) {
        ui::SeriesLegendItem *entry = legendEntry(panel.latencyPlot(), consumerId(i));
        QVERIFY2(entry, qPrintable(consumerId(i)));
        QCOMPARE(entry->plottable(), latencyGraphs(panel, i)[0]);
        QCOMPARE(entry->series().size(), 3);
        for (QCPGraph *graph : latencyGraphs(panel, i))
            QVERIFY(entry->series().contains(graph));
    }

    for (const QString &id : {producerId(0), producerId(1), consumerId(0), consumerId(1), consumerId(2)}) {
        QCPGraph *graph = panel.graphFor(id);
        QVERIFY2(graph, qPrintable(id));
        QCOMPARE(graph->parentPlot(), panel.throughputPlot());
        QCOMPARE(graph->name(), id);
        QCOMPARE(graph->pen().color(), colors.at(id));
        QVERIFY(legendEntry(panel.throughputPlot(), id));
    }
    for (const QString &id : {ringId(0), ringId(1)}) {
        QCPGraph *graph = panel.graphFor(id);
        QVERIFY2(graph, qPrintable(id));
        QCOMPARE(graph->parentPlot(), panel.ringFillPlot());
        QCOMPARE(graph->pen().color(), colors.at(id));
    }
    for (int i = 0; i < 3; ++i) {
        const QString id = consumerId(i);
        QCPGraph *p50 = panel.graphFor(id + QStringLiteral(" p50"));
        QCPGraph *p99 = panel.graphFor(id + QStringLiteral(" p99"));
        QCPGraph *p999 = panel.graphFor(id + QStringLiteral(" p99.9"));
        QVERIFY(p50 && p99 && p999);
        for (QCPGraph *graph : {p50, p99, p999}) {
            QCOMPARE(graph->parentPlot(), panel.latencyPlot());
            QCOMPARE(graph->pen().color(), colors.at(id));
        }
        QCOMPARE(p50->pen().style(), Qt::SolidLine);
        QCOMPARE(p99->pen().style(), Qt::DashLine);
        QCOMPARE(p999->pen().style(), Qt::DotLine);
    }
    // Producers have no latency.
    QVERIFY(!panel.graphFor(producerId(0) + QStringLiteral(" p50")));
    // The first frame only names the series: its rates are zero by definition.
    QVERIFY(panel.graphFor(producerId(0))->data()->isEmpty());

    // A new run starts from scratch, with the new run's series only.
    panel.beginRun(makePlan({1, 1, 1}), colors, makeFrame(0, {1, 1, 1}));
    QCOMPARE(panel.throughputPlot()->graphCount(), 2);
    QCOMPARE(panel.ringFillPlot()->graphCount(), 1);
    QCOMPARE(panel.latencyPlot()->graphCount(), 3);
    QVERIFY(!panel.graphFor(consumerId(2)));
}

void TestPlotPanel::framesAppendWhatWasFed()
{
    PlotPanel panel;
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 1.0);
    const double last = 1.0;

    for (int i = 0; i < 2; ++i) {
        QCPGraph *graph = panel.graphFor(producerId(i));
        QCOMPARE(graph->dataCount(), 10);
        QCOMPARE((graph->data()->constEnd() - 1)->key, last);
        QCOMPARE(lastValue(graph), producerRate(i, last));
    }
    for (int i = 0; i < 3; ++i) {
        const QString id = consumerId(i);
        QCOMPARE(panel.graphFor(id)->dataCount(), 10);
        QCOMPARE(lastValue(panel.graphFor(id)), consumerRate(i, last));
        // Latency is plotted in µs.
        QCOMPARE(lastValue(panel.graphFor(id + QStringLiteral(" p50"))), p50Ns(i) / 1000.0);
        QCOMPARE(lastValue(panel.graphFor(id + QStringLiteral(" p99"))), p99Ns(i) / 1000.0);
        QCOMPARE(lastValue(panel.graphFor(id + QStringLiteral(" p99.9"))), p999Ns(i) / 1000.0);
    }
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(panel.graphFor(ringId(i))->dataCount(), 10);
        QCOMPARE(lastValue(panel.graphFor(ringId(i))), ringFill(i) * 100);
    }

    // An interval without sampled events has no latency: a gap, not a drop to zero.
    pipeline::Frame quiet = makeFrame(1.1);
    for (pipeline::NodeFigures &node : quiet.nodes)
        node.latency = {};
    panel.addFrame(quiet);
    QVERIFY(std::isnan(lastValue(panel.graphFor(QStringLiteral("c1 p50")))));
    QVERIFY(std::isnan(lastValue(panel.graphFor(QStringLiteral("c1 p99.9")))));

    // A frame lists the nodes in plan order: the producers, then the consumers; the rings apart.
    panel.addFrame(makeFrame(1.2));
    QCOMPARE(lastValue(panel.graphFor(producerId(0))), producerRate(0, 1.2));
    QCOMPARE(lastValue(panel.graphFor(consumerId(2))), consumerRate(2, 1.2));
    QCOMPARE(lastValue(panel.graphFor(QStringLiteral("c3 p99"))), p99Ns(2) / 1000.0);
    QCOMPARE(lastValue(panel.graphFor(ringId(0))), ringFill(0) * 100);
    QCOMPARE(panel.graphFor(ringId(1))->dataCount(), 12);
}

void TestPlotPanel::valueAxisFitsVisibleSeries()
{
    PlotPanel panel;
    showPanel(panel);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 10);
    QCoreApplication::processEvents();

    // Throughput: from 0 to a little above the highest visible rate (p2 at 2010 events/s).
    const QCPRange rates = panel.throughputPlot()->yAxis->range();
    QCOMPARE(rates.lower, 0.0);
    QVERIFY2(rates.upper >= producerRate(1, 10) && rates.upper <= 1.5 * producerRate(1, 10),
        qPrintable(QString::number(rates.upper)));
    // Latency: up to c3's p99.9, 60 µs.
    const QCPRange latency = panel.latencyPlot()->yAxis->range();
    QCOMPARE(latency.lower, 0.0);
    QVERIFY2(latency.upper >= 60 && latency.upper <= 90, qPrintable(QString::number(latency.upper)));
    // Ring fill is a share: 0..100 % always, with a hair of margin.
    const QCPRange fill = panel.ringFillPlot()->yAxis->range();
    QVERIFY(fill.lower <= 0 && fill.lower > -5);
    QVERIFY(fill.upper >= 100 && fill.upper < 105);

    // Hidden series no longer count.
    panel.setSeriesVisible(producerId(1), false);
    panel.setSeriesVisible(producerId(0), false);
    QCoreApplication::processEvents();
    const double highestShown = consumerRate(2, 10);
    QVERIFY2(panel.throughputPlot()->yAxis->range().upper < producerRate(1, 10),
        qPrintable(QString::number(panel.throughputPlot()->yAxis->range().upper)));
    QVERIFY(panel.throughputPlot()->yAxis->range().upper >= highestShown);
}

void TestPlotPanel::windowKeepsOnlyItsPoints()
{
    PlotPanel panel;
    showPanel(panel);
    panel.setWindowSeconds(60);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 200);
    QCoreApplication::processEvents();

    const double last = 200;
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()}) {
        for (int i = 0; i < plot->graphCount(); ++i) {
            const QCPGraph *graph = plot->graph(i);
            QVERIFY2(graph->data()->constBegin()->key >= last - 60 - 1e-9, qPrintable(graph->name()));
            QVERIFY2(graph->dataCount() <= 601, qPrintable(QString::number(graph->dataCount())));
            QVERIFY2(graph->dataCount() >= 600, qPrintable(QString::number(graph->dataCount())));
            QCOMPARE((graph->data()->constEnd() - 1)->key, last);
        }
        // The time axis scrolls with the run.
        QCOMPARE(plot->xAxis->range().upper, last);
        QCOMPARE(plot->xAxis->range().lower, last - 60);
    }

    // A narrower window drops more on the next frame.
    panel.setWindowSeconds(10);
    feed(panel, 200.1, 200.1);
    QCoreApplication::processEvents();
    QVERIFY(panel.graphFor(producerId(0))->dataCount() <= 101);
    QCOMPARE(panel.throughputPlot()->xAxis->range().lower, 190.1);

    // Before the run fills the window, time runs from the left edge.
    panel.setWindowSeconds(60);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 5);
    QCoreApplication::processEvents();
    QCOMPARE(panel.throughputPlot()->xAxis->range().lower, 0.0);
    QCOMPARE(panel.throughputPlot()->xAxis->range().upper, 60.0);
}

void TestPlotPanel::windowBoxAndClamping()
{
    PlotPanel panel;
    auto *box = panel.findChild<QSpinBox *>(QStringLiteral("plotWindowSeconds"));
    QVERIFY(box);
    QCOMPARE(panel.windowSeconds(), PlotPanel::kDefaultWindowSeconds);
    QCOMPARE(box->value(), 60);

    QSignalSpy changed(&panel, &PlotPanel::windowSecondsChanged);
    box->setValue(120);
    QCOMPARE(panel.windowSeconds(), 120.0);
    QCOMPARE(changed.count(), 1);

    panel.setWindowSeconds(30);
    QCOMPARE(box->value(), 30);
    panel.setWindowSeconds(1);
    QCOMPARE(panel.windowSeconds(), PlotPanel::kMinWindowSeconds);
    panel.setWindowSeconds(1e6);
    QCOMPARE(panel.windowSeconds(), PlotPanel::kMaxWindowSeconds);
    QCOMPARE(box->value(), 3600);
    QCOMPARE(changed.count(), 4);
}

void TestPlotPanel::legendClickTogglesSeries()
{
    PlotPanel panel;
    showPanel(panel);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 5);
    QCoreApplication::processEvents();

    // A throughput entry is one series; a latency entry is a consumer's three.
    for (QCustomPlot *plot : {panel.throughputPlot(), panel.latencyPlot()}) {
        const QString name = consumerId(1);
        const QList<QCPGraph *> graphs
            = plot == panel.throughputPlot() ? QList<QCPGraph *> {panel.graphFor(name)} : latencyGraphs(panel, 1);
        ui::SeriesLegendItem *entry = legendEntry(plot, name);
        QVERIFY(entry);
        const QColor shownText = entry->textColor();
        const QRect rect = entry->outerRect();
        QVERIFY2(rect.isValid() && plot->rect().contains(rect), qPrintable(name));
        // The legend sits above the data, not on it.
        QVERIFY(rect.bottom() < plot->axisRect()->rect().top());

        QTest::mouseClick(plot, Qt::LeftButton, {}, rect.center());
        for (const QCPGraph *graph : graphs)
            QVERIFY2(!graph->visible(), qPrintable(graph->name()));
        QVERIFY(entry->textColor() != shownText);
        // Only that entry's series.
        QVERIFY(panel.graphFor(consumerId(0))->visible());
        QVERIFY(panel.graphFor(QStringLiteral("c1 p99"))->visible());

        QCoreApplication::processEvents();
        QTest::mouseClick(plot, Qt::LeftButton, {}, legendEntry(plot, name)->outerRect().center());
        for (const QCPGraph *graph : graphs)
            QVERIFY(graph->visible());
        QCOMPARE(entry->textColor(), shownText);
        QCOMPARE(graphs.front()->pen().color(), makeColors().at(consumerId(1)));
    }

    // A series hidden by the user comes back in the next run: hidden, it would be missed there.
    QTest::mouseClick(
        panel.ringFillPlot(), Qt::LeftButton, {}, legendEntry(panel.ringFillPlot(), ringId(0))->outerRect().center());
    QVERIFY(!panel.graphFor(ringId(0))->visible());
    QTest::mouseClick(
        panel.latencyPlot(), Qt::LeftButton, {}, legendEntry(panel.latencyPlot(), consumerId(2))->outerRect().center());
    for (const QCPGraph *graph : latencyGraphs(panel, 2))
        QVERIFY(!graph->visible());
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    QVERIFY(panel.graphFor(ringId(0))->visible());
    QVERIFY(panel.graphFor(ringId(1))->visible());
    for (const QCPGraph *graph : latencyGraphs(panel, 2))
        QVERIFY(graph->visible());
    QCOMPARE(legendEntry(panel.latencyPlot(), consumerId(2))->textColor(), ui::theme::primaryText());
}

void TestPlotPanel::latencySeriesShowOneByOneOrPerConsumer()
{
    PlotPanel panel;
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    ui::SeriesLegendItem *entry = legendEntry(panel.latencyPlot(), consumerId(0));
    QVERIFY(entry);
    const QColor shownText = entry->textColor();

    // One line of the three: the entry still stands for the others.
    panel.setSeriesVisible(QStringLiteral("c1 p99"), false);
    QVERIFY(!panel.graphFor(QStringLiteral("c1 p99"))->visible());
    QVERIFY(panel.graphFor(QStringLiteral("c1 p50"))->visible());
    QVERIFY(entry->anyVisible());
    QCOMPARE(entry->textColor(), shownText);
    // A consumer's three at once, as its entry does; the entry is greyed.
    panel.setLatencyVisible(consumerId(0), false);
    for (const QCPGraph *graph : latencyGraphs(panel, 0))
        QVERIFY(!graph->visible());
    QVERIFY(!entry->anyVisible());
    QVERIFY(entry->textColor() != shownText);
    // Its throughput, named the same, is another series.
    QVERIFY(panel.graphFor(consumerId(0))->visible());
    panel.setLatencyVisible(consumerId(0), true);
    for (const QCPGraph *graph : latencyGraphs(panel, 0))
        QVERIFY(graph->visible());
    QCOMPARE(entry->textColor(), shownText);
    // Producers have no latency; unknown ids are ignored.
    panel.setLatencyVisible(producerId(0), false);
    panel.setLatencyVisible(QStringLiteral("nobody"), false);
    QVERIFY(panel.graphFor(producerId(0))->visible());
}

void TestPlotPanel::compactLayoutInAShortWideDock()
{
    // The dock's size in the designer's window (740 x 300, and 560 x 340 beside the summary), a
    // roomier one, a narrow one and a very wide, short one. The narrow one with many series and
    // long names, so its legends take rows of their own. In the short docks the plots are not
    // stacked: each would be a strip; they go side by side, or where that makes them too narrow,
    // into a grid.
    const QList<QSize> sizes {{740, 300}, {1000, 600}, {480, 420}, {1400, 260}, {560, 340}};
    for (const QSize &size : sizes) {
        const bool narrow = size.width() < 500;
        const Shape shape = narrow ? Shape {2, 6, 3} : Shape {1, 4, 2};
        // Node ids as long as a real pipeline's; one longer than an entry shows (it is elided).
        const pipeline::Plan plan
            = narrow ? makePlan(shape, "-processing-stage", "-with-a-name-too-long-to-show-whole") : makePlan(shape);
        PlotPanel panel;
        showPanel(panel, size);
        panel.beginRun(plan, makeColors(shape), makeFrame(0, shape));
        for (int tenth = 1; tenth <= 400; ++tenth)
            panel.addFrame(makeFrame(tenth / 10.0, shape, true));
        QCoreApplication::processEvents();
        const QString where = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        if (const QString grab = qEnvironmentVariable("RINGFLOW_PLOT_PANEL_GRAB"); !grab.isEmpty())
            QVERIFY(
                panel.grab().save(QString(grab).replace(QStringLiteral(".png"), QLatin1Char('-') + where + ".png")));

        // The narrow one in tabs: stacked, its plots would keep about 40 pixels of data each.
        using ui::PlotArrangement;
        const PlotArrangement arrangement = size == QSize(560, 340) ? PlotArrangement::Grid
            : narrow                                                ? PlotArrangement::Tabbed
            : size.height() <= 300                                  ? PlotArrangement::SideBySide
                                                                    : PlotArrangement::Stacked;
        QVERIFY2(panel.arrangement() == arrangement,
            qPrintable(where + QStringLiteral(": %1").arg(static_cast<int>(panel.arrangement()))));
        const bool stacked = arrangement == PlotArrangement::Stacked;
        const QList<QCustomPlot *> plots {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()};
        const QRect reference = panel.throughputPlot()->axisRect()->rect();
        const int labelHeight = QFontMetrics(ui::theme::labelFont()).height();
        for (QCustomPlot *plot : plots) {
            const QString name = where + QLatin1Char(' ') + plot->objectName();
            if (arrangement == PlotArrangement::Tabbed) {
                // One at a time, chosen by its tab, as large as the panel under the tab bar.
                panel.tabBar()->setCurrentIndex(static_cast<int>(plots.indexOf(plot)));
                QTRY_VERIFY(ui::isShown(plot));
                QVERIFY(plot->height() > size.height() - panel.tabBar()->height() - 60);
                plot->replot();
            }
            const QRect data = plot->axisRect()->rect();
            if (!stacked) {
                // Plots in a row have their time axes level; each is taller than a third.
                if (plot != panel.latencyPlot() || arrangement != PlotArrangement::Grid)
                    QCOMPARE(data.bottom(), reference.bottom());
                const int tall = arrangement == PlotArrangement::SideBySide ? 150
                    : arrangement == PlotArrangement::Tabbed                ? ui::kMinReadableHeight
                                                                            : 70;
                QVERIFY2(data.height() >= tall, qPrintable(name + QString::number(data.height())));
                QVERIFY2(data.width() > plot->width() * 0.6, qPrintable(name));
            } else {
                // Stacked: the three time axes line up.
                QCOMPARE(data.left(), reference.left());
                QCOMPARE(data.right(), reference.right());
                QVERIFY2(data.width() > plot->width() * 0.8, qPrintable(name));
                QVERIFY2(data.height() >= 40, qPrintable(name + QString::number(data.height())));
            }
            // The legend takes a strip above the data, never the data's width.
            const QList<QCPAbstractLegendItem *> entries = ui::legendItems(plot->legend);
            for (int i = 0; i < entries.size(); ++i) {
                const QRect rect = entries[i]->outerRect();
                QVERIFY2(plot->rect().contains(rect), qPrintable(name));
                QVERIFY2(rect.bottom() < data.top(), qPrintable(name));
                for (int j = 0; j < i; ++j)
                    QVERIFY2(!rect.intersects(entries[j]->outerRect()), qPrintable(name));
            }
            // Value labels apart by half a label's height at least, the axis's top labelled.
            const QVector<double> ticks = plot->yAxis->tickVector();
            QVERIFY2(ticks.size() >= 2, qPrintable(name));
            for (int i = 1; i < ticks.size(); ++i) {
                const double gap = plot->yAxis->coordToPixel(ticks[i - 1]) - plot->yAxis->coordToPixel(ticks[i]);
                QVERIFY2(gap >= 1.5 * labelHeight, qPrintable(name + QStringLiteral(" gap ") + QString::number(gap)));
            }
            if (plot != panel.ringFillPlot())
                QCOMPARE(ticks.back(), plot->yAxis->range().upper);
            // Stacked, only the lowest plot labels the time axis the three share.
            QCOMPARE(plot->xAxis->tickLabels(), !stacked || plot == panel.latencyPlot());
        }
        if (narrow) {
            // The latency legend takes a row of its own under the title, in two rows here.
            const QList<QCPAbstractLegendItem *> entries = ui::legendItems(panel.latencyPlot()->legend);
            QCOMPARE(entries.size(), 6);
            const int row = entries.front()->outerRect().top();
            QVERIFY(entries.front()->outerRect().left() < 20);
            QVERIFY(entries.back()->outerRect().top() > row);
            const auto *longest = qobject_cast<ui::SeriesLegendItem *>(entries.back());
            QVERIFY(longest->label().endsWith(QStringLiteral("whole")));
            QVERIFY(longest->shownText().contains(QChar(0x2026)));
            QVERIFY(longest->outerRect().width() < ui::SeriesLegendItem::kMaxTextWidth + 30);
        }
        // With room, each legend is one line with its title.
        if (size.width() >= 1000 && stacked) {
            for (QCustomPlot *plot : plots) {
                const QList<QCPAbstractLegendItem *> entries = ui::legendItems(plot->legend);
                for (const QCPAbstractLegendItem *entry : entries)
                    QCOMPARE(entry->outerRect().top(), entries.front()->outerRect().top());
            }
        }
    }
}

void TestPlotPanel::freezeStopsFollowingTheRun()
{
    PlotPanel panel;
    showPanel(panel);
    panel.setWindowSeconds(60);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 100);
    QCoreApplication::processEvents();
    QCOMPARE(panel.throughputPlot()->xAxis->range().upper, 100.0);

    auto *button = panel.findChild<QToolButton *>(QStringLiteral("plotFreeze"));
    QVERIFY(button);
    QSignalSpy frozen(&panel, &PlotPanel::frozenChanged);
    button->click();
    QVERIFY(panel.isFrozen());
    QCOMPARE(frozen.count(), 1);

    feed(panel, 100.1, 130);
    QCoreApplication::processEvents();
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()})
        QCOMPARE(plot->xAxis->range().upper, 100.0);
    // Still recorded, and what the frozen plots show is kept.
    const QCPGraph *p1 = panel.graphFor(producerId(0));
    QCOMPARE((p1->data()->constEnd() - 1)->key, 130.0);
    QVERIFY(p1->data()->constBegin()->key <= 40.0 + 1e-9);

    // Frozen plots can be looked around in; they move together.
    panel.throughputPlot()->xAxis->setRange(20, 50);
    QCOMPARE(panel.latencyPlot()->xAxis->range().lower, 20.0);
    QCOMPARE(panel.ringFillPlot()->xAxis->range().upper, 50.0);

    panel.setFrozen(false);
    QVERIFY(!button->isChecked());
    QCOMPARE(frozen.count(), 2);
    QCoreApplication::processEvents();
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.ringFillPlot(), panel.latencyPlot()}) {
        QCOMPARE(plot->xAxis->range().upper, 130.0);
        QCOMPARE(plot->xAxis->range().lower, 70.0);
    }
    feed(panel, 130.1, 131);
    QCOMPARE(p1->data()->constBegin()->key, 71.0);

    // A new run is live.
    panel.setFrozen(true);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    QVERIFY(!panel.isFrozen());
}

void TestPlotPanel::collapsedPlotIsNotReplotted()
{
    PlotPanel panel;
    showPanel(panel);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 100);
    QCoreApplication::processEvents();
    QCOMPARE(panel.latencyPlot()->xAxis->range().upper, 100.0);

    const QList<int> sizes = panel.splitter()->sizes();
    panel.splitter()->setSizes({sizes[0] + sizes[2], sizes[1], 0});
    QCoreApplication::processEvents();
    feed(panel, 100.1, 110);
    QCoreApplication::processEvents();
    QCOMPARE(panel.throughputPlot()->xAxis->range().upper, 110.0);
    QCOMPARE(panel.latencyPlot()->xAxis->range().upper, 100.0);
    // The lowest plot that shows labels the time axis.
    QVERIFY(panel.ringFillPlot()->xAxis->tickLabels());
    QVERIFY(!panel.latencyPlot()->xAxis->tickLabels());

    panel.splitter()->setSizes(sizes);
    QCoreApplication::processEvents();
    QCOMPARE(panel.latencyPlot()->xAxis->range().upper, 110.0);
    QVERIFY(panel.latencyPlot()->xAxis->tickLabels());
    QVERIFY(!panel.ringFillPlot()->xAxis->tickLabels());
}

void TestPlotPanel::logScale()
{
    PlotPanel panel;
    showPanel(panel);
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 10);
    auto *box = panel.findChild<QCheckBox *>(QStringLiteral("plotLogScale"));
    QVERIFY(box);
    QVERIFY(!panel.logScale());
    QCOMPARE(panel.throughputPlot()->yAxis->scaleType(), QCPAxis::stLinear);

    box->click();
    QVERIFY(panel.logScale());
    QCoreApplication::processEvents();
    for (const QCustomPlot *plot : {panel.throughputPlot(), panel.latencyPlot()}) {
        QCOMPARE(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerLog>(plot->yAxis->ticker()));
        QVERIFY(plot->yAxis->range().lower > 0);
    }
    // Decades around the data: rates from 400 to 2010 events/s, latency from 1 to 60 µs.
    QCOMPARE(panel.throughputPlot()->yAxis->range().lower, 100.0);
    QCOMPARE(panel.throughputPlot()->yAxis->range().upper, 10000.0);
    QCOMPARE(panel.latencyPlot()->yAxis->range().lower, 1.0);
    QCOMPARE(panel.latencyPlot()->yAxis->range().upper, 100.0);
    // Fill is a share of the ring: linear always.
    QCOMPARE(panel.ringFillPlot()->yAxis->scaleType(), QCPAxis::stLinear);

    // Zero rates have no place on a log axis and must not drag it down to nothing.
    pipeline::Frame stalled = makeFrame(10.1);
    for (pipeline::NodeFigures &node : stalled.nodes)
        node.eventsPerSecond = 0;
    panel.addFrame(stalled);
    QCoreApplication::processEvents();
    QCOMPARE(panel.throughputPlot()->yAxis->range().lower, 100.0);

    panel.setLogScale(false);
    QVERIFY(!box->isChecked());
    QCoreApplication::processEvents();
    QCOMPARE(panel.throughputPlot()->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(panel.latencyPlot()->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(panel.throughputPlot()->yAxis->range().lower, 0.0);
}

void TestPlotPanel::axisLabelsAreShort()
{
    // The labels themselves are number_format's (test_format); here: the ticks they label.
    const QLocale c = QLocale::c();
    QCOMPARE(ui::niceCeiling(2110), 2500.0);
    QCOMPARE(ui::niceCeiling(63), 80.0);
    // Short plots get few value ticks, tall ones more.
    QCOMPARE(ui::valueTickCount(60), 2);
    QVERIFY(ui::valueTickCount(200) >= 5);
    QCOMPARE(ui::percentTickStep(80), 50.0);
    QCOMPARE(ui::percentTickStep(200), 25.0);

    // Ticks from 0 to the top, the top labelled, in nice steps.
    const auto ticksOf = [&](double top, int count) {
        QSharedPointer<QCPAxisTicker> ticker = ui::rateTicker(false);
        ticker->setTickCount(count);
        QVector<double> ticks;
        QVector<QString> labels;
        ticker->generate(QCPRange(0, top), c, QLatin1Char('g'), 6, ticks, nullptr, &labels);
        return labels;
    };
    QCOMPARE(ticksOf(300e3, 2), (QVector<QString> {"0", "150k", "300k"}));
    QCOMPARE(ticksOf(300e3, 3), (QVector<QString> {"0", "100k", "200k", "300k"}));
    QCOMPARE(ticksOf(2500, 5), (QVector<QString> {"0", "500", "1k", "1.5k", "2k", "2.5k"}));
    QCOMPARE(ticksOf(250e3, 2), (QVector<QString> {"0", "250k"}));
    // Decades on a log axis, fewer labelled on a short one, counted down from the top.
    const auto decadesOf = [&](double bottom, double top, int count) {
        QSharedPointer<QCPAxisTicker> ticker = ui::latencyTicker(true);
        ticker->setTickCount(count);
        QVector<double> ticks;
        QVector<QString> labels;
        ticker->generate(QCPRange(bottom, top), c, QLatin1Char('g'), 6, ticks, nullptr, &labels);
        return labels;
    };
    QCOMPARE(decadesOf(0.1, 100, 5), (QVector<QString> {"100 ns", "1 µs", "10 µs", "100 µs"}));
    // Every decade is a tick; when their labels do not all fit, every few are labelled.
    QCOMPARE(decadesOf(0.1, 100, 2), (QVector<QString> {"100 ns", "", "", "100 µs"}));
    QCOMPARE(decadesOf(1, 1e6, 3), (QVector<QString> {"1 µs", "", "", "1 ms", "", "", "1 s"}));
}

void TestPlotPanel::exportPng()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PlotPanel panel;
    showPanel(panel);
    const Shape shape {2, 3, 2};
    const ui::RunColors colors = makeColors(shape);
    panel.beginRun(makePlan(shape), colors, makeFrame(0, shape));
    feed(panel, 0.1, 90, shape, true);
    QCoreApplication::processEvents();

    // The picture of the panel a user sees, for looking at it (QT_QPA_PLATFORM=offscreen still
    // renders): RINGFLOW_PLOT_PANEL_GRAB=/tmp/plots.png; the export goes beside it, as
    // /tmp/plots-export.png, and the compact layout test's pictures as /tmp/plots-740x300.png...
    const QString grab = qEnvironmentVariable("RINGFLOW_PLOT_PANEL_GRAB");
    if (!grab.isEmpty())
        QVERIFY(panel.grab().save(grab));

    const QString path
        = grab.isEmpty() ? dir.filePath(QStringLiteral("plots.png")) : QString(grab).replace(".png", "-export.png");
    QString error;
    QVERIFY2(panel.exportPng(path, &error), qPrintable(error));
    const QImage image(path);
    QVERIFY(!image.isNull());
    // Three plots stacked, drawn at twice the screen's resolution.
    QVERIFY2(image.width() >= 2 * 900, qPrintable(QString::number(image.width())));
    QVERIFY2(image.height() >= 2 * 3 * 260, qPrintable(QString::number(image.height())));
    // Lines in the series' colours, in the plot where each belongs.
    const int third = image.height() / 3;
    QVERIFY(pixelsNear(image.copy(0, 0, image.width(), third), colors.at(producerId(1))) > 100);
    QVERIFY(pixelsNear(image.copy(0, third, image.width(), third), colors.at(ringId(1))) > 100);
    QVERIFY(pixelsNear(image.copy(0, 2 * third, image.width(), third), colors.at(consumerId(2))) > 100);
    QCOMPARE(pixelsNear(image.copy(0, third, image.width(), third), colors.at(producerId(1))), 0);

    // The plots on screen are laid out for the screen again: a legend click still hits.
    QCoreApplication::processEvents();
    ui::SeriesLegendItem *entry = legendEntry(panel.throughputPlot(), producerId(0));
    QVERIFY(panel.throughputPlot()->rect().contains(entry->outerRect()));
    QTest::mouseClick(panel.throughputPlot(), Qt::LeftButton, {}, entry->outerRect().center());
    QVERIFY(!panel.graphFor(producerId(0))->visible());
}

void TestPlotPanel::exportPdf()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PlotPanel panel;
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 30, {}, true);

    const QString path = dir.filePath(QStringLiteral("plots.pdf"));
    QString error;
    QVERIFY2(panel.exportPdf(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    QVERIFY2(bytes.size() > 5000, qPrintable(QString::number(bytes.size())));
    // One page.
    QCOMPARE(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") + bytes.count("/Type /Page "), 1);
}

void TestPlotPanel::exportToUnwritablePathFails()
{
    PlotPanel panel;
    panel.beginRun(makePlan(), makeColors(), makeFrame(0));
    feed(panel, 0.1, 3);
    for (const QString &path : {QStringLiteral("/nonexistent/dir/x.png"), QStringLiteral("/nonexistent/dir/x.pdf")}) {
        QString error;
        const bool written
            = path.endsWith(QStringLiteral(".png")) ? panel.exportPng(path, &error) : panel.exportPdf(path, &error);
        QVERIFY(!written);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }
}

void TestPlotPanel::replotCost()
{
    // Not a check: the figure, for the record (the benchmark measures the GUI thread's share).
    // Twelve nodes and four rings: 12 throughput, 4 fill and 24 latency series.
    PlotPanel panel;
    showPanel(panel);
    const Shape shape {4, 8, 4};
    panel.beginRun(makePlan(shape), makeColors(shape), makeFrame(0, shape));
    // CPU time, not wall time: the machine may be busy with other work.
    const auto measure = [&](double from) {
        constexpr int frames = 100;
        const std::clock_t start = std::clock();
        for (int i = 1; i <= frames; ++i) {
            panel.addFrame(makeFrame(from + i / 10.0, shape, true));
            QCoreApplication::processEvents();
        }
        return 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / frames;
    };
    for (int chunk = 0; chunk < 6; ++chunk) {
        feed(panel, chunk * 10 + 0.1, chunk * 10 + 10, shape, true);
        QCoreApplication::processEvents();
    }
    const double afterOneMinute = measure(60);
    for (int chunk = 7; chunk < 36; ++chunk) {
        feed(panel, chunk * 10 + 0.1, chunk * 10 + 10, shape, true);
        QCoreApplication::processEvents();
    }
    const double afterSixMinutes = measure(360);
    qInfo("addFrame + replot + repaint of 40 series, 60 s window, %dx%d: %.2f ms CPU per frame after 1 min, %.2f ms "
          "after 6 min (3600 frames); QCustomPlot's replot alone: %.2f + %.2f + %.2f ms",
        panel.width(), panel.height(), afterOneMinute, afterSixMinutes, panel.throughputPlot()->replotTime(true),
        panel.ringFillPlot()->replotTime(true), panel.latencyPlot()->replotTime(true));
    QCOMPARE(panel.graphFor(QStringLiteral("c8 p99.9"))->dataCount(), 601);
}

QTEST_MAIN(TestPlotPanel)
#include "test_plot_panel.moc"
