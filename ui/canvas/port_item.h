#pragma once

#include "pipeline/kind_registry.h"

#include <QGraphicsItem>
#include <QString>

namespace ringflow::ui {

/// How a port looks while a wire is being drawn.
enum class PortHighlight {
    None, ///< no wire is being drawn
    Source, ///< the wire starts here
    Compatible, ///< the wire may end here
    Incompatible, ///< the wire may not end here
    Target, ///< the wire would end here if released now
};

/// A connection point on the edge of a node, with its label drawn inside the node. Holds the
/// port's name and direction, never the node's data.
class PortItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    PortItem(const QString &nodeId, const pipeline::PortSpec &port, QGraphicsItem *parent);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    QString nodeId() const { return m_nodeId; }
    void setNodeId(const QString &nodeId) { m_nodeId = nodeId; }
    QString portName() const { return m_name; }
    pipeline::PortDirection direction() const { return m_direction; }
    /// Where wires attach, in scene coordinates.
    QPointF anchor() const { return scenePos(); }

    void setHighlight(PortHighlight highlight);
    PortHighlight highlight() const { return m_highlight; }
    void setConnected(bool connected);
    void setAccentColor(const QColor &color);

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QRectF labelRect() const;

    QString m_nodeId;
    QString m_name;
    pipeline::PortDirection m_direction;
    PortHighlight m_highlight = PortHighlight::None;
    QColor m_accent;
    bool m_connected = false;
    bool m_hovered = false;
};

} // namespace ringflow::ui
