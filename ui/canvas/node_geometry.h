#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <cstddef>

namespace ringflow::ui {

/// Where everything goes on a node's card, in the item's coordinates (the card's top-left corner
/// at 0,0): the card's size, the ports on its edges, the problem marker in the title bar, the
/// summary lines, the run's level bar and badge, and the room the item paints in. The one place
/// that knows the card's layout: the item, its painter and the auto layout ask it.
class NodeGeometry {
public:
    /// The height of the badge under the card and of the level bar along its foot.
    static constexpr qreal kBadgeHeight = 18;
    static constexpr qreal kLevelHeight = 5;

    NodeGeometry() = default;
    /// A card with `portRows` rows of ports (at least one) and `summaryLines` lines of parameters.
    NodeGeometry(int portRows, std::size_t summaryLines);

    QSizeF size() const { return m_size; }
    QRectF cardRect() const { return QRectF(QPointF(0, 0), m_size); }
    /// The card and what is drawn around it: the selection halo or, with `glow`, the bottleneck's
    /// glow; the shadow; and with `badge` the badge under the card.
    QRectF boundingRect(bool glow, bool badge) const;

    /// Where the `row`th input (on the left edge) or output (on the right edge) port sits.
    static QPointF portPosition(bool input, int row);
    /// The problem marker's top-left corner, at the right end of the title bar.
    static QPointF markerPosition();
    /// Where the title bar's text ends on the right: before the problem marker when it shows.
    qreal titleRight(bool marker) const;

    /// The top of the summary, below the ports.
    qreal summaryTop() const;
    /// The `index`th summary line.
    QRectF summaryLine(std::size_t index) const;
    /// A badge `width` wide under the card's right end.
    QRectF badgeRect(qreal width) const;

private:
    QSizeF m_size;
    std::size_t m_summaryLines = 0;
};

} // namespace ringflow::ui
