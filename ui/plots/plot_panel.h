#pragma once

#include "pipeline/metrics.h"
#include "run/run_colors.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <array>
#include <string>
#include <vector>

class QCPAbstractPlottable;
class QCPGraph;
class QCPItemText;
class QCPLayoutGrid;
class QCPPainter;
class QCheckBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QSpinBox;
class QSplitter;
class QToolButton;

namespace ringflow::ui {

/// The live plots of a run, stacked in a splitter: throughput per producer and consumer, fill per
/// ring, and latency percentiles per consumer, over a scrolling time window.
///
/// Each series keeps only the points inside the window, so a replot costs the same an hour into a
/// run as after a minute; the whole run is kept by the run history. Plots that are hidden or
/// collapsed are not replotted until they show again.
class PlotPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr double kDefaultWindowSeconds = 60;
    static constexpr double kMinWindowSeconds = 5;
    static constexpr double kMaxWindowSeconds = 3600;

    explicit PlotPanel(QWidget *parent = nullptr);
    ~PlotPanel() override;

    /// Clears the plots and creates one series per figure of every node and ring `first` names,
    /// coloured from `colors`; later frames carry the same ids. `first`'s rates are zero by
    /// definition (the sampler's first reading), so it names the series but adds no points.
    /// Unfreezes. Series the user hid in an earlier run stay hidden.
    void beginRun(const RunColors &colors, const pipeline::Frame &first);
    /// Appends a point to every series, drops points that left the window and replots the visible
    /// plots, unless frozen. Ignored before beginRun().
    void addFrame(const pipeline::Frame &frame);
    /// Back to the empty state: no series, the hint to start a run.
    void clear();
    bool hasRun() const { return m_hasRun; }

    /// The width of the time axis, clamped to [kMinWindowSeconds, kMaxWindowSeconds]. Points
    /// older than the window are dropped, so widening it again shows no older data.
    void setWindowSeconds(double seconds);
    double windowSeconds() const { return m_windowSeconds; }
    /// A logarithmic value axis for throughput and latency (ring fill stays linear).
    void setLogScale(bool on);
    bool logScale() const { return m_logScale; }
    /// Frozen plots stop following the run (frames are still recorded) and can be dragged and
    /// zoomed horizontally; unfreezing jumps back to the live window.
    void setFrozen(bool frozen);
    bool isFrozen() const { return m_frozen; }

    /// The three plots stacked in one image (drawn at twice the screen resolution), as shown.
    bool exportPng(const QString &path, QString *error) const;
    /// The three plots stacked on one vector PDF page, as shown.
    bool exportPdf(const QString &path, QString *error) const;

    QCustomPlot *throughputPlot() const { return m_views[kThroughput].plot; }
    QCustomPlot *ringFillPlot() const { return m_views[kRingFill].plot; }
    QCustomPlot *latencyPlot() const { return m_views[kLatency].plot; }
    QSplitter *splitter() const { return m_splitter; }
    /// The series shown as `seriesName` in a legend: a node id in the throughput plot, a ring id in
    /// the ring fill plot, "<consumer id> p50", "… p99" or "… p99.9" in the latency plot.
    QCPGraph *graphFor(const QString &seriesName) const { return m_graphs.value(seriesName); }
    /// Shows or hides a series, as a click on its legend entry does (a hidden entry is greyed).
    void setSeriesVisible(const QString &seriesName, bool visible);

Q_SIGNALS:
    void frozenChanged(bool frozen);
    void windowSecondsChanged(double seconds);
    void logScaleChanged(bool on);

private:
    enum Plot { kThroughput, kRingFill, kLatency, kPlotCount };

    struct View {
        QCustomPlot *plot = nullptr;
        /// The legend's column, right of the axes: equally wide in every plot so the axes line up.
        QCPLayoutGrid *side = nullptr;
        QCPItemText *hint = nullptr;
    };
    /// The series fed from one node; the latency ones are null for producers.
    struct NodeSeries {
        std::string id;
        QCPGraph *throughput = nullptr;
        QCPGraph *p50 = nullptr;
        QCPGraph *p99 = nullptr;
        QCPGraph *p999 = nullptr;
    };
    struct RingSeries {
        std::string id;
        QCPGraph *fill = nullptr;
    };

    View makeView(const QString &title, const QString &valueLabel, const QString &hint);
    QCPGraph *addSeries(Plot plot, const QString &name, const QColor &color, Qt::PenStyle style);
    void clearSeries();
    void setPlottableVisible(QCPAbstractPlottable *plottable, bool visible);
    void applyScaleType();
    /// Brings a plot's axes up to date: the time axis follows the run unless frozen; the value
    /// axis fits the visible series.
    void applyRanges(QCustomPlot *plot) const;
    void fitValueAxis(QCustomPlot *plot) const;
    void layoutLegends();
    void replotShown();
    void showHoverHint(QCustomPlot *plot, QMouseEvent *event);
    /// The size of each plot in an export: the on-screen size, at least kExportMin*.
    QSize exportPlotSize() const;
    /// Draws the three plots one below the other, each `plotSize`.
    void renderPlots(QCPPainter *painter, QSize plotSize) const;
    bool eventFilter(QObject *watched, QEvent *event) override;

    std::array<View, kPlotCount> m_views;
    QSplitter *m_splitter;
    QSpinBox *m_windowBox;
    QCheckBox *m_logBox;
    QToolButton *m_freezeButton;
    QLabel *m_frozenLabel;

    std::vector<NodeSeries> m_nodes;
    std::vector<RingSeries> m_rings;
    QHash<QString, QCPGraph *> m_graphs;
    /// Series names the user hid; kept across runs, which mostly plot the same pipeline again.
    QSet<QString> m_hidden;

    bool m_hasRun = false;
    double m_latestSeconds = 0;
    double m_windowSeconds = kDefaultWindowSeconds;
    bool m_logScale = false;
    bool m_frozen = false;
    bool m_syncingTime = false;
};

} // namespace ringflow::ui
