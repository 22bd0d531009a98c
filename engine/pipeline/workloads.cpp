#include "pipeline/workloads.h"

#include <algorithm>
#include <iterator>

namespace ringflow::pipeline {

namespace {

// A step listed twice or not at all would make workloadSpec() answer for the wrong workload.
constexpr bool everyStepOnceInOrder()
{
    for (std::size_t i = 0; i < std::size(kWorkloads); ++i)
        if (static_cast<std::size_t>(kWorkloads[i].step) != i)
            return false;
    return std::size(kWorkloads) == static_cast<std::size_t>(WorkloadStep::Fail) + 1;
}
static_assert(everyStepOnceInOrder(), "kWorkloads lists each WorkloadStep once, in the enum's order");

} // namespace

const WorkloadSpec *findWorkload(std::string_view name) noexcept
{
    const auto found
        = std::find_if(std::begin(kWorkloads), std::end(kWorkloads), [&](const auto &w) { return w.name == name; });
    return found == std::end(kWorkloads) ? nullptr : found;
}

const WorkloadSpec &workloadSpec(WorkloadStep step) noexcept
{
    return kWorkloads[static_cast<std::size_t>(step)];
}

} // namespace ringflow::pipeline
