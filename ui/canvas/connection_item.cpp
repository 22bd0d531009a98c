#include "canvas/connection_item.h"

#include "canvas/theme.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace ringflow::ui {

namespace {

constexpr qreal kArrowLength = 9;

} // namespace

ConnectionItem::ConnectionItem(const pipeline::Connection &connection) : m_connection(connection)
{
    setFlag(ItemIsSelectable);
    setZValue(0);
    setToolTip(QStringLiteral("%1.%2 → %3.%4")
                   .arg(QString::fromStdString(connection.from.node), QString::fromStdString(connection.from.port),
                       QString::fromStdString(connection.to.node), QString::fromStdString(connection.to.port)));
}

ConnectionItem::ConnectionItem()
{
    setZValue(3);
    setAcceptedMouseButtons(Qt::NoButton);
}

void ConnectionItem::setEnds(QPointF from, QPointF to)
{
    m_from = from;
    m_to = to;
    // Leave and enter the ports horizontally, bending more the further back the wire has to go.
    const qreal dx = to.x() - from.x();
    const qreal bend = std::max(40.0, dx >= 0 ? dx * 0.5 : std::abs(dx) * 0.6 + 40);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    setPath(path);
}

void ConnectionItem::setProblem(const QString &text)
{
    if (text == m_problem)
        return;
    m_problem = text;
    if (m_connection)
        setToolTip(text.isEmpty()
                ? QStringLiteral("%1.%2 → %3.%4")
                      .arg(QString::fromStdString(m_connection->from.node),
                          QString::fromStdString(m_connection->from.port),
                          QString::fromStdString(m_connection->to.node), QString::fromStdString(m_connection->to.port))
                : text);
    update();
}

QPainterPath ConnectionItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path());
}

QRectF ConnectionItem::boundingRect() const
{
    return path().boundingRect().adjusted(-kArrowLength, -kArrowLength, kArrowLength, kArrowLength);
}

void ConnectionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QColor color = theme::wire();
    qreal width = 2;
    Qt::PenStyle style = Qt::SolidLine;
    if (!m_connection) {
        color = theme::accent();
        style = Qt::DashLine;
    } else if (m_problem.size() > 0) {
        color = theme::errorColor();
    }
    if (option->state & QStyle::State_Selected) {
        painter->setPen(QPen(QColor(theme::accent().red(), theme::accent().green(), theme::accent().blue(), 70), 8,
            Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(path());
        color = theme::accent();
        width = 2.5;
    }
    painter->setPen(QPen(color, width, style, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());

    // The arrow head points along the curve where it meets the input port.
    const qreal angle
        = std::atan2(m_to.y() - path().pointAtPercent(0.97).y(), m_to.x() - path().pointAtPercent(0.97).x());
    const QPointF tip = m_to - QPointF(std::cos(angle), std::sin(angle)) * 6;
    QPolygonF head;
    head << tip << tip - QPointF(std::cos(angle - 0.45), std::sin(angle - 0.45)) * kArrowLength
         << tip - QPointF(std::cos(angle + 0.45), std::sin(angle + 0.45)) * kArrowLength;
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);
}

} // namespace ringflow::ui
