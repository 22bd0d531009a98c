#pragma once

#include "pipeline/metrics.h"
#include "pipeline/plan.h"
#include "plots/plot_series.h"
#include "plots/plot_view.h"
#include "run/run_colors.h"

#include <QDateTime>
#include <QWidget>

#include <array>

class QCPGraph;
class QCPPainter;
class QCustomPlot;
class QSplitter;
class QTabBar;

namespace ringflow::ui {

class PlotToolBar;

/// The live plots of a run, in a splitter under their tool bar: throughput per producer and
/// consumer, fill per ring, and latency percentiles per consumer, over a scrolling time window.
///
/// Made for a short, wide dock: stacked while each plot gets a readable height (only the lowest
/// labels the time axis, which all three share); in a grid or side by side when the dock is too
/// short for that; one at a time under a tab bar when no arrangement gives each of the three a
/// readable height (plotArrangement()). Each plot's title and legend share a line above the data
/// (the legend flows into rows, or below the title when that is shorter), and the axes keep as
/// many ticks as fit.
///
/// The mouse reads values (PlotReadout), the wheel zooms and a drag pans the time axis: the
/// plots then stop following the run, as Freeze does, and move together; Follow live or a
/// double-click takes them back to the live window.
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
    /// definition (the sampler's first reading), so it adds no points. Unfreezes, and shows every
    /// series, also those hidden in an earlier run.
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
    /// Frozen plots stop following the run (frames are still recorded); a zoom or a pan freezes
    /// them too. Unfreezing (following live) jumps back to the live window.
    void setFrozen(bool frozen);
    bool isFrozen() const { return m_frozen; }

    /// The three plots stacked in one image (drawn at twice the screen resolution) under
    /// exportTitle(), over exportTimeRange().
    bool exportPng(const QString &path, QString *error) const;
    /// The same on one vector PDF page.
    bool exportPdf(const QString &path, QString *error) const;
    /// What an export is titled: the pipeline's name, when the run started and how long it went
    /// on: "chained-rings · 2025-06-01 14:03 · 8.0 s run".
    QString exportTitle() const;
    /// The time an export shows: what is shown when frozen; else the run's recorded data, from
    /// its start (or the window's, if the run is longer) to its latest sample, so that a short run
    /// fills the picture.
    QCPRange exportTimeRange() const;

    QCustomPlot *throughputPlot() const { return m_views[kThroughput].plot; }
    QCustomPlot *ringFillPlot() const { return m_views[kRingFill].plot; }
    QCustomPlot *latencyPlot() const { return m_views[kLatency].plot; }
    /// The splitter that holds the plots (stacked, side by side or in tabs) or, in a grid, the row
    /// of throughput and ring fill and the latency plot under it.
    QSplitter *splitter() const { return m_splitter; }
    /// The tab bar that chooses the plot shown when they are in tabs (PlotArrangement::Tabbed).
    QTabBar *tabBar() const { return m_tabs; }
    PlotArrangement arrangement() const { return m_arrangement; }
    /// The readout of what the mouse points at in `plot`.
    PlotReadout *readoutOf(const QCustomPlot *plot) const { return viewOf(plot).readout; }
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
    /// The user zoomed or panned `plot`'s time axis to `range`: the plots stop following the run
    /// and show that range, all three.
    void followUser(const QCustomPlot *plot, const QCPRange &range);
    void applyScaleType();
    /// Brings a plot's axes up to date for a drawing of `size`: the time axis shows `time` if
    /// given, else follows the run unless frozen; the value axis fits the visible series; each
    /// axis has as many ticks as fit.
    void applyRanges(QCustomPlot *plot, QSize size, const QCPRange *time = nullptr) const;
    /// Stacks the plots, puts them side by side, in a grid or in tabs, as the panel's size calls for.
    void arrangePlots();
    /// Shows the three plots, or in tabs the chosen one.
    void showPlots();
    /// Labels the time axis of the lowest plot that shows (the latency plot if none does): the
    /// three share it.
    void updateTimeLabels();
    void replotShown();
    const PlotView &viewOf(const QCustomPlot *plot) const;
    void renderPlots(QCPPainter *painter, QSize plotSize) const;
    bool eventFilter(QObject *watched, QEvent *event) override;

    QSplitter *m_splitter;
    QSplitter *m_pair; ///< a grid's top row; out of the splitter otherwise
    QTabBar *m_tabs; ///< above the plots when they are in tabs; hidden otherwise
    PlotArrangement m_arrangement = PlotArrangement::Stacked;
    PlotToolBar *m_tools;
    std::array<PlotView, kPlotCount> m_views;
    PlotSeries m_series;

    bool m_hasRun = false;
    QString m_pipelineName;
    QDateTime m_startedAt;
    double m_latestSeconds = 0;
    double m_windowSeconds = kDefaultWindowSeconds;
    bool m_logScale = false;
    bool m_frozen = false;
    bool m_syncingTime = false;
    /// Set while the panel moves the time axes itself, to tell its own changes from the user's.
    mutable bool m_applyingRanges = false;
};

} // namespace ringflow::ui
