#pragma once

#include <QRectF>

class QPainter;

namespace ringflow::ui {

class NodeItem;

/// Draws a NodeItem from what the item says about itself, where its NodeGeometry puts things: the
/// card with its shadow, the title bar in the category's colour with the id and the kind, the
/// summary, the outline (red or orange for problems, orange-red for the bottleneck), the selection
/// halo and, during a run, the bottleneck's glow, the level bar and the badge. It keeps nothing
/// between paints: the item holds the state.
class NodePainter {
public:
    NodePainter(QPainter *painter, const NodeItem &item);

    /// Paints the whole card; `selected` adds the selection halo.
    void paint(bool selected) const;

private:
    void paintGlow() const;
    void paintBody() const;
    void paintHeader() const;
    void paintSummary() const;
    /// Draws the outline and returns its width.
    qreal paintOutline() const;
    void paintLevel(const QRectF &inside) const;
    void paintBadge() const;
    void paintPrediction() const;

    QPainter *m_painter;
    const NodeItem &m_item;
    QRectF m_card;
};

} // namespace ringflow::ui
