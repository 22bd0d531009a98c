#include "plots/plot_panel.h"

#include "canvas/theme.h"
#include "plots/custom_plot.h"
#include "plots/plot_axes.h"
#include "plots/plot_export.h"
#include "plots/plot_legend.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace ringflow::ui {

namespace {

/// Lowest value a logarithmic axis shows: zero has no place on it, and a rate of 0.1 event/s or a
/// latency of a nanosecond is as good as nothing.
constexpr double kRateLogFloor = 0.1;
constexpr double kLatencyLogFloor = 0.001;
/// Room left above the highest point, so a line at the maximum does not run along the frame.
constexpr double kHeadroom = 1.05;
/// A plot is never squeezed below this: a title line, a strip of data and the time labels.
constexpr int kMinPlotHeight = 64;
/// The splitter's shares of the plots' height: the lowest one's time labels take about a sixth
/// of a short plot.
constexpr int kPlotShare = 100;
constexpr int kTimeLabelsShare = 16;
/// Exports are at least this big per plot, whatever the panel's size on screen (or if hidden).
constexpr int kExportMinWidth = 900;
constexpr int kExportMinHeight = 260;

/// A latency in µs; NaN (a gap in the line) when no event was sampled in the interval, because
/// 0 there means "unknown", not "instantaneous".
double latencyMicros(std::uint64_t nanoseconds)
{
    return nanoseconds == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(nanoseconds) / 1000.0;
}

/// Visible and not collapsed: a splitter moves a collapsed child out of its sight instead of hiding it.
bool isShown(const QCustomPlot *plot)
{
    return plot->isVisible() && !plot->visibleRegion().isEmpty();
}

} // namespace

PlotPanel::PlotPanel(QWidget *parent)
    : QWidget(parent),
      m_splitter(new QSplitter(Qt::Vertical, this)),
      m_windowBox(new QSpinBox(this)),
      m_logBox(new QCheckBox(tr("Log scale"), this)),
      m_freezeButton(new QToolButton(this)),
      m_frozenLabel(new QLabel(tr("Frozen: the run is still being recorded"), this))
{
    m_splitter->setObjectName(QStringLiteral("plotSplitter"));
    m_splitter->setChildrenCollapsible(true);
    // The unit beside the title, in grey; latency's tick labels carry theirs ("250 µs").
    const auto unit = [](const QString &text) {
        return [text](QCustomPlot *plot) -> QCPLayoutElement * {
            auto *element = new QCPTextElement(plot, text, theme::labelFont());
            element->setTextColor(theme::secondaryText());
            return element;
        };
    };
    m_views[kThroughput]
        = makeView(tr("Throughput"), unit(tr("events/s")), tr("Press Run (F5) to plot the pipeline live"));
    m_views[kRingFill] = makeView(tr("Ring fill"), unit(tr("% of slots")), tr("Ring fill appears here during a run"));
    // A consumer's three percentiles share its colour; the line style tells them apart.
    const auto percentileKey = [](QCustomPlot *plot) -> QCPLayoutElement * {
        return new LineStyleKey(plot,
            {{QStringLiteral("p50"), Qt::SolidLine}, {QStringLiteral("p99"), Qt::DashLine},
                {QStringLiteral("p99.9"), Qt::DotLine}});
    };
    m_views[kLatency] = makeView(tr("Latency"), percentileKey, tr("Latency percentiles appear here during a run"));
    m_views[kThroughput].plot->setObjectName(QStringLiteral("throughputPlot"));
    m_views[kRingFill].plot->setObjectName(QStringLiteral("ringFillPlot"));
    m_views[kLatency].plot->setObjectName(QStringLiteral("latencyPlot"));
    // The lowest plot also holds the time labels: a little more height gives it as much data as
    // the others (the splitter takes the sizes as proportions until it is laid out).
    m_splitter->setSizes({kPlotShare, kPlotShare, kPlotShare + kTimeLabelsShare});

    // A fill is a share of the ring, always 0..100 %: a fixed axis compares runs at a glance. The
    // small margins keep a full or empty ring off the frame.
    QCustomPlot *ringFill = ringFillPlot();
    ringFill->yAxis->setRange(-2, 102);
    ringFill->yAxis->setTicker(percentTicker(25));
    applyScaleType();

    m_windowBox->setObjectName(QStringLiteral("plotWindowSeconds"));
    m_windowBox->setRange(static_cast<int>(kMinWindowSeconds), static_cast<int>(kMaxWindowSeconds));
    m_windowBox->setValue(static_cast<int>(m_windowSeconds));
    m_windowBox->setSuffix(tr(" s"));
    m_windowBox->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_windowBox->setAccelerated(true);
    m_windowBox->setToolTip(tr("How many seconds of the run the plots show"));
    auto *windowLabel = new QLabel(tr("&Window"), this);
    windowLabel->setBuddy(m_windowBox);
    m_logBox->setObjectName(QStringLiteral("plotLogScale"));
    m_logBox->setToolTip(tr("A logarithmic value axis for throughput and latency"));
    m_freezeButton->setObjectName(QStringLiteral("plotFreeze"));
    m_freezeButton->setText(tr("Freeze"));
    m_freezeButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_freezeButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_freezeButton->setCheckable(true);
    m_freezeButton->setToolTip(tr("Stop following the run to look at the plots: drag and zoom the time axis. "
                                  "The run is still recorded; unfreeze to go back to live."));
    m_frozenLabel->setObjectName(QStringLiteral("plotFrozenLabel"));
    QPalette frozenPalette = m_frozenLabel->palette();
    frozenPalette.setColor(QPalette::WindowText, theme::secondaryText());
    m_frozenLabel->setPalette(frozenPalette);
    m_frozenLabel->setVisible(false);

    auto *tools = new QHBoxLayout;
    tools->setContentsMargins(6, 3, 6, 3);
    tools->addWidget(windowLabel);
    tools->addWidget(m_windowBox);
    tools->addSpacing(12);
    tools->addWidget(m_logBox);
    tools->addSpacing(12);
    tools->addWidget(m_freezeButton);
    tools->addWidget(m_frozenLabel);
    tools->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(tools);
    layout->addWidget(m_splitter, 1);

    connect(m_windowBox, &QSpinBox::valueChanged, this, [this](int seconds) { setWindowSeconds(seconds); });
    connect(m_logBox, &QCheckBox::toggled, this, &PlotPanel::setLogScale);
    connect(m_freezeButton, &QToolButton::toggled, this, &PlotPanel::setFrozen);
}

PlotPanel::~PlotPanel() = default;

PlotPanel::View PlotPanel::makeView(
    const QString &title, const std::function<QCPLayoutElement *(QCustomPlot *)> &subtitle, const QString &hint)
{
    View view;
    auto *plot = new QCustomPlot(m_splitter);
    view.plot = plot;
    m_splitter->addWidget(plot);
    // Ten replots a second while the engine saturates every core: keep each one cheap. Text stays
    // antialiased (it is a separate render hint); exports switch antialiasing on for the rest.
    plot->setNotAntialiasedElements(QCP::aeAll);
    plot->setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
    // One paint buffer instead of two: the overlay layer only buffers a selection rectangle, which
    // these plots never draw, and every buffer is cleared and blended on each replot.
    if (QCPLayer *overlay = plot->layer(QStringLiteral("overlay")))
        overlay->setMode(QCPLayer::lmLogical);
    plot->setAutoAddPlottableToLegend(false);
    plot->setBackground(QBrush(theme::nodeBody()));
    plot->setMinimumHeight(kMinPlotHeight);
    plot->setMouseTracking(true); // for the hand cursor over legend entries
    plot->installEventFilter(this);

    // Above the data, in as few lines as the width allows: the title, its unit or key, the legend.
    view.header = PlotHeader(plot, title, subtitle(plot));
    plot->legend->setVisible(false);

    setUpAxes(plot);
    plot->xAxis->setRange(0, m_windowSeconds);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);

    view.hint = new QCPItemText(plot);
    view.hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    view.hint->position->setCoords(0.5, 0.5);
    view.hint->setPositionAlignment(Qt::AlignCenter);
    view.hint->setText(hint);
    view.hint->setColor(theme::secondaryText());
    QFont hintFont = theme::labelFont();
    hintFont.setPointSizeF(10);
    view.hint->setFont(hintFont);

    connect(plot, &QCustomPlot::beforeReplot, this, [this, plot] { applyRanges(plot, plot->height()); });
    connect(
        plot, &QCustomPlot::legendClick, this, [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *event) {
            auto *entry = qobject_cast<SeriesLegendItem *>(item);
            if (entry && event->button() == Qt::LeftButton)
                setPlottablesVisible(entry->series(), !entry->anyVisible());
        });
    connect(plot, &QCustomPlot::mouseMove, this, [this, plot](QMouseEvent *event) { showHoverHint(plot, event); });
    // A frozen plot dragged or zoomed takes the other two along: they share the time axis.
    connect(
        plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this, plot](const QCPRange &range) {
            if (!m_frozen || m_syncingTime)
                return;
            m_syncingTime = true;
            for (const View &other : m_views) {
                if (other.plot && other.plot != plot) {
                    other.plot->xAxis->setRange(range);
                    other.plot->replot(QCustomPlot::rpQueuedReplot);
                }
            }
            m_syncingTime = false;
        });
    return view;
}

void PlotPanel::beginRun(const pipeline::Plan &plan, const RunColors &colors, const pipeline::Frame &first)
{
    clearSeries();
    setFrozen(false);
    m_hasRun = true;
    m_latestSeconds = first.seconds;
    // Every series takes its node's colour, as the canvas's swatch does; the fallback (an id the
    // colours miss) follows the same plan-order sequence runColors() uses.
    int index = 0;
    const auto colorOf = [&](const std::string &id) {
        const auto found = colors.find(QString::fromStdString(id));
        const QColor color = found != colors.end() ? found->second : theme::seriesColor(index);
        ++index;
        return color;
    };
    // Frames list the nodes and rings in plan order: series i is the plan's node i.
    m_nodes.reserve(plan.nodeCount());
    for (std::size_t i = 0; i < plan.nodeCount(); ++i) {
        const QString id = QString::fromStdString(plan.nodeId(i));
        const QColor color = colorOf(plan.nodeId(i));
        NodeSeries series;
        series.id = plan.nodeId(i);
        series.throughput = addSeries(kThroughput, id, color, Qt::SolidLine);
        addLegendEntry(kThroughput, id, {series.throughput});
        if (plan.nodeRole(i) == pipeline::NodeRole::Consumer) {
            series.p50 = addSeries(kLatency, id + QStringLiteral(" p50"), color, Qt::SolidLine);
            series.p99 = addSeries(kLatency, id + QStringLiteral(" p99"), color, Qt::DashLine);
            series.p999 = addSeries(kLatency, id + QStringLiteral(" p99.9"), color, Qt::DotLine);
            // One entry for the three: the key beside the title tells the line styles apart.
            addLegendEntry(kLatency, id, {series.p50, series.p99, series.p999});
        }
        m_nodes.push_back(std::move(series));
    }
    m_rings.reserve(plan.rings.size());
    for (const pipeline::RingPlan &ring : plan.rings) {
        const QString id = QString::fromStdString(ring.id);
        QCPGraph *fill = addSeries(kRingFill, id, colorOf(ring.id), Qt::SolidLine);
        addLegendEntry(kRingFill, id, {fill});
        m_rings.push_back({fill});
    }

    for (View &view : m_views) {
        view.hint->setVisible(false);
        view.plot->legend->setVisible(view.plot->graphCount() > 0);
        view.header.layout(view.plot->width());
    }
    replotShown();
}

void PlotPanel::addFrame(const pipeline::Frame &frame)
{
    if (!m_hasRun)
        return;
    const double t = frame.seconds;
    m_latestSeconds = std::max(m_latestSeconds, t);
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

    // Only the window is kept, so every replot draws the same number of points however long the
    // run. Frozen, the plots keep what they show (a resize redraws it), up to the longest window.
    double cutoff = m_latestSeconds - m_windowSeconds;
    if (m_frozen)
        cutoff
            = std::max(std::min(cutoff, throughputPlot()->xAxis->range().lower), m_latestSeconds - kMaxWindowSeconds);
    for (const View &view : m_views) {
        for (int i = 0; i < view.plot->graphCount(); ++i)
            view.plot->graph(i)->data()->removeBefore(cutoff);
    }
    if (!m_frozen)
        replotShown();
}

void PlotPanel::clear()
{
    clearSeries();
    setFrozen(false);
    m_hasRun = false;
    m_latestSeconds = 0;
    for (View &view : m_views) {
        view.hint->setVisible(true);
        view.plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PlotPanel::clearSeries()
{
    for (View &view : m_views) {
        view.plot->legend->clearItems();
        view.plot->legend->setVisible(false);
        view.plot->clearGraphs();
        view.header.layout(view.plot->width());
    }
    m_nodes.clear();
    m_rings.clear();
    m_graphs.clear();
}

QCPGraph *PlotPanel::addSeries(Plot which, const QString &name, const QColor &color, Qt::PenStyle style)
{
    QCustomPlot *plot = m_views[which].plot;
    QCPGraph *graph = plot->addGraph();
    graph->setName(name);
    // One pixel wide: QCustomPlot draws those as cosmetic lines, the fastest Qt has.
    QPen pen(color, 1);
    pen.setStyle(style);
    graph->setPen(pen);
    m_graphs.insert(name, graph);
    graph->setVisible(!m_hidden.contains(name));
    return graph;
}

void PlotPanel::addLegendEntry(Plot which, const QString &label, const QList<QCPAbstractPlottable *> &series)
{
    QCPLegend *legend = m_views[which].plot->legend;
    auto *entry = new SeriesLegendItem(legend, label, series);
    legend->addItem(entry);
    entry->refresh();
}

void PlotPanel::setSeriesVisible(const QString &seriesName, bool visible)
{
    if (QCPGraph *graph = graphFor(seriesName))
        setPlottablesVisible({graph}, visible);
}

void PlotPanel::setLatencyVisible(const QString &consumerId, bool visible)
{
    const auto found = std::find_if(m_nodes.begin(), m_nodes.end(),
        [&](const NodeSeries &series) { return series.p50 && QString::fromStdString(series.id) == consumerId; });
    if (found != m_nodes.end())
        setPlottablesVisible({found->p50, found->p99, found->p999}, visible);
}

void PlotPanel::setPlottablesVisible(const QList<QCPAbstractPlottable *> &series, bool visible)
{
    if (series.isEmpty())
        return;
    for (QCPAbstractPlottable *plottable : series) {
        plottable->setVisible(visible);
        if (visible)
            m_hidden.remove(plottable->name());
        else
            m_hidden.insert(plottable->name());
    }
    QCustomPlot *plot = series.front()->parentPlot();
    for (QCPAbstractLegendItem *item : legendItems(plot->legend)) {
        if (auto *entry = qobject_cast<SeriesLegendItem *>(item))
            entry->refresh();
    }
    // The user's own action: it shows at once, frozen or not.
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::setWindowSeconds(double seconds)
{
    seconds = std::clamp(seconds, kMinWindowSeconds, kMaxWindowSeconds);
    if (seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    {
        const QSignalBlocker blocker(m_windowBox);
        m_windowBox->setValue(qRound(seconds));
    }
    if (!m_frozen)
        replotShown();
    Q_EMIT windowSecondsChanged(seconds);
}

void PlotPanel::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    {
        const QSignalBlocker blocker(m_logBox);
        m_logBox->setChecked(on);
    }
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
}

void PlotPanel::setFrozen(bool frozen)
{
    if (frozen == m_frozen)
        return;
    // Every plot freezes on the same time range, hidden ones too, so they agree when shown.
    if (frozen) {
        for (const View &view : m_views)
            applyRanges(view.plot, view.plot->height());
    }
    m_frozen = frozen;
    {
        const QSignalBlocker blocker(m_freezeButton);
        m_freezeButton->setChecked(frozen);
    }
    m_frozenLabel->setVisible(frozen);
    for (const View &view : m_views) {
        view.plot->setInteractions(frozen ? QCP::Interactions(QCP::iRangeDrag | QCP::iRangeZoom) : QCP::Interactions());
        view.plot->unsetCursor();
    }
    if (!frozen)
        replotShown();
    Q_EMIT frozenChanged(frozen);
}

void PlotPanel::applyRanges(QCustomPlot *plot, int height) const
{
    if (!m_frozen) {
        // Until the run fills the window its start stays at the left edge.
        const double upper = std::max(m_latestSeconds, m_windowSeconds);
        plot->xAxis->setRange(upper - m_windowSeconds, upper);
    }
    fitTickDensity(plot->yAxis, valueAxisLength(plot, height - viewOf(plot).header.height()));
    fitValueAxis(plot);
}

void PlotPanel::fitValueAxis(QCustomPlot *plot) const
{
    if (plot == ringFillPlot())
        return;
    // Only what is on screen counts: the visible series in the visible time range.
    const QCPRange keys = plot->xAxis->range();
    bool any = false;
    QCPRange found;
    for (int i = 0; i < plot->graphCount(); ++i) {
        const QCPGraph *graph = plot->graph(i);
        if (!graph->visible())
            continue;
        bool ok = false;
        const QCPRange range = graph->getValueRange(ok, m_logScale ? QCP::sdPositive : QCP::sdBoth, keys);
        if (!ok)
            continue;
        if (any)
            found.expand(range);
        else
            found = range;
        any = true;
    }
    if (m_logScale) {
        // Whole decades: the axis stays still while the data moves inside them.
        const double floor = plot == latencyPlot() ? kLatencyLogFloor : kRateLogFloor;
        const double lower = any ? std::max(floor, std::pow(10.0, std::floor(std::log10(found.lower)))) : 1;
        double upper = any ? std::pow(10.0, std::ceil(std::log10(found.upper * kHeadroom))) : 1000;
        if (upper <= lower)
            upper = lower * 10;
        plot->yAxis->setRange(lower, upper);
    } else {
        plot->yAxis->setRange(0, any && found.upper > 0 ? niceCeiling(found.upper * kHeadroom) : 1);
    }
}

void PlotPanel::updateTimeLabels()
{
    // The lowest plot that shows labels the time axis for all three (their grids line up).
    const View *lowest = &m_views[kLatency];
    for (const View &view : m_views) {
        if (isShown(view.plot))
            lowest = &view;
    }
    for (const View &view : m_views) {
        const bool labels = &view == lowest;
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
    for (const View &view : m_views) {
        if (isShown(view.plot))
            view.plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

const PlotPanel::View &PlotPanel::viewOf(const QCustomPlot *plot) const
{
    for (const View &view : m_views) {
        if (view.plot == plot)
            return view;
    }
    return m_views[kThroughput];
}

void PlotPanel::showHoverHint(QCustomPlot *plot, QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    QString tip;
    Qt::CursorShape shape = Qt::ArrowCursor;
    QCPLegend *legend = plot->legend;
    for (QCPAbstractLegendItem *item : legendItems(legend)) {
        auto *entry = qobject_cast<SeriesLegendItem *>(item);
        if (legend->visible() && entry && entry->outerRect().contains(pos)) {
            const QString what
                = plot == latencyPlot() ? tr("%1's p50, p99 and p99.9").arg(entry->label()) : entry->label();
            tip = (entry->anyVisible() ? tr("Click to hide %1") : tr("Click to show %1")).arg(what);
            shape = Qt::PointingHandCursor;
            break;
        }
    }
    if (tip.isEmpty() && m_frozen && plot->axisRect()->rect().contains(pos)) {
        tip = tr("Frozen: drag or scroll to look around; unfreeze to follow the run");
        shape = event->buttons() ? Qt::ClosedHandCursor : Qt::OpenHandCursor;
    }
    if (plot->cursor().shape() != shape)
        plot->setCursor(shape);
    if (plot->toolTip() != tip)
        plot->setToolTip(tip);
}

bool PlotPanel::eventFilter(QObject *watched, QEvent *event)
{
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
        case QEvent::Resize:
            // Before QCustomPlot's own resize replot, so that it draws the new header layout.
            viewOf(plot).header.layout(static_cast<QResizeEvent *>(event)->size().width());
            updateTimeLabels();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QSize PlotPanel::exportPlotSize() const
{
    int height = kExportMinHeight;
    for (const View &view : m_views)
        height = std::max(height, view.plot->height());
    return {std::max(kExportMinWidth, throughputPlot()->width()), height};
}

void PlotPanel::renderPlots(QCPPainter *painter, QSize plotSize) const
{
    for (const View &view : m_views) {
        QCustomPlot *plot = view.plot;
        // Laid out for the export's size; the time labels under the lowest plot of the picture.
        view.header.layout(plotSize.width());
        const bool timeLabels = plot->xAxis->tickLabels();
        plot->xAxis->setTickLabels(&view == &m_views.back());
        // A hidden plot's axes are as old as its last replot.
        applyRanges(plot, plotSize.height());
        // A picture that is kept is worth the antialiasing a live replot goes without.
        const QCP::AntialiasedElements notAntialiased = plot->notAntialiasedElements();
        plot->setNotAntialiasedElements(QCP::aeNone);
        painter->save();
        plot->toPainter(painter, plotSize.width(), plotSize.height());
        painter->restore();
        painter->translate(0, plotSize.height());
        plot->setNotAntialiasedElements(notAntialiased);
        plot->xAxis->setTickLabels(timeLabels);
        view.header.layout(plot->width());
        // toPainter() leaves the plot laid out at the export's size: lay it out for the screen
        // again before a click hits a legend entry where it was in the export.
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

bool PlotPanel::exportPng(const QString &path, QString *error) const
{
    const QSize plotSize = exportPlotSize();
    return writePlotPng(
        path, {plotSize.width(), plotSize.height() * kPlotCount}, theme::nodeBody(),
        [&](QCPPainter *painter) { renderPlots(painter, plotSize); }, error);
}

bool PlotPanel::exportPdf(const QString &path, QString *error) const
{
    const QSize plotSize = exportPlotSize();
    return writePlotPdf(
        path, {plotSize.width(), plotSize.height() * kPlotCount}, tr("Ringflow live plots"),
        [&](QCPPainter *painter) { renderPlots(painter, plotSize); }, error);
}

} // namespace ringflow::ui
