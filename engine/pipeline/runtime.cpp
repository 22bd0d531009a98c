#include "runtime.h"

namespace ringflow::pipeline {

// Compiled once here rather than in every file that runs a pipeline.
template class BasicRuntime<SyntheticEvent>;

Runtime::Runtime(Plan plan)
    : BasicRuntime<SyntheticEvent>(std::move(plan), Bindings<SyntheticEvent>().keepSyntheticWorkloads())
{
}

} // namespace ringflow::pipeline
