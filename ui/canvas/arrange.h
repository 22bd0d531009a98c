#pragma once

#include <QPointF>
#include <QRectF>

#include <vector>

namespace ringflow::ui {

/// Which edges or centre lines of the selected items align.
enum class Alignment {
    Left,
    Right,
    Top,
    Bottom,
    HorizontalCentres, ///< one above the other, on the vertical line through their mean centre
    VerticalCentres, ///< side by side, on the horizontal line through their mean centre
};

/// The top-left corners that align `rects` as `alignment` says: to the outermost edge among them
/// (the leftmost left edge, the lowest bottom edge...) or to their centres' mean.
std::vector<QPointF> alignedCorners(const std::vector<QRectF> &rects, Alignment alignment);

/// The top-left corners that space `rects` along `orientation` with equal gaps between neighbours
/// (in the order of their left, or top, edges): the first and the last stay where they are, and
/// the other axis is kept. Fewer than three rects stay put.
std::vector<QPointF> distributedCorners(const std::vector<QRectF> &rects, Qt::Orientation orientation);

} // namespace ringflow::ui
