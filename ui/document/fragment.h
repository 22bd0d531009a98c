#pragma once

#include "pipeline/pipeline_spec.h"

#include <QStringList>

#include <optional>
#include <vector>

class QMimeData;

namespace ringflow::ui {

/// The clipboard format of copied nodes and notes: a pipeline file holding the nodes, their wires
/// and the notes.
inline constexpr char kFragmentMimeType[] = "application/x-ringflow-fragment";

/// The nodes with these ids, in spec order, with the wires that run between two of them, and the
/// notes at `noteIndexes`.
pipeline::PipelineSpec fragmentOf(
    const pipeline::PipelineSpec &spec, const QStringList &nodeIds, const std::vector<int> &noteIndexes = {});

/// Clipboard data for a fragment: the Ringflow format, plus the same JSON as plain text.
QMimeData *fragmentMimeData(const pipeline::PipelineSpec &fragment);

/// The fragment in `mimeData`, or nullopt when it holds none.
std::optional<pipeline::PipelineSpec> fragmentFromMimeData(const QMimeData *mimeData);

} // namespace ringflow::ui
