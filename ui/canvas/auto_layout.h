#pragma once

#include "pipeline/pipeline_spec.h"

#include <QSizeF>

#include <functional>
#include <map>
#include <string>

namespace ringflow::ui {

/// Places nodes left to right by dependency: each node one column right of the furthest node wired
/// into it (producers, then rings, then stages in order, then the rings they forward into...).
/// Within a column, nodes sit near the average row of what feeds them, so wires cross little.
/// Returns the top-left corner of every node; `sizeOf` gives the size of a node's card.
std::map<std::string, pipeline::Position> autoLayout(
    const pipeline::PipelineSpec &spec, const std::function<QSizeF(const pipeline::Node &)> &sizeOf);

/// The same layout for the nodes that have no position yet, placed below the positioned ones; the
/// spec's other nodes keep their place. Used on files written without positions.
void placeUnpositioned(pipeline::PipelineSpec &spec, const std::function<QSizeF(const pipeline::Node &)> &sizeOf);

} // namespace ringflow::ui
