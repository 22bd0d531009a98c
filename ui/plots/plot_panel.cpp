#include "plots/plot_panel.h"

#include "canvas/theme.h"
#include "plots/custom_plot.h"

#include <QCheckBox>
#include <QDir>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSaveFile>
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
/// The hidden entry's line in the legend: faded, but still there to be clicked again.
constexpr double kHiddenIconAlpha = 0.3;
/// Exports are at least this big per plot, whatever the panel's size on screen (or if hidden).
constexpr int kExportMinWidth = 900;
constexpr int kExportMinHeight = 260;
/// PNG exports are drawn at twice the screen's resolution: crisp in reports and on HiDPI screens.
constexpr qreal kPngScale = 2;
/// Qt's logical screen resolution: a PDF at this resolution keeps the on-screen proportions.
constexpr int kScreenDpi = 96;

/// "1.5k", "2M": rates span many decades and their tick labels must stay short.
QString siLabel(double value, const QLocale &locale)
{
    static constexpr std::pair<double, char> kPrefixes[] = {{1e12, 'T'}, {1e9, 'G'}, {1e6, 'M'}, {1e3, 'k'}};
    for (const auto &[scale, prefix] : kPrefixes) {
        if (std::abs(value) >= scale)
            return locale.toString(value / scale, 'g', 4) + QLatin1Char(prefix);
    }
    return locale.toString(value, 'g', 4);
}

class SiTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override { return siLabel(tick, locale); }
};

class SiLogTicker : public QCPAxisTickerLog {
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override { return siLabel(tick, locale); }
};

/// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is >= value: a
/// range ending there keeps its ticks still while the data wobbles below it.
double niceCeiling(double value)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0})
        if (step * magnitude >= value)
            return step * magnitude;
    return 10 * magnitude;
}

/// A latency in µs; NaN (a gap in the line) when no event was sampled in the interval, because
/// 0 there means "unknown", not "instantaneous".
double latencyMicros(std::uint64_t nanoseconds)
{
    return nanoseconds == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(nanoseconds) / 1000.0;
}

/// The series of `id`. Frames list nodes and rings in the order of the first one, so the entry at
/// `index` is nearly always it; the search covers a frame that does not.
template <typename Series>
const Series *findSeries(const std::vector<Series> &all, std::size_t index, const std::string &id)
{
    if (index < all.size() && all[index].id == id)
        return &all[index];
    const auto found = std::find_if(all.begin(), all.end(), [&](const Series &series) { return series.id == id; });
    return found != all.end() ? &*found : nullptr;
}

void styleAxis(QCPAxis *axis)
{
    const QPen line(theme::nodeBorder(), 0);
    axis->setBasePen(line);
    axis->setTickPen(line);
    axis->setSubTickPen(line);
    axis->setTickLength(0, 4);
    axis->setSubTickLength(0, 2);
    axis->setTickLabelFont(theme::labelFont());
    axis->setTickLabelColor(theme::secondaryText());
    axis->setLabelFont(theme::labelFont());
    axis->setLabelColor(theme::secondaryText());
    axis->setLabelPadding(3);
    axis->grid()->setPen(QPen(theme::gridMajor(), 0));
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

/// Visible and not collapsed: a splitter moves a collapsed child out of its sight instead of hiding it.
bool isShown(const QCustomPlot *plot)
{
    return plot->isVisible() && !plot->visibleRegion().isEmpty();
}

QString writeError(const QString &path, const QString &reason)
{
    return PlotPanel::tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), reason);
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
    m_views[kThroughput] = makeView(tr("Throughput"), tr("events/s"), tr("Press Run (F5) to plot the pipeline live"));
    m_views[kRingFill] = makeView(tr("Ring fill"), tr("fill %"), tr("Ring fill appears here during a run"));
    m_views[kLatency] = makeView(tr("Latency"), tr("latency (µs)"), tr("Latency percentiles appear here during a run"));
    m_views[kThroughput].plot->setObjectName(QStringLiteral("throughputPlot"));
    m_views[kRingFill].plot->setObjectName(QStringLiteral("ringFillPlot"));
    m_views[kLatency].plot->setObjectName(QStringLiteral("latencyPlot"));

    // A fill is a share of the ring, always 0..100 %: a fixed axis compares runs at a glance. The
    // small margins keep a full or empty ring off the frame.
    QCustomPlot *ringFill = ringFillPlot();
    ringFill->yAxis->setRange(-2, 102);
    auto percentTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    percentTicker->setTickStep(25);
    ringFill->yAxis->setTicker(percentTicker);
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
    tools->setContentsMargins(6, 4, 6, 2);
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

PlotPanel::View PlotPanel::makeView(const QString &title, const QString &valueLabel, const QString &hint)
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
    plot->setMinimumHeight(80);
    plot->setMouseTracking(true); // for the hand cursor over legend entries
    plot->installEventFilter(this);

    QCPLayoutGrid *grid = plot->plotLayout();
    grid->setRowSpacing(0);
    grid->setColumnSpacing(0);
    auto *titleElement = new QCPTextElement(plot, title, theme::titleFont());
    titleElement->setTextColor(theme::primaryText());
    titleElement->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    titleElement->setMargins(QMargins(8, 4, 8, 0));
    grid->insertRow(0);
    grid->addElement(0, 0, titleElement);
    grid->setRowStretchFactor(0, 0.001);

    // The legend sits in a column right of the axes, so it never hides data however many series
    // there are, above a spacer that keeps its rows together.
    view.side = new QCPLayoutGrid;
    grid->addElement(1, 1, view.side);
    grid->setColumnStretchFactor(1, 0.001);
    QCPLegend *legend = plot->legend;
    plot->axisRect()->insetLayout()->take(legend);
    view.side->addElement(0, 0, legend);
    view.side->addElement(1, 0, new QCPLayoutElement(plot));
    view.side->setRowStretchFactor(0, 0.001);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFont(theme::labelFont());
    legend->setTextColor(theme::primaryText());
    legend->setIconSize(18, 10);
    legend->setIconTextPadding(5);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(10);
    legend->setMargins(QMargins(4, 2, 8, 2));
    legend->setVisible(false);

    styleAxis(plot->xAxis);
    styleAxis(plot->yAxis);
    plot->xAxis->setLabel(tr("seconds"));
    plot->yAxis->setLabel(valueLabel);
    plot->xAxis->setRange(0, m_windowSeconds);
    QCPAxisRect *axisRect = plot->axisRect();
    // The same room left of every value axis, so the three time axes line up.
    const QFontMetrics metrics(theme::labelFont());
    const int valueAxisWidth = metrics.horizontalAdvance(QStringLiteral("888.8M")) + metrics.height() + 18;
    axisRect->setMinimumMargins(QMargins(valueAxisWidth, 6, 8, 0));
    axisRect->setRangeDrag(Qt::Horizontal);
    axisRect->setRangeZoom(Qt::Horizontal);

    view.hint = new QCPItemText(plot);
    view.hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    view.hint->position->setCoords(0.5, 0.5);
    view.hint->setPositionAlignment(Qt::AlignCenter);
    view.hint->setText(hint);
    view.hint->setColor(theme::secondaryText());
    QFont hintFont = theme::labelFont();
    hintFont.setPointSizeF(10);
    view.hint->setFont(hintFont);

    connect(plot, &QCustomPlot::beforeReplot, this, [this, plot] { applyRanges(plot); });
    connect(
        plot, &QCustomPlot::legendClick, this, [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *event) {
            auto *entry = qobject_cast<QCPPlottableLegendItem *>(item);
            if (entry && event->button() == Qt::LeftButton)
                setPlottableVisible(entry->plottable(), !entry->plottable()->visible());
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

void PlotPanel::beginRun(const RunColors &colors, const pipeline::Frame &first)
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
    m_nodes.reserve(first.nodes.size());
    for (const pipeline::NodeRates &node : first.nodes) {
        const QString id = QString::fromStdString(node.id);
        const QColor color = colorOf(node.id);
        NodeSeries series;
        series.id = node.id;
        series.throughput = addSeries(kThroughput, id, color, Qt::SolidLine);
        if (node.role == pipeline::NodeRole::Consumer) {
            series.p50 = addSeries(kLatency, id + QStringLiteral(" p50"), color, Qt::SolidLine);
            series.p99 = addSeries(kLatency, id + QStringLiteral(" p99"), color, Qt::DashLine);
            series.p999 = addSeries(kLatency, id + QStringLiteral(" p99.9"), color, Qt::DotLine);
        }
        m_nodes.push_back(std::move(series));
    }
    m_rings.reserve(first.rings.size());
    for (const pipeline::RingRates &ring : first.rings)
        m_rings.push_back(
            {ring.id, addSeries(kRingFill, QString::fromStdString(ring.id), colorOf(ring.id), Qt::SolidLine)});

    for (View &view : m_views) {
        view.hint->setVisible(false);
        view.plot->legend->setVisible(view.plot->graphCount() > 0);
    }
    layoutLegends();
    replotShown();
}

void PlotPanel::addFrame(const pipeline::Frame &frame)
{
    if (!m_hasRun)
        return;
    const double t = frame.seconds;
    m_latestSeconds = std::max(m_latestSeconds, t);
    for (std::size_t i = 0; i < frame.nodes.size(); ++i) {
        const pipeline::NodeRates &node = frame.nodes[i];
        const NodeSeries *series = findSeries(m_nodes, i, node.id);
        if (!series)
            continue;
        series->throughput->addData(t, node.eventsPerSecond);
        if (series->p50) {
            series->p50->addData(t, latencyMicros(node.p50Ns));
            series->p99->addData(t, latencyMicros(node.p99Ns));
            series->p999->addData(t, latencyMicros(node.p999Ns));
        }
    }
    for (std::size_t i = 0; i < frame.rings.size(); ++i) {
        const pipeline::RingRates &ring = frame.rings[i];
        if (const RingSeries *series = findSeries(m_rings, i, ring.id))
            series->fill->addData(t, ring.fillFraction * 100);
    }

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
    }
    m_nodes.clear();
    m_rings.clear();
    m_graphs.clear();
    layoutLegends();
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
    graph->addToLegend(plot->legend);
    m_graphs.insert(name, graph);
    if (m_hidden.contains(name))
        setPlottableVisible(graph, false);
    return graph;
}

void PlotPanel::setSeriesVisible(const QString &seriesName, bool visible)
{
    if (QCPGraph *graph = graphFor(seriesName))
        setPlottableVisible(graph, visible);
}

void PlotPanel::setPlottableVisible(QCPAbstractPlottable *plottable, bool visible)
{
    plottable->setVisible(visible);
    // The legend draws its icon with the series' pen: fade it with the text.
    QPen pen = plottable->pen();
    QColor color = pen.color();
    color.setAlphaF(visible ? 1.0 : kHiddenIconAlpha);
    pen.setColor(color);
    plottable->setPen(pen);
    QCustomPlot *plot = plottable->parentPlot();
    if (QCPPlottableLegendItem *entry = plot->legend->itemWithPlottable(plottable))
        entry->setTextColor(visible ? theme::primaryText() : theme::nodeBorder());
    if (visible)
        m_hidden.remove(plottable->name());
    else
        m_hidden.insert(plottable->name());
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
    QCPAxis *rates = throughputPlot()->yAxis;
    rates->setScaleType(type);
    rates->setTicker(
        m_logScale ? QSharedPointer<QCPAxisTicker>(new SiLogTicker) : QSharedPointer<QCPAxisTicker>(new SiTicker));
    QCPAxis *latency = latencyPlot()->yAxis;
    latency->setScaleType(type);
    latency->setTicker(m_logScale ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                  : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

void PlotPanel::setFrozen(bool frozen)
{
    if (frozen == m_frozen)
        return;
    // Every plot freezes on the same time range, hidden ones too, so they agree when shown.
    if (frozen) {
        for (const View &view : m_views)
            applyRanges(view.plot);
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

void PlotPanel::applyRanges(QCustomPlot *plot) const
{
    if (!m_frozen) {
        // Until the run fills the window its start stays at the left edge.
        const double upper = std::max(m_latestSeconds, m_windowSeconds);
        plot->xAxis->setRange(upper - m_windowSeconds, upper);
    }
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

void PlotPanel::layoutLegends()
{
    // A legend taller than its plot wraps into more columns; every legend column then takes the
    // widest legend's width, so the three plots' axes keep lining up.
    int width = 0;
    for (const View &view : m_views) {
        QCPLegend *legend = view.plot->legend;
        // One entry per series; itemCount() counts the empty cells of a wrapped legend too.
        const int count = view.plot->graphCount();
        if (count == 0 || !legend->item(0))
            continue;
        const int rowHeight = std::max(1, legend->item(0)->minimumOuterSizeHint().height() + legend->rowSpacing());
        const int titleHeight = view.plot->plotLayout()->element(0, 0)->minimumOuterSizeHint().height();
        const int available
            = view.plot->height() - titleHeight - legend->margins().top() - legend->margins().bottom() - 8;
        const int rows = std::clamp(available / rowHeight, 1, count);
        const int wrap = rows >= count ? 0 : rows;
        if (legend->wrap() != wrap) {
            legend->setWrap(wrap);
            legend->setFillOrder(QCPLayoutGrid::foRowsFirst, true);
        }
        width = std::max(width, legend->minimumOuterSizeHint().width());
    }
    for (const View &view : m_views)
        view.side->setMinimumSize(width, 0);
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

void PlotPanel::showHoverHint(QCustomPlot *plot, QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    QString tip;
    Qt::CursorShape shape = Qt::ArrowCursor;
    QCPLegend *legend = plot->legend;
    for (int i = 0; legend->visible() && i < legend->itemCount(); ++i) {
        auto *entry = qobject_cast<QCPPlottableLegendItem *>(legend->item(i));
        if (entry && entry->outerRect().contains(pos)) {
            const QCPAbstractPlottable *series = entry->plottable();
            tip = (series->visible() ? tr("Click to hide %1") : tr("Click to show %1")).arg(series->name());
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
        if (event->type() == QEvent::Show || (event->type() == QEvent::Move && isShown(plot))) {
            // It missed the replots while hidden or collapsed (moved out of sight).
            plot->replot(QCustomPlot::rpQueuedReplot);
        } else if (event->type() == QEvent::Resize) {
            // Before QCustomPlot's own resize replot, so that it draws the new legend layout.
            const int before = m_views[kThroughput].side->minimumSize().width();
            layoutLegends();
            if (m_views[kThroughput].side->minimumSize().width() != before)
                replotShown();
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
        // A hidden plot's axes are as old as its last replot.
        applyRanges(plot);
        // A picture that is kept is worth the antialiasing a live replot goes without.
        const QCP::AntialiasedElements notAntialiased = plot->notAntialiasedElements();
        plot->setNotAntialiasedElements(QCP::aeNone);
        painter->save();
        plot->toPainter(painter, plotSize.width(), plotSize.height());
        painter->restore();
        painter->translate(0, plotSize.height());
        plot->setNotAntialiasedElements(notAntialiased);
        // toPainter() leaves the plot laid out at the export's size: lay it out for the screen
        // again before a click hits a legend entry where it was in the export.
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

bool PlotPanel::exportPng(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = writeError(path, file.errorString());
        return false;
    }
    const QSize plotSize = exportPlotSize();
    QImage image(
        QSize(plotSize.width(), plotSize.height() * kPlotCount) * kPngScale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kPngScale);
    image.fill(theme::nodeBody());
    {
        QCPPainter painter(&image);
        // Hairlines would come out half as thin at twice the resolution.
        painter.setMode(QCPPainter::pmNonCosmetic);
        renderPlots(&painter, plotSize);
    }
    if (!image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = writeError(path, file.errorString());
        return false;
    }
    return true;
}

bool PlotPanel::exportPdf(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = writeError(path, file.errorString());
        return false;
    }
    const QSize plotSize = exportPlotSize();
    {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("Ringflow"));
        writer.setTitle(tr("Ringflow live plots"));
        // One PDF device pixel per screen pixel: text and lines keep their on-screen proportions.
        writer.setResolution(kScreenDpi);
        const QSizeF points = QSizeF(plotSize.width(), plotSize.height() * kPlotCount) * 72.0 / kScreenDpi;
        writer.setPageLayout(QPageLayout(
            QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch), QPageLayout::Portrait, QMarginsF()));
        QCPPainter painter;
        if (!painter.begin(&writer)) {
            if (error)
                *error = writeError(path, tr("the PDF could not be started"));
            return false;
        }
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        // Hairlines print too thin to see.
        painter.setMode(QCPPainter::pmNonCosmetic);
        renderPlots(&painter, plotSize);
        painter.end();
    }
    if (!file.commit()) {
        if (error)
            *error = writeError(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ringflow::ui
