#include "plots/plot_readout.h"

#include "canvas/theme.h"
#include "format/number_format.h"
#include "plots/plot_legend.h"

#include <QFontMetrics>

#include <cmath>
#include <limits>

namespace ringflow::ui {

namespace {

const QString kLayer = QStringLiteral("readout");
/// The mouse snaps to a sample this close, in pixels: samples are a few pixels apart.
constexpr double kSnapPixels = 12;
/// Samples of one frame share their time exactly; this only absorbs a rounding.
constexpr double kSameTime = 1e-6;
constexpr int kDotRadius = 3;
constexpr int kBoxPadding = 6;
constexpr int kBoxGap = 12;
constexpr int kSwatchWidth = 14;
constexpr int kColumnGap = 10;

/// The value of `graph` at `time`, NaN if it has no sample then.
double valueAt(const QCPGraph *graph, double time)
{
    const auto data = graph->data();
    const auto found = data->findBegin(time - kSameTime, false);
    if (found == data->constEnd() || std::abs(found->key - time) > kSameTime)
        return std::numeric_limits<double>::quiet_NaN();
    return found->value;
}

} // namespace

PlotReadout::PlotReadout(QCustomPlot *plot, ValueText valueText) : QCPLayerable(plot), m_valueText(std::move(valueText))
{
    if (!plot->layer(kLayer)) {
        plot->addLayer(kLayer, plot->layer(plot->layerCount() - 1), QCustomPlot::limAbove);
        // Its own paint buffer: a mouse move redraws the readout alone, not the whole plot.
        plot->layer(kLayer)->setMode(QCPLayer::lmBuffered);
    }
    setLayer(kLayer);
    setAntialiased(true);
    setVisible(false);
}

void PlotReadout::follow(QPointF position)
{
    if (mParentPlot->graphCount() == 0 || !mParentPlot->axisRect()->rect().contains(position.toPoint())) {
        hide();
        return;
    }
    m_mouse = position;
    setVisible(true);
    redraw();
}

void PlotReadout::hide()
{
    if (!visible())
        return;
    setVisible(false);
    redraw();
}

void PlotReadout::redraw()
{
    layer()->replot();
}

double PlotReadout::time() const
{
    const QCPAxis *axis = mParentPlot->xAxis;
    const double mouseTime = axis->pixelToCoord(m_mouse.x());
    std::optional<double> nearest;
    for (int i = 0; i < mParentPlot->graphCount(); ++i) {
        const QCPGraph *graph = mParentPlot->graph(i);
        const auto data = graph->data();
        if (!graph->visible() || data->isEmpty())
            continue;
        const auto consider = [&](double key) {
            if (!nearest || std::abs(key - mouseTime) < std::abs(*nearest - mouseTime))
                nearest = key;
        };
        const auto after = data->findBegin(mouseTime, false);
        if (after != data->constEnd())
            consider(after->key);
        if (after != data->constBegin())
            consider((after - 1)->key);
    }
    if (nearest && std::abs(axis->coordToPixel(*nearest) - m_mouse.x()) <= kSnapPixels)
        return *nearest;
    return mouseTime;
}

QList<PlotReadout::Row> PlotReadout::rows(double time) const
{
    QList<Row> rows;
    for (QCPAbstractLegendItem *item : legendItems(mParentPlot->legend)) {
        const auto *entry = qobject_cast<SeriesLegendItem *>(item);
        if (!entry)
            continue;
        Row row {entry->label(), {}, {}};
        bool any = false;
        for (QCPAbstractPlottable *series : entry->series()) {
            const auto *graph = qobject_cast<QCPGraph *>(series);
            if (!graph || !graph->visible())
                continue;
            if (!row.color.isValid())
                row.color = graph->pen().color();
            row.values.append(valueAt(graph, time));
            any = any || !std::isnan(row.values.back());
        }
        if (any)
            rows.append(row);
    }
    return rows;
}

QString PlotReadout::valueNames() const
{
    for (QCPAbstractLegendItem *item : legendItems(mParentPlot->legend)) {
        const auto *entry = qobject_cast<SeriesLegendItem *>(item);
        if (!entry || entry->series().size() < 2)
            continue;
        QStringList names;
        for (QCPAbstractPlottable *series : entry->series())
            if (series->visible())
                names.append(series->name().mid(entry->label().size()).trimmed());
        if (names.size() > 1)
            return names.join(QStringLiteral(" · "));
    }
    return {};
}

QStringList PlotReadout::lines() const
{
    if (!isShown())
        return {};
    const double at = time();
    QString header = secondsText(at, 1);
    if (const QString names = valueNames(); !names.isEmpty())
        header += QStringLiteral("   ") + names;
    QStringList lines {header};
    for (const Row &row : rows(at)) {
        QStringList values;
        for (const double value : row.values)
            values.append(std::isnan(value) ? QStringLiteral("–") : m_valueText(value));
        lines.append(row.label + QStringLiteral("  ") + values.join(QStringLiteral(" · ")));
    }
    return lines;
}

void PlotReadout::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    applyAntialiasingHint(painter, mAntialiased, QCP::aeItems);
}

void PlotReadout::draw(QCPPainter *painter)
{
    const double at = time();
    drawMarks(painter, at);
    drawBox(painter, at);
}

void PlotReadout::drawMarks(QCPPainter *painter, double at) const
{
    const QRect area = mParentPlot->axisRect()->rect();
    const double x = mParentPlot->xAxis->coordToPixel(at);
    painter->setPen(QPen(theme::secondaryText(), 1, Qt::DashLine));
    painter->drawLine(QLineF(x, area.top(), x, area.bottom()));

    // A dot where each visible series is at that time.
    const QCPAxis *values = mParentPlot->yAxis;
    for (int i = 0; i < mParentPlot->graphCount(); ++i) {
        const QCPGraph *graph = mParentPlot->graph(i);
        const double value = graph->visible() ? valueAt(graph, at) : std::nan("");
        if (std::isnan(value) || !values->range().contains(value))
            continue;
        painter->setPen(QPen(theme::nodeBody(), 1));
        painter->setBrush(graph->pen().color());
        painter->drawEllipse(QPointF(x, values->coordToPixel(value)), kDotRadius, kDotRadius);
    }
}

void PlotReadout::drawBox(QCPPainter *painter, double at) const
{
    // The time, then a row per entry: its colour, its label and its values in two columns.
    const QRect area = mParentPlot->axisRect()->rect();
    const double x = mParentPlot->xAxis->coordToPixel(at);
    const QStringList texts = lines();
    const QList<Row> shown = rows(at);
    const QFont font = theme::labelFont();
    const QFontMetrics metrics(font);
    int labelWidth = 0;
    int valueWidth = 0;
    QStringList labels;
    for (int i = 1; i < texts.size(); ++i) {
        const QString &label = shown[i - 1].label;
        labels.append(metrics.elidedText(label, Qt::ElideMiddle, SeriesLegendItem::kMaxTextWidth));
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(labels.back()));
        valueWidth = std::max(valueWidth, metrics.horizontalAdvance(texts[i].mid(label.size() + 2)));
    }
    const int rowsWidth = kSwatchWidth + 4 + labelWidth + kColumnGap + valueWidth;
    const int width
        = std::max(metrics.horizontalAdvance(texts.front()), texts.size() > 1 ? rowsWidth : 0) + 2 * kBoxPadding;
    const int lineHeight = metrics.height();
    const int height = static_cast<int>(texts.size()) * lineHeight + 2 * kBoxPadding;
    // Beside the line, on the side with room; at the top of the data.
    int left = static_cast<int>(x) + kBoxGap;
    if (left + width > area.right())
        left = static_cast<int>(x) - kBoxGap - width;
    const QRect box(std::max(area.left(), left), area.top() + 2, width, height);
    QColor background = theme::nodeBody();
    background.setAlphaF(0.92);
    painter->setPen(QPen(theme::nodeBorder(), 1));
    painter->setBrush(background);
    painter->drawRoundedRect(box, 4, 4);

    painter->setFont(font);
    QRect line(box.left() + kBoxPadding, box.top() + kBoxPadding, box.width() - 2 * kBoxPadding, lineHeight);
    painter->setPen(theme::secondaryText());
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, texts.front());
    for (int i = 1; i < texts.size(); ++i) {
        line.translate(0, lineHeight);
        const Row &row = shown[i - 1];
        painter->setPen(QPen(row.color, 2));
        const int middle = line.top() + lineHeight / 2;
        painter->drawLine(QLineF(line.left(), middle, line.left() + kSwatchWidth, middle));
        painter->setPen(theme::primaryText());
        const int labelLeft = line.left() + kSwatchWidth + 4;
        painter->drawText(
            QRect(labelLeft, line.top(), labelWidth, lineHeight), Qt::AlignLeft | Qt::AlignVCenter, labels[i - 1]);
        painter->drawText(QRect(labelLeft + labelWidth + kColumnGap, line.top(), valueWidth, lineHeight),
            Qt::AlignRight | Qt::AlignVCenter, texts[i].mid(row.label.size() + 2));
    }
}

} // namespace ringflow::ui
