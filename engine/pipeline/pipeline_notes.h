#pragma once

// Internal to pipeline_file.cpp: the optional top-level "notes" of a pipeline file, the comments a
// user writes on the canvas (docs/file-format.md, "Notes").

#include "pipeline/json_checks.h"
#include "pipeline/pipeline_spec.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ringflow::pipeline {

/// The narrowest and widest a note may be, in scene units: a note stays readable, and no file can
/// ask for a note wider than any canvas.
inline constexpr double kMinNoteWidth = 40;
inline constexpr double kMaxNoteWidth = 4000;
/// How far from the origin a note may be placed, either way on either axis.
inline constexpr double kMaxNoteCoordinate = 1e6;

/// Reads the array of notes at `path`; every problem goes to `fail`, and a bad note is left out.
std::vector<Note> readNotes(const nlohmann::ordered_json &value, const std::string &path, const json::FaultSink &fail);
/// The notes as savePipeline() writes them: [{"text", "position": {"x", "y"}, "width"}...].
nlohmann::ordered_json writeNotes(const std::vector<Note> &notes);

} // namespace ringflow::pipeline
