#include "canvas/free_spot.h"

#include "canvas/node_item.h"
#include "canvas/theme.h"

#include <algorithm>
#include <cmath>

namespace ringflow::ui {

namespace {

// 60 grid steps of 20 px: 1,200 px around the preferred spot, more than a screen.
constexpr int kMaxRings = 60;
// Cards closer than this look stuck together.
constexpr qreal kGap = 10;

std::vector<QRectF> cardsOf(const std::vector<pipeline::Node> &nodes)
{
    std::vector<QRectF> cards;
    cards.reserve(nodes.size());
    for (const pipeline::Node &node : nodes) {
        const QPointF at = node.position ? QPointF(node.position->x, node.position->y) : QPointF();
        cards.emplace_back(at, NodeItem::sizeFor(node));
    }
    return cards;
}

QRectF boundsOf(const std::vector<QRectF> &rects)
{
    QRectF bounds;
    for (const QRectF &rect : rects)
        bounds |= rect;
    return bounds;
}

bool fits(const std::vector<QRectF> &cards, const std::vector<QRectF> &taken, QPointF offset, qreal gap)
{
    for (const QRectF &card : cards) {
        const QRectF placed = card.translated(offset).adjusted(-gap, -gap, gap, gap);
        for (const QRectF &other : taken)
            if (placed.intersects(other))
                return false;
    }
    return true;
}

/// The offsets of ring `ring` around `preferred` (the cells whose larger coordinate distance is
/// `ring`), nearest first.
std::vector<QPointF> ringOffsets(QPointF preferred, int ring, qreal step)
{
    std::vector<QPointF> offsets;
    for (int dx = -ring; dx <= ring; ++dx)
        for (int dy = -ring; dy <= ring; ++dy)
            if (std::max(std::abs(dx), std::abs(dy)) == ring)
                offsets.push_back(preferred + QPointF(dx * step, dy * step));
    std::stable_sort(offsets.begin(), offsets.end(), [preferred](QPointF a, QPointF b) {
        return QPointF::dotProduct(a - preferred, a - preferred) < QPointF::dotProduct(b - preferred, b - preferred);
    });
    return offsets;
}

} // namespace

QPointF freeOffset(
    const std::vector<QRectF> &cards, const std::vector<QRectF> &taken, QPointF preferred, qreal step, qreal gap)
{
    const QRectF cardBounds = boundsOf(cards);
    if (cardBounds.isNull())
        return preferred;
    // Only what the search can reach matters: a file may hold tens of thousands of cards.
    const qreal reach = kMaxRings * step + gap;
    const QRectF area = cardBounds.translated(preferred).adjusted(-reach, -reach, reach, reach);
    std::vector<QRectF> near;
    for (const QRectF &other : taken)
        if (other.intersects(area))
            near.push_back(other);
    for (int ring = 0; ring <= kMaxRings; ++ring)
        for (const QPointF offset : ringOffsets(preferred, ring, step))
            if (fits(cards, near, offset, gap))
                return offset;
    const QRectF everything = boundsOf(taken);
    return QPointF(preferred.x(), std::ceil((everything.bottom() + gap - cardBounds.top()) / step) * step);
}

QPointF freeOffset(const std::vector<pipeline::Node> &nodes, const pipeline::PipelineSpec &spec, QPointF preferred)
{
    return freeOffset(cardsOf(nodes), cardsOf(spec.nodes), preferred, theme::kGridStep, kGap);
}

} // namespace ringflow::ui
