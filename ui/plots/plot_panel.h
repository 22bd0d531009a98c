#pragma once

#include "pipeline/metrics.h"
#include "plots/plot_header.h"
#include "run/run_colors.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QWidget>

#include <array>
#include <functional>
#include <string>
#include <vector>

class QCPAbstractPlottable;
class QCPGraph;
class QCPItemText;
class QCPLayoutElement;
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
/// Made for a short, wide dock: each plot's title and legend share a line above the data (the
/// legend flows into rows, or below the title when that is shorter), the value axes keep few
/// ticks on a short plot, and only the lowest plot labels the time axis, which all three share.
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

    /// Clears the plots and creates one series per figure of every node and ring of `plan`,
    /// coloured from `colors`; frames list them in plan order. `first`'s rates are zero by
    /// definition (the sampler's first reading), so it adds no points. Unfreezes. Series the user
    /// hid in an earlier run stay hidden.
    void beginRun(const pipeline::Plan &plan, const RunColors &colors, const pipeline::Frame &first);
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
    /// A series by name: a node id in the throughput plot, a ring id in the ring fill plot,
    /// "<consumer id> p50", "… p99" or "… p99.9" in the latency plot. The latency legend has one
    /// entry per consumer, named by its id, for its three series.
    QCPGraph *graphFor(const QString &seriesName) const { return m_graphs.value(seriesName); }
    /// Shows or hides one series (a legend entry whose series are all hidden is greyed).
    void setSeriesVisible(const QString &seriesName, bool visible);
    /// Shows or hides a consumer's three latency series, as a click on its latency legend entry does.
    void setLatencyVisible(const QString &consumerId, bool visible);

Q_SIGNALS:
    void frozenChanged(bool frozen);
    void windowSecondsChanged(double seconds);
    void logScaleChanged(bool on);

private:
    enum Plot { kThroughput, kRingFill, kLatency, kPlotCount };

    struct View {
        QCustomPlot *plot = nullptr;
        PlotHeader header;
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
        QCPGraph *fill = nullptr;
    };

    /// A plot titled `title`, with what `subtitle` makes for it beside the title (a unit, a key),
    /// showing `hint` until a run.
    View makeView(
        const QString &title, const std::function<QCPLayoutElement *(QCustomPlot *)> &subtitle, const QString &hint);
    QCPGraph *addSeries(Plot plot, const QString &name, const QColor &color, Qt::PenStyle style);
    /// A legend entry in `plot` named `label` for `series`; the first draws the icon.
    void addLegendEntry(Plot plot, const QString &label, const QList<QCPAbstractPlottable *> &series);
    void clearSeries();
    /// Shows or hides `series`, all in one plot, and greys their legend entries if all are hidden.
    void setPlottablesVisible(const QList<QCPAbstractPlottable *> &series, bool visible);
    void applyScaleType();
    /// Brings a plot's axes up to date for a drawing `height` pixels tall: the time axis follows
    /// the run unless frozen; the value axis fits the visible series, with as many ticks as fit.
    void applyRanges(QCustomPlot *plot, int height) const;
    void fitValueAxis(QCustomPlot *plot) const;
    /// Labels the time axis of the lowest plot that shows (the latency plot if none does): the
    /// three share it.
    void updateTimeLabels();
    void replotShown();
    void showHoverHint(QCustomPlot *plot, QMouseEvent *event);
    const View &viewOf(const QCustomPlot *plot) const;
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
