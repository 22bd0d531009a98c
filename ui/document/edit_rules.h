#pragma once

// Which edits the designer refuses, and why, in the validator's words. The validator is the one
// rulebook: each rule here asks it about the pipeline as it would be after the edit.

#include "pipeline/pipeline_spec.h"
#include "pipeline/validation.h"

#include <QString>

#include <vector>

namespace ringflow::ui {

/// Why adding `connection` to `spec` would be refused; empty when it is allowed. `problems` are
/// the spec's current ones. Refused: anything the validator blames on the new wire (ports that do
/// not fit, a second wire on a one-wire port, a duplicate) and new wiring errors it causes
/// elsewhere (cycles, a consumer reading two rings). Parameter mismatches it reveals (a payload
/// too large...) are allowed: they are fixed by editing a value, and the node shows them.
QString connectionRefusal(const pipeline::PipelineSpec &spec, const std::vector<pipeline::Problem> &problems,
    const pipeline::Connection &connection);

/// Why `node` cannot take `value` for `param`; empty when it can. Only the value itself is judged
/// (type, range, choices), not how it fits the rest of the pipeline.
QString parameterRefusal(const pipeline::Node &node, const std::string &param, const pipeline::ParamValue &value);

/// Why a node of `spec` cannot be renamed from `oldId` to `newId`; empty when it can.
QString renameRefusal(const pipeline::PipelineSpec &spec, const QString &oldId, const QString &newId);

} // namespace ringflow::ui
