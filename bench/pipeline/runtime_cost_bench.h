#pragma once

#include "case_runner.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace ringflow::bench {

// What two parts of the pipeline runtime cost, each against the same runtime without it, in
// interleaved pairs (docs/benchmarks-pipelines.md).

/// instrumentation-unicast, instrumentation-pipeline: the runtime-overhead topology of the same
/// name with instrumentation on (busy time, flow window, sampled latency) against off
/// (Plan::instrumented). Both sides are timed from start() to the end of stop(), the only window a
/// run without instrumentation measures. The ratio is on / off.
BenchCase instrumentationCase(const std::string &id, std::int64_t events);

/// The payload sizes of the payload-B cases.
inline constexpr std::int64_t kPayloadSizes[] = {64, 256, 1024};

/// payload-B: a producer writes B payload bytes per event into a ring, a stage forwards each event
/// and its payload into a second ring, a stage there counts; against the same with no payload.
/// The measured side also times, on the calling thread right after its run, a memcpy of B bytes per
/// event into a buffer of the ring's size: RunSample::memcpyNsPerEvent.
BenchCase payloadCase(std::int64_t bytes, std::int64_t events);

/// "payload-64" ...
std::string payloadCaseId(std::int64_t bytes);

/// A line per payload case in `summaries`: the per-event cost the payload adds (from the medians),
/// the memcpy's, and whether the target (no more than the memcpy) is met.
void printPayloadVerdict(std::FILE *out, const std::vector<CaseSummary> &summaries);

/// A line per instrumentation case: what instrumentation costs (off / on time - 1) against 10%.
void printInstrumentationVerdict(std::FILE *out, const std::vector<CaseSummary> &summaries);

} // namespace ringflow::bench
