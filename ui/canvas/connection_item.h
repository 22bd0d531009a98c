#pragma once

#include "pipeline/pipeline_spec.h"

#include <QGraphicsPathItem>

#include <optional>

namespace ringflow::ui {

/// A wire between two ports, drawn as a curve from the output to the input with an arrow head.
/// It knows which connection it shows (its key) and where its ends are; the scene moves the ends.
/// A wire without a key is the draft that follows the mouse while a connection is drawn.
class ConnectionItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 3 };

    /// A wire of the document.
    explicit ConnectionItem(const pipeline::Connection &connection);
    /// The draft wire.
    ConnectionItem();

    int type() const override { return Type; }
    QPainterPath shape() const override;
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const std::optional<pipeline::Connection> &connection() const { return m_connection; }
    void setConnection(const pipeline::Connection &connection) { m_connection = connection; }
    /// Sets both ends; `from` is the output side.
    void setEnds(QPointF from, QPointF to);
    QPointF fromPoint() const { return m_from; }
    QPointF toPoint() const { return m_to; }
    /// Set when validation blames this wire: it is drawn red and the tooltip says why.
    void setProblem(const QString &text);
    bool hasProblem() const { return !m_problem.isEmpty(); }

    /// During a run: the events per second the wire carries and where that lies between idle (0)
    /// and the busiest wire (1); the more it carries, the thicker and bluer it is drawn, and the
    /// tooltip gives the rate. Repaints only when the look changed.
    void setFlow(double eventsPerSecond, double relative);
    /// Back to the editing look and tooltip.
    void clearFlow();
    bool hasFlow() const { return m_flow.has_value(); }
    double flowRate() const { return m_flow ? m_flow->rate : 0; }
    /// The width of the wire's stroke (unselected): 2 while editing, 1.5 to 6 during a run.
    qreal penWidth() const;

private:
    struct Flow {
        double rate = 0;
        double relative = 0;
    };

    QString editingToolTip() const;
    QColor flowColor() const;
    qreal arrowLength() const;

    std::optional<pipeline::Connection> m_connection;
    QPointF m_from;
    QPointF m_to;
    QString m_problem;
    std::optional<Flow> m_flow;
};

} // namespace ringflow::ui
