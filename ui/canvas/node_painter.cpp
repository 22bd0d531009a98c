#include "canvas/node_painter.h"

#include "canvas/node_item.h"
#include "canvas/theme.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ringflow::ui {

namespace {

constexpr qreal kIconSize = 18;
constexpr qreal kMaxKindWidth = 80;
constexpr qreal kDotDiameter = 8;

/// Orange-red rather than the error red: a bottleneck is a finding about the run, not a mistake.
QColor bottleneckColor()
{
    return QColor(0xf0, 0x5a, 0x22);
}

/// Green while there is room, amber past half, red when nearly full. Short blends between plain
/// colours: a continuous blend spends most of the range on muddy in-between shades.
QColor levelColor(double level)
{
    const QColor green(0x2e, 0xa0, 0x43);
    if (level < 0.4)
        return green;
    if (level < 0.55)
        return theme::blend(green, theme::warningColor(), (level - 0.4) / 0.15);
    if (level < 0.75)
        return theme::warningColor();
    if (level < 0.9)
        return theme::blend(theme::warningColor(), theme::errorColor(), (level - 0.75) / 0.15);
    return theme::errorColor();
}

} // namespace

NodePainter::NodePainter(QPainter *painter, const NodeItem &item)
    : m_painter(painter), m_item(item), m_card(item.geometry().cardRect())
{
}

void NodePainter::paint(bool selected) const
{
    m_painter->setRenderHint(QPainter::Antialiasing);
    if (m_item.isBottleneck())
        paintGlow();
    paintBody();
    paintHeader();
    paintSummary();
    const qreal width = paintOutline();
    // Inside the outline, so that a thick (bottleneck) outline does not hide it.
    if (m_item.runLook() && m_item.runLook()->level >= 0)
        paintLevel(m_card.adjusted(width, width, -width, -width));
    if (selected) {
        const qreal r = theme::kCornerRadius;
        m_painter->setBrush(Qt::NoBrush); // the level bar leaves its fill set
        m_painter->setPen(QPen(theme::accent(), 2));
        m_painter->drawRoundedRect(m_card.adjusted(-3, -3, 3, 3), r + 3, r + 3);
    }
    if (!m_item.badge().isEmpty())
        paintBadge();
    else if (!m_item.runLook() && !m_item.prediction().isEmpty())
        paintPrediction();
}

void NodePainter::paintGlow() const
{
    // Wide faint strokes under narrow stronger ones: a soft halo without a blur effect, which would
    // cost an offscreen render of the card on every repaint.
    m_painter->setBrush(Qt::NoBrush);
    QColor color = bottleneckColor();
    for (int i = 4; i >= 1; --i) {
        color.setAlphaF(0.09 + 0.07 * (4 - i));
        m_painter->setPen(QPen(color, i * 4.0));
        m_painter->drawRoundedRect(m_card, theme::kCornerRadius, theme::kCornerRadius);
    }
}

void NodePainter::paintBody() const
{
    const qreal r = theme::kCornerRadius;
    m_painter->setPen(Qt::NoPen);
    m_painter->setBrush(QColor(20, 30, 50, 22));
    m_painter->drawRoundedRect(m_card.translated(0, 3), r, r);
    m_painter->setBrush(theme::nodeBody());
    m_painter->drawRoundedRect(m_card, r, r);
}

void NodePainter::paintHeader() const
{
    const qreal r = theme::kCornerRadius;
    QPainterPath header;
    header.addRoundedRect(QRectF(0, 0, m_card.width(), theme::kHeaderHeight + r), r, r);
    QPainterPath lower;
    lower.addRect(QRectF(0, theme::kHeaderHeight, m_card.width(), r));
    m_painter->setPen(Qt::NoPen);
    m_painter->setBrush(theme::categoryColor(m_item.category()));
    m_painter->drawPath(header.subtracted(lower));

    const QRectF iconRect(8, (theme::kHeaderHeight - kIconSize) / 2, kIconSize, kIconSize);
    theme::categoryIcon(m_item.category()).paint(m_painter, iconRect.toAlignedRect());

    const qreal right = m_item.geometry().titleRight(m_item.hasProblems());
    const QFont kindFont = theme::labelFont();
    const QFontMetricsF kindMetrics(kindFont);
    const QFontMetricsF titleMetrics(theme::titleFont());
    // The name comes first: where it does not fit beside the kind, the kind gives way (the header's
    // colour and icon, and the tooltip, still say it).
    const qreal titleRoom = right - iconRect.right() - 12;
    qreal kindWidth = std::min(kindMetrics.horizontalAdvance(m_item.kindName()), kMaxKindWidth);
    if (titleMetrics.horizontalAdvance(m_item.nodeId()) > titleRoom - kindWidth)
        kindWidth = 0;
    const QRectF title(iconRect.right() + 6, 0, titleRoom - kindWidth, theme::kHeaderHeight);
    m_painter->setFont(theme::titleFont());
    m_painter->setPen(Qt::white);
    m_painter->drawText(title, Qt::AlignLeft | Qt::AlignVCenter,
        titleMetrics.elidedText(m_item.nodeId(), Qt::ElideRight, title.width()));
    m_painter->setFont(kindFont);
    m_painter->setPen(QColor(255, 255, 255, 200));
    m_painter->drawText(QRectF(right - kindWidth, 0, kindWidth, theme::kHeaderHeight),
        Qt::AlignRight | Qt::AlignVCenter, kindMetrics.elidedText(m_item.kindName(), Qt::ElideRight, kindWidth));
}

void NodePainter::paintSummary() const
{
    const std::vector<NodeItem::SummaryLine> &summary = m_item.summary();
    if (summary.empty())
        return;
    const qreal top = m_item.geometry().summaryTop();
    m_painter->setPen(QPen(theme::gridMinor(), 1));
    m_painter->drawLine(QPointF(10, top - 2), QPointF(m_card.width() - 10, top - 2));
    m_painter->setFont(theme::labelFont());
    const QFontMetricsF metrics(theme::labelFont());
    constexpr qreal kGap = 8;
    for (std::size_t i = 0; i < summary.size(); ++i) {
        const QRectF line = m_item.geometry().summaryLine(i);
        // The value is what the line is for: it keeps its width, and the label gives way, down to
        // two fifths of the line.
        const qreal labelWidth = metrics.horizontalAdvance(summary[i].label);
        const qreal labelFloor = std::min(labelWidth, line.width() * 2 / 5);
        const qreal valueRoom = std::min(metrics.horizontalAdvance(summary[i].value), line.width() - labelFloor - kGap);
        m_painter->setPen(theme::secondaryText());
        m_painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(summary[i].label, Qt::ElideRight, line.width() - valueRoom - kGap));
        m_painter->setPen(theme::primaryText());
        m_painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter,
            metrics.elidedText(summary[i].value, Qt::ElideMiddle, valueRoom + 1));
    }
}

qreal NodePainter::paintOutline() const
{
    QColor outline = theme::nodeBorder();
    qreal width = 1;
    if (m_item.isBottleneck()) {
        outline = bottleneckColor();
        width = 2;
    } else if (m_item.hasProblems()) {
        outline = m_item.hasErrors() ? theme::errorColor() : theme::warningColor();
        width = 2;
    }
    const qreal r = theme::kCornerRadius;
    m_painter->setBrush(Qt::NoBrush);
    m_painter->setPen(QPen(outline, width));
    m_painter->drawRoundedRect(m_card.adjusted(width / 2, width / 2, -width / 2, -width / 2), r, r);
    return width;
}

void NodePainter::paintLevel(const QRectF &inside) const
{
    // A strip along the foot of the card, following its rounded corners: it takes no room from the
    // summary above it and keeps clear of the ports.
    const double level = std::clamp(m_item.runLook()->level, 0.0, 1.0);
    const qreal height = NodeGeometry::kLevelHeight;
    QPainterPath outline;
    outline.addRoundedRect(inside, theme::kCornerRadius - 1, theme::kCornerRadius - 1);
    QPainterPath track;
    track.addRect(QRectF(inside.left(), inside.bottom() - height, inside.width(), height));
    QPainterPath filled;
    filled.addRect(QRectF(inside.left(), inside.bottom() - height, inside.width() * level, height));
    m_painter->setPen(Qt::NoPen);
    m_painter->setBrush(theme::gridMajor());
    m_painter->drawPath(outline.intersected(track));
    if (level > 0) {
        m_painter->setBrush(levelColor(level));
        m_painter->drawPath(outline.intersected(filled));
    }
}

void NodePainter::paintPrediction() const
{
    // Muted and outlined where the run badge is filled: a forecast, not a measurement.
    const QFont font = theme::labelFont();
    const QFontMetricsF metrics(font);
    const QRectF pill = m_item.geometry().badgeRect(metrics.horizontalAdvance(m_item.prediction()) + 14);
    const qreal r = NodeGeometry::kBadgeHeight / 2;
    m_painter->setPen(QPen(theme::secondaryText(), 1, Qt::DashLine));
    m_painter->setBrush(theme::nodeBody());
    m_painter->drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), r, r);
    m_painter->setFont(font);
    m_painter->setPen(theme::secondaryText());
    m_painter->drawText(pill, Qt::AlignCenter, m_item.prediction());
}

void NodePainter::paintBadge() const
{
    QFont font = theme::labelFont();
    font.setBold(true);
    const QFontMetricsF metrics(font);
    // The run colour leads the figure, so that the node can be matched with its line in the plots.
    const std::optional<NodeItem::RunLook> &look = m_item.runLook();
    const bool dot = look && look->color.isValid();
    const qreal dotSpace = dot ? kDotDiameter + 5 : 0;
    const QRectF pill = m_item.geometry().badgeRect(metrics.horizontalAdvance(m_item.badge()) + 14 + dotSpace);
    const qreal r = NodeGeometry::kBadgeHeight / 2;
    m_painter->setPen(Qt::NoPen);
    m_painter->setBrush(m_item.isBottleneck() ? bottleneckColor() : theme::badgeFill());
    m_painter->drawRoundedRect(pill, r, r);
    if (dot) {
        // A light ring keeps dark series colours visible on the dark pill.
        m_painter->setPen(QPen(QColor(255, 255, 255, 220), 1.5));
        m_painter->setBrush(look->color);
        m_painter->drawEllipse(
            QPointF(pill.left() + 5 + kDotDiameter / 2, pill.center().y()), kDotDiameter / 2, kDotDiameter / 2);
    }
    m_painter->setFont(font);
    m_painter->setPen(Qt::white);
    m_painter->drawText(pill.adjusted(dotSpace, 0, 0, 0), Qt::AlignCenter, m_item.badge());
}

} // namespace ringflow::ui
