#include "canvas/grid.h"

#include <QPainter>
#include <QVector>

#include <cmath>

namespace ringflow::ui {

QPointF snapToGrid(QPointF point, qreal step)
{
    if (step <= 0)
        return point;
    return {std::round(point.x() / step) * step, std::round(point.y() / step) * step};
}

void paintGrid(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, theme::canvasBackground());
    const qreal scale = painter->worldTransform().m11();
    const qreal step = theme::kGridStep;
    const auto drawGrid = [&](qreal spacing, const QColor &color) {
        painter->setPen(QPen(color, 0));
        const qreal left = std::floor(rect.left() / spacing) * spacing;
        const qreal top = std::floor(rect.top() / spacing) * spacing;
        QVector<QLineF> lines;
        for (qreal x = left; x < rect.right(); x += spacing)
            lines.append(QLineF(x, rect.top(), x, rect.bottom()));
        for (qreal y = top; y < rect.bottom(); y += spacing)
            lines.append(QLineF(rect.left(), y, rect.right(), y));
        painter->drawLines(lines);
    };
    // Fine lines only when they are far enough apart on screen to be a help rather than a haze.
    if (step * scale >= 8)
        drawGrid(step, theme::gridMinor());
    drawGrid(step * 5, theme::gridMajor());
}

} // namespace ringflow::ui
