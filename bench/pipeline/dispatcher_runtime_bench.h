#pragma once

#include "case_runner.h"

#include <cstdio>
#include <filesystem>
#include <vector>

namespace ringflow::bench {

/// dispatcher-runtime: the dispatcher demo's design (`designFile`, resources/pipelines/
/// dispatcher-demo.json) in a burst of the demo's shape, run through the pipeline runtime as
/// `ringflow-run --set emitters.rate=0 ...` runs it (its own ring and two channel-filtering stages,
/// timed over the flow window), against the library's demo on the dispatcher (single emits, the
/// `dispatcher` case's Ringflow side). The ratio is runtime / library: what a user gives up by
/// running the design instead of writing the program. Throws std::runtime_error when the file does
/// not load or compile.
BenchCase dispatcherRuntimeCase(const std::filesystem::path &designFile);

/// The line of dispatcher-runtime in `summaries`, if it ran: the ratio against the target (the
/// library within 1.25x of the runtime).
void printDispatcherRuntimeVerdict(std::FILE *out, const std::vector<CaseSummary> &summaries);

} // namespace ringflow::bench
