#pragma once

#include "pipeline/pipeline_spec.h"

#include <QPointF>
#include <QRectF>

#include <vector>

namespace ringflow::ui {

/// Where to put new cards so that they cover none of the cards already there: the offset nearest to
/// `preferred`, on a grid `step` apart around it, at which none of `cards` (as placed at offset 0)
/// comes closer than `gap` to any of `taken`. Searched ring by ring outwards; far beyond any search
/// there is always room below everything, which is where the cards go when the search finds none.
QPointF freeOffset(
    const std::vector<QRectF> &cards, const std::vector<QRectF> &taken, QPointF preferred, qreal step, qreal gap);

/// The same for `nodes` (at their positions) among the nodes of `spec`, on the canvas's grid.
QPointF freeOffset(const std::vector<pipeline::Node> &nodes, const pipeline::PipelineSpec &spec, QPointF preferred);

} // namespace ringflow::ui
