#pragma once

#include "basic_runtime.h"

namespace ringflow::pipeline {

extern template class BasicRuntime<SyntheticEvent>;

/// A compiled plan run on its synthetic workloads: what the designer and ringflow-run run. Every
/// node does what its parameters say (count, busy, sleep, checksum, fail; producers publishing
/// their events, batches and rates); a program that runs its own handlers instead binds them with
/// BasicRuntime<Event> (bindings.h).
class Runtime final : public BasicRuntime<SyntheticEvent> {
public:
    explicit Runtime(Plan plan);
};

} // namespace ringflow::pipeline
