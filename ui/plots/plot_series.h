#pragma once

#include "pipeline/metrics.h"
#include "pipeline/plan.h"
#include "run/run_colors.h"

#include <QHash>
#include <QList>
#include <QString>

#include <string>
#include <vector>

class QCPAbstractPlottable;
class QCPGraph;
class QCustomPlot;

namespace ringflow::ui {

/// The series of a run in the three live plots: for every node its throughput and, for consumers,
/// its p50, p99 and p99.9 latency; for every ring its fill; each with its legend entry. The one
/// place that reads a Frame's figures into the plots.
///
/// Series are named for graphFor(): a node id in the throughput plot, a ring id in the ring fill
/// plot, "<consumer id> p50", "… p99" or "… p99.9" in the latency plot. Every run starts with every
/// series shown: a series hidden in an earlier run would otherwise be missed in this one.
class PlotSeries {
public:
    PlotSeries(QCustomPlot *throughput, QCustomPlot *ringFill, QCustomPlot *latency);

    /// Replaces the series by one per figure of every node and ring of `plan`, coloured from
    /// `colors`; frames list the figures in plan order.
    void create(const pipeline::Plan &plan, const RunColors &colors);
    /// Appends the figures of `frame` at its time to their series.
    void append(const pipeline::Frame &frame);
    /// Drops every point before `seconds`.
    void trimBefore(double seconds);
    /// Removes every series and legend entry.
    void clear();

    QCPGraph *graph(const QString &name) const { return m_graphs.value(name); }
    /// Consumer `consumerId`'s three latency series; empty for any other id.
    QList<QCPAbstractPlottable *> latencyOf(const QString &consumerId) const;
    /// Shows or hides `series`, all in one plot, greys their legend entries if all are hidden, and
    /// shows the change at once (the user's own action, frozen or not).
    void setVisible(const QList<QCPAbstractPlottable *> &series, bool visible);

private:
    /// The series fed from one node; the latency ones are null for producers.
    struct NodeSeries {
        std::string id;
        QCPGraph *throughput = nullptr;
        QCPGraph *p50 = nullptr;
        QCPGraph *p99 = nullptr;
        QCPGraph *p999 = nullptr;
    };
    struct RingSeries {
        QCPGraph *fill = nullptr;
    };

    QCPGraph *add(QCustomPlot *plot, const QString &name, const QColor &color, Qt::PenStyle style);
    /// A legend entry in `plot` named `label` for `series`; the first draws the icon.
    static void addLegendEntry(QCustomPlot *plot, const QString &label, const QList<QCPAbstractPlottable *> &series);
    void addNode(const std::string &nodeId, pipeline::NodeRole role, const QColor &color);

    QCustomPlot *m_throughput;
    QCustomPlot *m_ringFill;
    QCustomPlot *m_latency;
    std::vector<NodeSeries> m_nodes;
    std::vector<RingSeries> m_rings;
    QHash<QString, QCPGraph *> m_graphs;
};

} // namespace ringflow::ui
