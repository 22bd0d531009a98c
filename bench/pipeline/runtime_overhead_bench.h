#pragma once

#include "case_runner.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ringflow::bench {

/// The runtime-overhead family: each classic topology of ringflow-bench (unicast, batched,
/// pipeline, multicast, diamond, 3P-1C, worker pool) run through the pipeline runtime (count
/// workload, no payload, the flow window of the run report) beside the same topology built by
/// hand on the core (bench/ringflow_cases.cpp), with the same wait strategy, ring size (65,536
/// slots) and events. The ratio runtime / core is what the pipeline harness costs.
struct OverheadTopology {
    std::string id; ///< "overhead-unicast", ...
    std::string description;
};

const std::vector<OverheadTopology> &overheadTopologies();

/// The case `id` (one of overheadTopologies()), each side publishing `events` (a multiple of 300).
BenchCase overheadCase(const std::string &id, std::int64_t events);

} // namespace ringflow::bench
