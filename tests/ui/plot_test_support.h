#pragma once

// A synthetic run for the plot panel's tests: a plan of producers p1.., consumers c1.. and rings
// r1.., frames whose values are known at every time, the run's colours, and ways to find what the
// plots show.

#include "canvas/theme.h"
#include "plots/plot_legend.h"
#include "plots/plot_panel.h"

#include <QImage>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

namespace ringflow::ui::plot_test {

/// How many producers, consumers and rings a synthetic run has: ids p1.., c1.., r1...
struct Shape {
    int producers = 2;
    int consumers = 3;
    int rings = 2;
};

inline QString producerId(int i)
{
    return QStringLiteral("p%1").arg(i + 1);
}

inline QString consumerId(int i)
{
    return QStringLiteral("c%1").arg(i + 1);
}

inline QString ringId(int i)
{
    return QStringLiteral("r%1").arg(i + 1);
}

// The values fed at time t, known to the checks.
inline double producerRate(int i, double t)
{
    return 1000.0 * (i + 1) + t;
}

inline double consumerRate(int i, double t)
{
    return 400.0 * (i + 1) + 2 * t;
}

inline std::uint64_t p50Ns(int i)
{
    return 1000u * static_cast<std::uint64_t>(i + 1);
}

inline std::uint64_t p99Ns(int i)
{
    return 5000u * static_cast<std::uint64_t>(i + 1);
}

inline std::uint64_t p999Ns(int i)
{
    return 20000u * static_cast<std::uint64_t>(i + 1);
}

inline double ringFill(int i)
{
    return 0.1 * (i + 1);
}

/// The plan of a synthetic run: producers p1.., consumers c1.., rings r1.., with `suffix` after every
/// node id and `lastSuffix` after the last consumer's.
inline pipeline::Plan makePlan(
    const Shape &shape = {}, const std::string &suffix = {}, const std::string &lastSuffix = {})
{
    pipeline::Plan plan;
    for (int i = 0; i < shape.producers; ++i)
        plan.producers.emplace_back().id = producerId(i).toStdString() + suffix;
    for (int i = 0; i < shape.consumers; ++i)
        plan.consumers.emplace_back().id = consumerId(i).toStdString() + suffix;
    if (!plan.consumers.empty())
        plan.consumers.back().id += lastSuffix;
    for (int i = 0; i < shape.rings; ++i)
        plan.rings.emplace_back().id = ringId(i).toStdString();
    return plan;
}

/// A frame at `seconds`, in plan order; `live` adds a deterministic wobble so a picture looks like a real run.
inline pipeline::Frame makeFrame(double seconds, const Shape &shape = {}, bool live = false)
{
    const auto wobble = [&](double phase, double amount) {
        return live ? 1 + amount * std::sin(seconds * 0.7 + phase) * std::cos(seconds * 0.13 + 2 * phase) : 1;
    };
    pipeline::Frame frame;
    frame.seconds = seconds;
    for (int i = 0; i < shape.producers; ++i) {
        pipeline::NodeFigures node;
        node.eventsPerSecond = live ? 1.2e6 * (i + 1) * wobble(i, 0.1) : producerRate(i, seconds);
        frame.nodes.push_back(node);
    }
    for (int i = 0; i < shape.consumers; ++i) {
        pipeline::NodeFigures node;
        node.eventsPerSecond = live ? 0.9e6 * (i + 1) * wobble(i + 3, 0.12) : consumerRate(i, seconds);
        node.latency.p50Ns = live ? static_cast<std::uint64_t>(800 * (i + 1) * wobble(i, 0.2)) : p50Ns(i);
        node.latency.p99Ns = live ? static_cast<std::uint64_t>(4000 * (i + 1) * wobble(i + 1, 0.3)) : p99Ns(i);
        node.latency.p999Ns = live ? static_cast<std::uint64_t>(15000 * (i + 1) * wobble(i + 2, 0.4)) : p999Ns(i);
        frame.nodes.push_back(node);
    }
    for (int i = 0; i < shape.rings; ++i)
        frame.rings.push_back({live ? 0.3 * (i + 1) * wobble(i, 0.5) : ringFill(i)});
    return frame;
}

/// Distinct colours that are not the series palette's order, so a plot that ignored the run's
/// colours and counted through the palette would be caught.
inline ui::RunColors makeColors(const Shape &shape = {})
{
    ui::RunColors colors;
    int index = shape.producers + shape.consumers + shape.rings;
    const auto next = [&] { return ui::theme::seriesColor(--index); };
    for (int i = 0; i < shape.producers; ++i)
        colors[producerId(i)] = next();
    for (int i = 0; i < shape.consumers; ++i)
        colors[consumerId(i)] = next();
    for (int i = 0; i < shape.rings; ++i)
        colors[ringId(i)] = next();
    return colors;
}

/// Frames every 0.1 s from `from` to `to` seconds, both included.
inline void feed(PlotPanel &panel, double from, double to, const Shape &shape = {}, bool live = false)
{
    for (int tenth = qRound(from * 10); tenth <= qRound(to * 10); ++tenth)
        panel.addFrame(makeFrame(tenth / 10.0, shape, live));
}

inline void showPanel(PlotPanel &panel, QSize size = {1000, 900})
{
    panel.resize(size);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCoreApplication::processEvents();
}

inline double lastValue(const QCPGraph *graph)
{
    return graph->data()->isEmpty() ? std::nan("") : (graph->data()->constEnd() - 1)->value;
}

inline QCPItemText *hintOf(const QCustomPlot *plot)
{
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto *text = qobject_cast<QCPItemText *>(plot->item(i)))
            return text;
    }
    return nullptr;
}

/// The legend entry named `name`: a series' name, or a consumer's id in the latency plot.
inline ui::SeriesLegendItem *legendEntry(const QCustomPlot *plot, const QString &name)
{
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        auto *entry = qobject_cast<ui::SeriesLegendItem *>(plot->legend->item(i));
        if (entry && entry->label() == name)
            return entry;
    }
    return nullptr;
}

/// The three latency series of consumer `i`.
inline QList<QCPGraph *> latencyGraphs(const PlotPanel &panel, int i)
{
    const QString id = consumerId(i);
    return {panel.graphFor(id + QStringLiteral(" p50")), panel.graphFor(id + QStringLiteral(" p99")),
        panel.graphFor(id + QStringLiteral(" p99.9"))};
}

/// Entries in the plot's legend (a wrapped legend has empty cells too).
inline int legendEntries(const QCustomPlot *plot)
{
    int count = 0;
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        count += plot->legend->item(i) ? 1 : 0;
    return count;
}

/// Pixels of `image` within a small distance of `color`.
inline int pixelsNear(const QImage &image, const QColor &color)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - color.red()) + std::abs(pixel.green() - color.green())
                    + std::abs(pixel.blue() - color.blue())
                < 30)
                ++count;
        }
    }
    return count;
}

} // namespace ringflow::ui::plot_test
