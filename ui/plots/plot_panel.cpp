#include "plots/plot_panel.h"

#include "canvas/theme.h"
#include "format/number_format.h"
#include "plots/plot_axes.h"
#include "plots/plot_export.h"
#include "plots/plot_hover.h"
#include "plots/plot_legend.h"
#include "plots/plot_toolbar.h"
#include <qcustomplot.h>

#include <QResizeEvent>
#include <QSplitter>
#include <QTabBar>
#include <QVBoxLayout>

#include <algorithm>

namespace ringflow::ui {

namespace {

/// Lowest value a logarithmic axis shows: zero has no place on it, and a rate of 0.1 event/s or a
/// latency of a nanosecond is as good as nothing.
constexpr double kRateLogFloor = 0.1;
constexpr double kLatencyLogFloor = 0.001;
/// The splitter's shares of the plots' height: the lowest one's time labels take about a sixth
/// of a short plot.
constexpr int kPlotShare = 100;
constexpr int kTimeLabelsShare = 16;
/// What a plot may be narrowed to. Without it a plot's least width is its header's, and three
/// headers side by side widen the panel past its dock: the dock then scrolls, the arrangement is
/// chosen again for the wider size, and so on in a loop. arrangePlots() prefers cells as wide as
/// the headers.
constexpr int kMinPlotWidth = 60;

std::array<PlotView, 3> makeViews(QSplitter *splitter, double windowSeconds)
{
    // A consumer's three percentiles share its colour; the line style tells them apart.
    const auto percentileKey = [](QCustomPlot *plot) -> QCPLayoutElement * {
        return new LineStyleKey(plot,
            {{QStringLiteral("p50"), Qt::SolidLine}, {QStringLiteral("p99"), Qt::DashLine},
                {QStringLiteral("p99.9"), Qt::DotLine}});
    };
    // The unit beside the title, in grey; latency's tick labels carry theirs ("250 µs"). The
    // readouts write each value with its unit. The hints take two lines, to fit a narrow plot.
    std::array<PlotView, 3> views {
        makePlotView(splitter, PlotPanel::tr("Throughput"), unitSubtitle(PlotPanel::tr("events/s")),
            PlotPanel::tr("Press Run (F5)\nto plot the pipeline live"), windowSeconds, rateText),
        makePlotView(splitter, PlotPanel::tr("Ring fill"), unitSubtitle(PlotPanel::tr("% of slots")),
            PlotPanel::tr("Ring fill appears here\nduring a run"), windowSeconds,
            [](double percent) { return percentText(percent / 100, 1, QLocale()); }),
        makePlotView(splitter, PlotPanel::tr("Latency"), percentileKey,
            PlotPanel::tr("Latency percentiles appear\nhere during a run"), windowSeconds,
            [](double micros) { return durationText(micros * 1e3); }),
    };
    views[0].plot->setObjectName(QStringLiteral("throughputPlot"));
    views[1].plot->setObjectName(QStringLiteral("ringFillPlot"));
    views[2].plot->setObjectName(QStringLiteral("latencyPlot"));
    return views;
}

} // namespace

PlotPanel::PlotPanel(QWidget *parent)
    : QWidget(parent),
      m_splitter(new QSplitter(Qt::Vertical, this)),
      m_pair(new QSplitter(Qt::Horizontal, this)),
      m_tabs(makePlotTabs(this)),
      m_tools(new PlotToolBar(kDefaultWindowSeconds, kMinWindowSeconds, kMaxWindowSeconds, this)),
      m_views(makeViews(m_splitter, kDefaultWindowSeconds)),
      m_series(m_views[kThroughput].plot, m_views[kRingFill].plot, m_views[kLatency].plot)
{
    m_splitter->setObjectName(QStringLiteral("plotSplitter"));
    m_splitter->setChildrenCollapsible(true);
    m_pair->setChildrenCollapsible(true);
    m_pair->hide();
    // The lowest plot also holds the time labels: a little more height gives it as much data as
    // the others (the splitter takes the sizes as proportions until it is laid out).
    m_splitter->setSizes({kPlotShare, kPlotShare, kPlotShare + kTimeLabelsShare});
    for (const PlotView &view : m_views) {
        view.plot->setMinimumWidth(kMinPlotWidth);
        connectView(view.plot);
    }
    m_splitter->installEventFilter(this);

    // A fill is a share of the ring, always 0..100 %: a fixed axis compares runs at a glance. The
    // small margins keep a full or empty ring off the frame.
    QCustomPlot *ringFill = ringFillPlot();
    ringFill->yAxis->setRange(-2, 102);
    ringFill->yAxis->setTicker(percentTicker(25));
    applyScaleType();

    // The plots' least heights follow their widths (layOutHeader()): they must not make the dock's
    // scroll area show a scroll bar, which narrows them, which changes their least heights again.
    // A dock shorter than they need clips them at the bottom instead.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tools);
    layout->addWidget(m_tabs);
    layout->addWidget(m_splitter, 1);

    connect(m_tools, &PlotToolBar::windowSecondsEdited, this, [this](int seconds) { setWindowSeconds(seconds); });
    connect(m_tools, &PlotToolBar::logScaleToggled, this, &PlotPanel::setLogScale);
    connect(m_tools, &PlotToolBar::frozenToggled, this, &PlotPanel::setFrozen);
    connect(m_tabs, &QTabBar::currentChanged, this, &PlotPanel::showPlots);
}

PlotPanel::~PlotPanel() = default;

void PlotPanel::connectView(QCustomPlot *plot)
{
    plot->installEventFilter(this);
    connect(plot, &QCustomPlot::beforeReplot, this, [this, plot] { applyRanges(plot, plot->size()); });
    connect(
        plot, &QCustomPlot::legendClick, this, [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *event) {
            auto *entry = qobject_cast<SeriesLegendItem *>(item);
            if (entry && event->button() == Qt::LeftButton)
                m_series.setVisible(entry->series(), !entry->anyVisible());
        });
    connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent *event) {
        showHoverHint(plot, event, plot == latencyPlot());
        // While the plot is dragged the readout would only follow the data out of the mouse's way.
        if (event->buttons() == Qt::NoButton)
            viewOf(plot).readout->follow(event->position());
        else
            viewOf(plot).readout->hide();
    });
    connect(plot, &QCustomPlot::mouseDoubleClick, this, [this, plot](QMouseEvent *event) {
        if (plot->axisRect()->rect().contains(event->position().toPoint()))
            setFrozen(false);
    });
    connect(plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
        [this, plot](const QCPRange &range) { followUser(plot, range); });
}

void PlotPanel::followUser(const QCustomPlot *plot, const QCPRange &range)
{
    if (m_applyingRanges || m_syncingTime)
        return;
    // Before a run there is nothing to follow: the next replot puts the empty window back.
    if (!m_frozen && m_hasRun) {
        m_frozen = true;
        m_tools->showFrozen(true);
        Q_EMIT frozenChanged(true);
    }
    // The three share the time axis: the other two come along.
    m_syncingTime = true;
    for (const PlotView &other : m_views) {
        if (other.plot != plot) {
            other.plot->xAxis->setRange(range);
            other.plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    m_syncingTime = false;
}

void PlotPanel::beginRun(const pipeline::Plan &plan, const RunColors &colors, const pipeline::Frame &first)
{
    setFrozen(false);
    m_hasRun = true;
    m_pipelineName = QString::fromStdString(plan.name);
    m_startedAt = QDateTime::currentDateTime();
    m_latestSeconds = first.seconds;
    m_series.create(plan, colors);
    // The legends' rows count in how the plots share the panel.
    arrangePlots();
    for (PlotView &view : m_views) {
        view.hint->setVisible(false);
        view.plot->legend->setVisible(view.plot->graphCount() > 0);
        layOutHeader(view, view.plot->width());
    }
    replotShown();
}

void PlotPanel::addFrame(const pipeline::Frame &frame)
{
    if (!m_hasRun)
        return;
    m_latestSeconds = std::max(m_latestSeconds, frame.seconds);
    m_series.append(frame);
    // Only the window is kept, so every replot draws the same number of points however long the
    // run. Frozen, the plots keep what they show (a resize redraws it), up to the longest window.
    double cutoff = m_latestSeconds - m_windowSeconds;
    if (m_frozen)
        cutoff
            = std::max(std::min(cutoff, throughputPlot()->xAxis->range().lower), m_latestSeconds - kMaxWindowSeconds);
    m_series.trimBefore(cutoff);
    if (!m_frozen)
        replotShown();
}

void PlotPanel::clear()
{
    m_series.clear();
    setFrozen(false);
    m_hasRun = false;
    m_latestSeconds = 0;
    arrangePlots();
    for (PlotView &view : m_views) {
        layOutHeader(view, view.plot->width());
        view.hint->setVisible(true);
        view.plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PlotPanel::setSeriesVisible(const QString &seriesName, bool visible)
{
    if (QCPGraph *graph = graphFor(seriesName))
        m_series.setVisible({graph}, visible);
}

void PlotPanel::setLatencyVisible(const QString &consumerId, bool visible)
{
    m_series.setVisible(m_series.latencyOf(consumerId), visible);
}

void PlotPanel::setWindowSeconds(double seconds)
{
    seconds = std::clamp(seconds, kMinWindowSeconds, kMaxWindowSeconds);
    if (seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    m_tools->showWindowSeconds(seconds);
    if (!m_frozen)
        replotShown();
    Q_EMIT windowSecondsChanged(seconds);
}

void PlotPanel::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    m_tools->showLogScale(on);
    applyScaleType();
    replotShown();
    Q_EMIT logScaleChanged(on);
}

void PlotPanel::applyScaleType()
{
    const QCPAxis::ScaleType type = m_logScale ? QCPAxis::stLogarithmic : QCPAxis::stLinear;
    throughputPlot()->yAxis->setScaleType(type);
    throughputPlot()->yAxis->setTicker(rateTicker(m_logScale));
    latencyPlot()->yAxis->setScaleType(type);
    latencyPlot()->yAxis->setTicker(latencyTicker(m_logScale));
    // Between decades, sub-ticks at 2 to 9 times the decade show where the values are.
    for (QCustomPlot *plot : {throughputPlot(), latencyPlot()})
        plot->yAxis->setSubTicks(m_logScale);
}

void PlotPanel::setFrozen(bool frozen)
{
    if (frozen == m_frozen)
        return;
    // Every plot freezes on the same time range, hidden ones too, so they agree when shown.
    if (frozen) {
        for (const PlotView &view : m_views)
            applyRanges(view.plot, view.plot->size());
    }
    m_frozen = frozen;
    m_tools->showFrozen(frozen);
    if (!frozen)
        replotShown();
    Q_EMIT frozenChanged(frozen);
}

void PlotPanel::applyRanges(QCustomPlot *plot, QSize size, const QCPRange *time) const
{
    m_applyingRanges = true;
    if (time) {
        plot->xAxis->setRange(*time);
    } else if (!m_frozen) {
        // Until the run fills the window its start stays at the left edge.
        const double upper = std::max(m_latestSeconds, m_windowSeconds);
        plot->xAxis->setRange(upper - m_windowSeconds, upper);
    }
    m_applyingRanges = false;
    fitTickDensity(
        plot->yAxis, valueAxisLength(plot, size.height() - viewOf(plot).header.height(), plot->xAxis->tickLabels()));
    plot->xAxis->ticker()->setTickCount(timeTickCount(size.width() - valueAxisWidth() - timeAxisOverhang()));
    if (plot != ringFillPlot())
        fitValueAxis(plot, m_logScale, plot == latencyPlot() ? kLatencyLogFloor : kRateLogFloor);
}

void PlotPanel::updateTimeLabels()
{
    // Stacked, the lowest plot that shows labels the time axis for all three (their grids line
    // up); otherwise each labels its own.
    const bool each = m_arrangement != PlotArrangement::Stacked;
    const PlotView *lowest = &m_views[kLatency];
    for (const PlotView &view : m_views) {
        if (isShown(view.plot))
            lowest = &view;
    }
    for (const PlotView &view : m_views) {
        const bool labels = each || &view == lowest;
        if (view.plot->xAxis->tickLabels() != labels) {
            view.plot->xAxis->setTickLabels(labels);
            if (isShown(view.plot))
                view.plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
}

void PlotPanel::replotShown()
{
    // A hidden or collapsed plot is redrawn when it shows again (see eventFilter), not ten times a
    // second for nobody.
    for (const PlotView &view : m_views) {
        if (isShown(view.plot))
            view.plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

const PlotView &PlotPanel::viewOf(const QCustomPlot *plot) const
{
    const auto found
        = std::find_if(m_views.begin(), m_views.end(), [plot](const PlotView &view) { return view.plot == plot; });
    return found != m_views.end() ? *found : m_views[kThroughput];
}

void PlotPanel::arrangePlots()
{
    // Each plot's data, less its header (its legend's rows at that width) and its time axis; none
    // in a cell narrower than its header.
    const auto readability = [this](int index, QSize cell, bool timeLabels) {
        const PlotView &view = m_views[static_cast<std::size_t>(index)];
        if (cell.width() < view.header.minimumWidth())
            return 0;
        const int height = valueAxisLength(view.plot, cell.height() - view.header.heightFor(cell.width()), timeLabels);
        return std::min(height, (cell.width() - valueAxisWidth() - timeAxisOverhang()) / 2);
    };
    // The whole panel under the tool row, the tab bar's row too when it shows.
    const int tabBarHeight = m_tabs->sizeHint().height();
    const QSize size = m_splitter->size() + QSize(0, m_tabs->isVisibleTo(this) ? tabBarHeight : 0);
    const PlotArrangement arrangement = plotArrangement(size, tabBarHeight, readability);
    if (arrangement == m_arrangement)
        return;
    m_arrangement = arrangement;
    if (arrangement == PlotArrangement::Grid) {
        m_splitter->setOrientation(Qt::Vertical);
        m_pair->insertWidget(0, throughputPlot());
        m_pair->insertWidget(1, ringFillPlot());
        m_splitter->insertWidget(0, m_pair);
        m_pair->show();
        m_pair->setSizes({size.width() / 2, size.width() / 2});
        m_splitter->setSizes({size.height() / 2, size.height() / 2});
    } else {
        m_splitter->setOrientation(arrangement == PlotArrangement::SideBySide ? Qt::Horizontal : Qt::Vertical);
        for (int i = 0; i < kPlotCount; ++i)
            m_splitter->insertWidget(i, m_views[static_cast<std::size_t>(i)].plot);
        // Out of the splitter, so that it holds the three plots and nothing else.
        m_pair->hide();
        m_pair->setParent(this);
        if (arrangement == PlotArrangement::SideBySide)
            m_splitter->setSizes({size.width() / 3, size.width() / 3, size.width() / 3});
        else
            m_splitter->setSizes({kPlotShare, kPlotShare, kPlotShare + kTimeLabelsShare});
    }
    m_tabs->setVisible(arrangement == PlotArrangement::Tabbed);
    showPlots();
    updateTimeLabels();
}

void PlotPanel::showPlots()
{
    // In tabs, the chosen plot alone; the others are not replotted while hidden (isShown()).
    for (int i = 0; i < kPlotCount; ++i)
        m_views[static_cast<std::size_t>(i)].plot->setVisible(
            m_arrangement != PlotArrangement::Tabbed || i == m_tabs->currentIndex());
}

bool PlotPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_splitter && event->type() == QEvent::Resize)
        arrangePlots();
    if (auto *plot = qobject_cast<QCustomPlot *>(watched)) {
        switch (event->type()) {
        case QEvent::Show:
        case QEvent::Move:
            updateTimeLabels();
            // It missed the replots while hidden or collapsed (moved out of sight).
            if (isShown(plot))
                plot->replot(QCustomPlot::rpQueuedReplot);
            break;
        case QEvent::Hide:
            updateTimeLabels();
            break;
        case QEvent::Leave:
            viewOf(plot).readout->hide();
            break;
        case QEvent::Resize:
            // Before QCustomPlot's own resize replot, so that it draws the new header layout.
            layOutHeader(viewOf(plot), static_cast<QResizeEvent *>(event)->size().width());
            updateTimeLabels();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QString PlotPanel::exportTitle() const
{
    if (!m_hasRun)
        return tr("Ringflow live plots");
    return tr("%1 · %2 · %3 run")
        .arg(m_pipelineName.isEmpty() ? tr("Untitled pipeline") : m_pipelineName,
            QLocale().toString(m_startedAt, QStringLiteral("yyyy-MM-dd HH:mm")), secondsText(m_latestSeconds, 1));
}

QCPRange PlotPanel::exportTimeRange() const
{
    if (m_frozen || !m_hasRun || m_latestSeconds <= 0)
        return throughputPlot()->xAxis->range();
    return {std::max(0.0, m_latestSeconds - m_windowSeconds), m_latestSeconds};
}

void PlotPanel::renderPlots(QCPPainter *painter, QSize plotSize) const
{
    const QCPRange time = exportTimeRange();
    renderStacked(painter, m_views, plotSize, exportTitle(),
        [&](QCustomPlot *plot, QSize size) { applyRanges(plot, size, &time); });
}

bool PlotPanel::exportPng(const QString &path, QString *error) const
{
    const QSize plotSize = exportPlotSize(m_views);
    return writePlotPng(
        path, stackedSize(plotSize, kPlotCount), theme::nodeBody(),
        [&](QCPPainter *painter) { renderPlots(painter, plotSize); }, error);
}

bool PlotPanel::exportPdf(const QString &path, QString *error) const
{
    const QSize plotSize = exportPlotSize(m_views);
    return writePlotPdf(
        path, stackedSize(plotSize, kPlotCount), exportTitle(),
        [&](QCPPainter *painter) { renderPlots(painter, plotSize); }, error);
}

} // namespace ringflow::ui
