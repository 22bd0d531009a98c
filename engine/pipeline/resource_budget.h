#pragma once

#include "pipeline/plan.h"
#include "pipeline/validation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// Threads a pipeline may start unless told otherwise: enough for the dispatcher demo's 256
/// producers and its stages, far below what makes a machine unusable.
inline constexpr std::int64_t kDefaultThreadBudget = 512;

/// What a pipeline may use, checked when it is compiled: before anything is allocated or started.
struct ResourceBudget {
    std::uint64_t memoryBytes = 0; ///< what its rings and metrics may allocate
    std::int64_t threads = kDefaultThreadBudget;

    /// Half of this machine's physical memory (the rest is the system's, the designer's and the
    /// rest of the user's), and kDefaultThreadBudget threads.
    static ResourceBudget forThisMachine();
};

/// What a compiled pipeline will allocate and start.
struct ResourceNeed {
    struct Part {
        std::string node;
        std::uint64_t bytes = 0;
        std::int64_t threads = 0;
    };
    std::uint64_t memoryBytes = 0; ///< rings (slots, payload arenas, publication flags) and metrics
    std::int64_t threads = 0;
    std::vector<Part> parts; ///< per node, largest memory first
};

ResourceNeed resourcesOf(const Plan &plan);

/// An error for each resource the plan needs more of than the budget allows: the need, the budget
/// and the largest contributors, on the node that contributes most (empty when it fits).
std::vector<Problem> checkBudget(const Plan &plan, const ResourceBudget &budget);

/// "512 bytes", "64.0 KiB", "1.5 GiB".
std::string bytesText(std::uint64_t bytes);

} // namespace ringflow::pipeline
