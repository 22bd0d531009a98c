#pragma once

#include "pipeline/plan.h"

#include <QColor>
#include <QString>

#include <map>

namespace ringflow::ui {

/// The colour of every node of a run: producers, consumers, then rings, in plan order, each taking
/// the next series colour. The plots draw a node's series and the canvas its swatch in this colour.
using RunColors = std::map<QString, QColor>;

RunColors runColors(const pipeline::Plan &plan);

} // namespace ringflow::ui
