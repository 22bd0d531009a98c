#include "canvas/connection_item.h"

#include "canvas/theme.h"
#include "format/number_format.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace ringflow::ui {

namespace {

constexpr qreal kArrowLength = 9;
constexpr qreal kEditingWidth = 2;
constexpr qreal kIdleWidth = 1.5;
constexpr qreal kBusiestWidth = 6;
// Relative flows closer than this look the same (a fraction of a pixel in width).
constexpr double kFlowSteps = 64;

} // namespace

ConnectionItem::ConnectionItem(const pipeline::Connection &connection) : m_connection(connection)
{
    setFlag(ItemIsSelectable);
    setZValue(0);
    setToolTip(editingToolTip());
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
    if (m_connection && !m_flow)
        setToolTip(editingToolTip());
    update();
}

QString ConnectionItem::editingToolTip() const
{
    if (!m_problem.isEmpty())
        return m_problem;
    if (!m_connection)
        return {};
    return QStringLiteral("%1.%2 → %3.%4")
        .arg(QString::fromStdString(m_connection->from.node), QString::fromStdString(m_connection->from.port),
            QString::fromStdString(m_connection->to.node), QString::fromStdString(m_connection->to.port));
}

void ConnectionItem::setFlow(double eventsPerSecond, double relative)
{
    const Flow flow {
        std::max(0.0, eventsPerSecond), std::round(std::clamp(relative, 0.0, 1.0) * kFlowSteps) / kFlowSteps};
    const bool changed = !m_flow || m_flow->relative != flow.relative || (m_flow->rate > 0) != (flow.rate > 0);
    if (changed)
        prepareGeometryChange(); // the arrow head grows with the wire
    m_flow = flow;
    setToolTip(QStringLiteral("%1 events/s\n%2").arg(siText(flow.rate), editingToolTip()));
    if (changed)
        update();
}

void ConnectionItem::clearFlow()
{
    if (!m_flow)
        return;
    prepareGeometryChange();
    m_flow.reset();
    setToolTip(editingToolTip());
    update();
}

qreal ConnectionItem::penWidth() const
{
    if (!m_flow)
        return kEditingWidth;
    if (m_flow->rate <= 0)
        return kIdleWidth;
    return kIdleWidth + (kBusiestWidth - kIdleWidth) * m_flow->relative;
}

QColor ConnectionItem::flowColor() const
{
    if (m_flow->rate <= 0)
        return theme::idleWire();
    // From the editing grey towards the accent blue: the busiest wires stand out most.
    return theme::blend(theme::wire(), theme::accent(), 0.35 + 0.65 * m_flow->relative);
}

qreal ConnectionItem::arrowLength() const
{
    return kArrowLength + std::max<qreal>(0, penWidth() - kEditingWidth) * 1.5;
}

QPainterPath ConnectionItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path());
}

QRectF ConnectionItem::boundingRect() const
{
    const qreal reach = arrowLength();
    return path().boundingRect().adjusted(-reach, -reach, reach, reach);
}

void ConnectionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QColor color = theme::wire();
    qreal width = penWidth();
    Qt::PenStyle style = Qt::SolidLine;
    if (!m_connection) {
        color = theme::accent();
        style = Qt::DashLine;
    } else if (m_problem.size() > 0) {
        color = theme::errorColor();
    } else if (m_flow) {
        color = flowColor();
    }
    if (option->state & QStyle::State_Selected) {
        painter->setPen(QPen(QColor(theme::accent().red(), theme::accent().green(), theme::accent().blue(), 70),
            width + 6, Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(path());
        color = theme::accent();
        width = std::max<qreal>(width, 2.5);
    }
    painter->setPen(QPen(color, width, style, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());

    // The arrow head points along the curve where it meets the input port.
    const qreal angle
        = std::atan2(m_to.y() - path().pointAtPercent(0.97).y(), m_to.x() - path().pointAtPercent(0.97).x());
    const QPointF tip = m_to - QPointF(std::cos(angle), std::sin(angle)) * 6;
    const qreal length = arrowLength();
    QPolygonF head;
    head << tip << tip - QPointF(std::cos(angle - 0.45), std::sin(angle - 0.45)) * length
         << tip - QPointF(std::cos(angle + 0.45), std::sin(angle + 0.45)) * length;
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);
}

} // namespace ringflow::ui
