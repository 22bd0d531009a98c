#pragma once

#include "pipeline/pipeline_spec.h"
#include "pipeline/plan.h"
#include "pipeline/resource_budget.h"
#include "pipeline/validation.h"

#include <optional>
#include <vector>

namespace ringflow::pipeline {

struct CompileResult {
    std::optional<Plan> plan; ///< present when the spec has no errors and fits the budget
    std::vector<Problem> problems; ///< everything validate() found, warnings included, then the budget's
};

/// Validates `spec` and, when it has no errors, turns it into the plan the runtime executes: for
/// each ring its sequencer (single or multi producer from the publishing threads), wait strategy
/// and gating consumers; for each consumer the consumers its barrier waits on and its threads.
/// A plan that needs more memory or threads than `budget` allows is refused with the reasons
/// (checkBudget()), so nothing is allocated or started beyond it.
CompileResult compile(const PipelineSpec &spec, const ResourceBudget &budget = ResourceBudget::forThisMachine());

} // namespace ringflow::pipeline
