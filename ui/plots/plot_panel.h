#pragma once

#include "pipeline/metrics.h"
#include "pipeline/plan.h"
#include "plots/plot_series.h"
#include "plots/plot_view.h"
#include "run/run_colors.h"

#include <QWidget>

#include <array>

class QCPGraph;
class QCPPainter;
class QCustomPlot;
class QSplitter;

namespace ringflow::ui {

class PlotToolBar;

/// The live plots of a run, stacked in a splitter under their tool bar: throughput per producer
/// and consumer, fill per ring, and latency percentiles per consumer, over a scrolling time window.
///
/// Made for a short, wide dock: each plot's title and legend share a line above the data (the
/// legend flows into rows, or below the title when that is shorter), the value axes keep few
/// ticks on a short plot, and only the lowest plot labels the time axis, which all three share.
///
/// Each series keeps only the points inside the window, so a replot costs the same an hour into a
/// run as after a minute; the whole run is kept by the run history. Plots that are hidden or
/// collapsed are not replotted until they show again.
///
/// The panel keeps the window, the scale and freezing; PlotSeries the series (the one place that
/// reads frames), PlotView each plot, plot_axes their axes, plot_hover the hints under the mouse
/// and plot_export the pictures.
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
    /// A series by name (see PlotSeries). The latency legend has one entry per consumer, named by
    /// its id, for its three series.
    QCPGraph *graphFor(const QString &seriesName) const { return m_series.graph(seriesName); }
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

    /// Replots, legend clicks, hover hints and the shared time axis of one plot.
    void connectView(QCustomPlot *plot);
    void applyScaleType();
    /// Brings a plot's axes up to date for a drawing `height` pixels tall: the time axis follows
    /// the run unless frozen; the value axis fits the visible series, with as many ticks as fit.
    void applyRanges(QCustomPlot *plot, int height) const;
    /// Labels the time axis of the lowest plot that shows (the latency plot if none does): the
    /// three share it.
    void updateTimeLabels();
    void replotShown();
    const PlotView &viewOf(const QCustomPlot *plot) const;
    void renderPlots(QCPPainter *painter, QSize plotSize) const;
    bool eventFilter(QObject *watched, QEvent *event) override;

    QSplitter *m_splitter;
    PlotToolBar *m_tools;
    std::array<PlotView, kPlotCount> m_views;
    PlotSeries m_series;

    bool m_hasRun = false;
    double m_latestSeconds = 0;
    double m_windowSeconds = kDefaultWindowSeconds;
    bool m_logScale = false;
    bool m_frozen = false;
    bool m_syncingTime = false;
};

} // namespace ringflow::ui
