#include "plots/plot_series.h"

#include "canvas/theme.h"
#include "plots/plot_legend.h"
#include <qcustomplot.h>

#include <algorithm>
#include <limits>
#include <string>

namespace ringflow::ui {

namespace {

/// A latency in µs; NaN (a gap in the line) when no event was sampled in the interval, because
/// 0 there means "unknown", not "instantaneous".
double latencyMicros(std::uint64_t nanoseconds)
{
    return nanoseconds == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(nanoseconds) / 1000.0;
}

} // namespace

PlotSeries::PlotSeries(QCustomPlot *throughput, QCustomPlot *ringFill, QCustomPlot *latency)
    : m_throughput(throughput), m_ringFill(ringFill), m_latency(latency)
{
}

void PlotSeries::create(const pipeline::Plan &plan, const RunColors &colors)
{
    clear();
    // Every series takes its node's colour, as the canvas's swatch does; the fallback (an id the
    // colours miss) follows the same plan-order sequence runColors() uses.
    int index = 0;
    const auto colorOf = [&](const std::string &id) {
        const auto found = colors.find(QString::fromStdString(id));
        const QColor color = found != colors.end() ? found->second : theme::seriesColor(index);
        ++index;
        return color;
    };
    // Frames list the figures in plan order: series i is the plan's node i, ring j its ring j.
    m_nodes.reserve(plan.nodeCount());
    for (std::size_t i = 0; i < plan.nodeCount(); ++i)
        addNode(plan.nodeId(i), plan.nodeRole(i), colorOf(plan.nodeId(i)));
    m_rings.reserve(plan.rings.size());
    for (const pipeline::RingPlan &ring : plan.rings) {
        const QString id = QString::fromStdString(ring.id);
        QCPGraph *fill = add(m_ringFill, id, colorOf(ring.id), Qt::SolidLine);
        addLegendEntry(m_ringFill, id, {fill});
        m_rings.push_back({fill});
    }
}

void PlotSeries::addNode(const std::string &nodeId, pipeline::NodeRole role, const QColor &color)
{
    const QString id = QString::fromStdString(nodeId);
    NodeSeries series;
    series.id = nodeId;
    series.throughput = add(m_throughput, id, color, Qt::SolidLine);
    addLegendEntry(m_throughput, id, {series.throughput});
    if (role == pipeline::NodeRole::Consumer) {
        series.p50 = add(m_latency, id + QStringLiteral(" p50"), color, Qt::SolidLine);
        series.p99 = add(m_latency, id + QStringLiteral(" p99"), color, Qt::DashLine);
        series.p999 = add(m_latency, id + QStringLiteral(" p99.9"), color, Qt::DotLine);
        // One entry for the three: the key beside the title tells the line styles apart.
        addLegendEntry(m_latency, id, {series.p50, series.p99, series.p999});
    }
    m_nodes.push_back(std::move(series));
}

void PlotSeries::append(const pipeline::Frame &frame)
{
    const double t = frame.seconds;
    for (std::size_t i = 0; i < frame.nodes.size() && i < m_nodes.size(); ++i) {
        const pipeline::NodeFigures &node = frame.nodes[i];
        const NodeSeries &series = m_nodes[i];
        series.throughput->addData(t, node.eventsPerSecond);
        if (series.p50) {
            series.p50->addData(t, latencyMicros(node.latency.p50Ns));
            series.p99->addData(t, latencyMicros(node.latency.p99Ns));
            series.p999->addData(t, latencyMicros(node.latency.p999Ns));
        }
    }
    for (std::size_t i = 0; i < frame.rings.size() && i < m_rings.size(); ++i)
        m_rings[i].fill->addData(t, frame.rings[i].fillFraction * 100);
}

void PlotSeries::trimBefore(double seconds)
{
    for (QCustomPlot *plot : {m_throughput, m_ringFill, m_latency})
        for (int i = 0; i < plot->graphCount(); ++i)
            plot->graph(i)->data()->removeBefore(seconds);
}

void PlotSeries::clear()
{
    for (QCustomPlot *plot : {m_throughput, m_ringFill, m_latency}) {
        plot->legend->clearItems();
        plot->legend->setVisible(false);
        plot->clearGraphs();
    }
    m_nodes.clear();
    m_rings.clear();
    m_graphs.clear();
}

QList<QCPAbstractPlottable *> PlotSeries::latencyOf(const QString &consumerId) const
{
    const auto found = std::find_if(m_nodes.begin(), m_nodes.end(),
        [&](const NodeSeries &series) { return series.p50 && QString::fromStdString(series.id) == consumerId; });
    if (found == m_nodes.end())
        return {};
    return {found->p50, found->p99, found->p999};
}

void PlotSeries::setVisible(const QList<QCPAbstractPlottable *> &series, bool visible)
{
    if (series.isEmpty())
        return;
    for (QCPAbstractPlottable *plottable : series)
        plottable->setVisible(visible);
    QCustomPlot *plot = series.front()->parentPlot();
    for (QCPAbstractLegendItem *item : legendItems(plot->legend)) {
        if (auto *entry = qobject_cast<SeriesLegendItem *>(item))
            entry->refresh();
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

QCPGraph *PlotSeries::add(QCustomPlot *plot, const QString &name, const QColor &color, Qt::PenStyle style)
{
    QCPGraph *graph = plot->addGraph();
    graph->setName(name);
    // One pixel wide: QCustomPlot draws those as cosmetic lines, the fastest Qt has.
    QPen pen(color, 1);
    pen.setStyle(style);
    graph->setPen(pen);
    m_graphs.insert(name, graph);
    return graph;
}

void PlotSeries::addLegendEntry(QCustomPlot *plot, const QString &label, const QList<QCPAbstractPlottable *> &series)
{
    auto *entry = new SeriesLegendItem(plot->legend, label, series);
    plot->legend->addItem(entry);
    entry->refresh();
}

} // namespace ringflow::ui
