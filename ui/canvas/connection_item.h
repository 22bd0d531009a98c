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

private:
    std::optional<pipeline::Connection> m_connection;
    QPointF m_from;
    QPointF m_to;
    QString m_problem;
};

} // namespace ringflow::ui
