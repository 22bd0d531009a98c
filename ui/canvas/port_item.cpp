#include "canvas/port_item.h"

#include "canvas/theme.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>

namespace ringflow::ui {

namespace {

// Larger than the drawn dot, so that a port is easy to hit with the mouse.
constexpr qreal kHitRadius = 10;
constexpr qreal kLabelGap = 9;
constexpr qreal kLabelWidth = 80;

} // namespace

PortItem::PortItem(const QString &nodeId, const pipeline::PortSpec &port, QGraphicsItem *parent)
    : QGraphicsItem(parent),
      m_nodeId(nodeId),
      m_name(QString::fromStdString(port.name)),
      m_direction(port.direction),
      m_accent(theme::wire())
{
    setAcceptHoverEvents(true);
    setCursor(Qt::CrossCursor);
    setToolTip(
        QStringLiteral("<b>%1</b> (%2)<br>%3")
            .arg(m_name, m_direction == pipeline::PortDirection::In ? QObject::tr("input") : QObject::tr("output"),
                QString::fromStdString(port.help).toHtmlEscaped()));
}

QRectF PortItem::labelRect() const
{
    const QFontMetricsF metrics(theme::labelFont());
    const qreal height = metrics.height();
    if (m_direction == pipeline::PortDirection::In)
        return QRectF(kLabelGap, -height / 2, kLabelWidth, height);
    return QRectF(-kLabelGap - kLabelWidth, -height / 2, kLabelWidth, height);
}

QRectF PortItem::boundingRect() const
{
    const qreal glow = kHitRadius + 2;
    return QRectF(-glow, -glow, 2 * glow, 2 * glow).united(labelRect());
}

QPainterPath PortItem::shape() const
{
    QPainterPath path;
    path.addEllipse(QPointF(0, 0), kHitRadius, kHitRadius);
    return path;
}

void PortItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(theme::labelFont());
    painter->setPen(m_highlight == PortHighlight::Incompatible ? theme::nodeBorder() : theme::secondaryText());
    const Qt::Alignment align
        = Qt::AlignVCenter | (m_direction == pipeline::PortDirection::In ? Qt::AlignLeft : Qt::AlignRight);
    painter->drawText(labelRect(), align, m_name);

    qreal radius = theme::kPortRadius;
    QColor ring = m_accent;
    QColor fill = m_connected ? m_accent : theme::nodeBody();
    switch (m_highlight) {
    case PortHighlight::None:
        if (m_hovered) {
            radius += 1.5;
            ring = theme::accent();
        }
        break;
    case PortHighlight::Source:
    case PortHighlight::Target:
        radius += 2;
        ring = theme::accent();
        fill = theme::accent();
        break;
    case PortHighlight::Compatible:
        radius += 1.5;
        ring = QColor(0x1f, 0xa8, 0x5a);
        fill = QColor(0xc9, 0xf2, 0xd8);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x1f, 0xa8, 0x5a, 60));
        painter->drawEllipse(QPointF(0, 0), radius + 4, radius + 4);
        break;
    case PortHighlight::Incompatible:
        ring = theme::nodeBorder();
        fill = theme::canvasBackground();
        break;
    }
    painter->setPen(QPen(ring, 2));
    painter->setBrush(fill);
    painter->drawEllipse(QPointF(0, 0), radius, radius);
}

void PortItem::setHighlight(PortHighlight highlight)
{
    if (highlight != m_highlight) {
        m_highlight = highlight;
        update();
    }
}

void PortItem::setConnected(bool connected)
{
    if (connected != m_connected) {
        m_connected = connected;
        update();
    }
}

void PortItem::setAccentColor(const QColor &color)
{
    m_accent = color;
    update();
}

void PortItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void PortItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace ringflow::ui
