#include "canvas/arrange.h"

#include <algorithm>
#include <functional>
#include <numeric>

namespace ringflow::ui {

namespace {

// Where the aligned edge or centre line goes.
qreal target(const std::vector<QRectF> &rects, Alignment alignment)
{
    const auto extreme = [&](auto edge, auto better) {
        qreal best = edge(rects.front());
        for (const QRectF &rect : rects)
            best = better(edge(rect), best) ? edge(rect) : best;
        return best;
    };
    const auto mean = [&](auto centre) {
        return std::accumulate(rects.begin(), rects.end(), 0.0, [&](qreal sum, const QRectF &r) {
            return sum + centre(r);
        }) / static_cast<qreal>(rects.size());
    };
    switch (alignment) {
    case Alignment::Left:
        return extreme([](const QRectF &r) { return r.left(); }, std::less<qreal>());
    case Alignment::Right:
        return extreme([](const QRectF &r) { return r.right(); }, std::greater<qreal>());
    case Alignment::Top:
        return extreme([](const QRectF &r) { return r.top(); }, std::less<qreal>());
    case Alignment::Bottom:
        return extreme([](const QRectF &r) { return r.bottom(); }, std::greater<qreal>());
    case Alignment::HorizontalCentres:
        return mean([](const QRectF &r) { return r.center().x(); });
    case Alignment::VerticalCentres:
        return mean([](const QRectF &r) { return r.center().y(); });
    }
    return 0;
}

} // namespace

std::vector<QPointF> alignedCorners(const std::vector<QRectF> &rects, Alignment alignment)
{
    std::vector<QPointF> corners;
    if (rects.empty())
        return corners;
    const qreal line = target(rects, alignment);
    for (const QRectF &rect : rects) {
        QPointF corner = rect.topLeft();
        switch (alignment) {
        case Alignment::Left:
            corner.setX(line);
            break;
        case Alignment::Right:
            corner.setX(line - rect.width());
            break;
        case Alignment::Top:
            corner.setY(line);
            break;
        case Alignment::Bottom:
            corner.setY(line - rect.height());
            break;
        case Alignment::HorizontalCentres:
            corner.setX(line - rect.width() / 2);
            break;
        case Alignment::VerticalCentres:
            corner.setY(line - rect.height() / 2);
            break;
        }
        corners.push_back(corner);
    }
    return corners;
}

std::vector<QPointF> distributedCorners(const std::vector<QRectF> &rects, Qt::Orientation orientation)
{
    std::vector<QPointF> corners;
    for (const QRectF &rect : rects)
        corners.push_back(rect.topLeft());
    if (rects.size() < 3)
        return corners;
    const bool across = orientation == Qt::Horizontal;
    const auto start = [&](const QRectF &r) { return across ? r.left() : r.top(); };
    const auto length = [&](const QRectF &r) { return across ? r.width() : r.height(); };
    std::vector<std::size_t> order(rects.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(
        order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return start(rects[a]) < start(rects[b]); });
    const QRectF &first = rects[order.front()];
    const QRectF &last = rects[order.back()];
    qreal occupied = 0;
    for (const QRectF &rect : rects)
        occupied += length(rect);
    // The gap may be negative: items wider than their span overlap evenly.
    const qreal gap = (start(last) + length(last) - start(first) - occupied) / static_cast<qreal>(rects.size() - 1);
    qreal next = start(first);
    for (const std::size_t index : order) {
        (across ? corners[index].rx() : corners[index].ry()) = next;
        next += length(rects[index]) + gap;
    }
    return corners;
}

} // namespace ringflow::ui
