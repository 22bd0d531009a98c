#pragma once

#include "pipeline/pipeline_spec.h"
#include "pipeline/plan.h"
#include "pipeline/validation.h"

#include <optional>
#include <vector>

namespace ringflow::pipeline {

struct CompileResult {
    std::optional<Plan> plan; ///< present when the spec has no errors
    std::vector<Problem> problems; ///< everything validate() found, warnings included
};

/// Validates `spec` and, when it has no errors, turns it into the plan the runtime executes: for
/// each ring its sequencer (single or multi producer from the publishing threads), wait strategy
/// and gating consumers; for each consumer the consumers its barrier waits on and its threads.
CompileResult compile(const PipelineSpec &spec);

} // namespace ringflow::pipeline
