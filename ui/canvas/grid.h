#pragma once

// The canvas's grid: drawn behind the nodes, and what drags, drops and added nodes snap to.

#include "canvas/theme.h"

#include <QPointF>
#include <QRectF>

class QPainter;

namespace ringflow::ui {

/// `point` moved to the nearest crossing of a grid `step` apart; a step of 0 leaves it where it is.
QPointF snapToGrid(QPointF point, qreal step = theme::kGridStep);

/// Fills `rect` with the canvas's background and draws the grid over it: every fifth line strong,
/// the fine ones only when they are far enough apart at the painter's zoom.
void paintGrid(QPainter *painter, const QRectF &rect);

} // namespace ringflow::ui
