#pragma once

#include "pipeline/pipeline_spec.h"

#include <string>

/// Draws the canvas of `spec` into `path` (PNG, or SVG when `svg`) with the designer's own export
/// (ui/export_actions), on Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise. Nodes
/// without a position are laid out as the designer lays them out when it opens the file. Returns
/// what went wrong, naming the file, or an empty string.
std::string exportCanvas(ringflow::pipeline::PipelineSpec spec, const std::string &path, bool svg);
