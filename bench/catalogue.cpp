#include "catalogue.h"

#include "latency.h"
#include "throughput_cases.h"
#include "wait_variants.h"

#include <algorithm>

namespace ringflow::bench {

namespace {

constexpr std::int64_t kMillion = 1'000'000;
static_assert(kPublishBatch == 100, "the batched case's description names its batch size");

// Each case's wait strategy won an interleaved sweep of busy-spin, yielding, phased-backoff and
// sleeping on the shared 2-core VM (docs/benchmarks.md has the figures). Busy-spin lost every case
// there, even with two threads: the other tenants' processes take turns on the same cores, and a
// spinner burns the slice that the thread it waits for needs.
const CaseSpec kCases[] = {
    {"unicast", "unicast 1P-1C", "one producer, one consumer", 2, "sleeping", {100 * kMillion, 10 * kMillion},
        {20 * kMillion, 2 * kMillion}, ringflowUnicast, baselineUnicast},
    // pipeline and diamond do the per-event work of LMAX's sequenced tests (stages write results that
    // the next stage reads); the -read-only variants only read and sum, as every other case does.
    {"pipeline", "pipeline 1P-3C",
        "one producer, stages A -> B -> C, each sees every event after the previous; A and B write a result "
        "that the next stage reads (LMAX's sequenced test)",
        4, "phased-backoff", {50 * kMillion, 5 * kMillion}, {10 * kMillion, 1 * kMillion}, ringflowPipeline,
        baselinePipeline},
    {"pipeline-read-only", "pipeline read-only",
        "the pipeline case with every stage only reading and summing the value", 4, "phased-backoff",
        {50 * kMillion, 5 * kMillion}, {10 * kMillion, 1 * kMillion}, ringflowPipelineReadOnly,
        baselinePipelineReadOnly},
    {"multicast", "multicast 1P-3C", "one producer, stages A, B, C each see every event in parallel", 4, "sleeping",
        {50 * kMillion, 5 * kMillion}, {10 * kMillion, 1 * kMillion}, ringflowMulticast, baselineMulticast},
    {"diamond", "diamond 1P-3C",
        "one producer, A and B in parallel, C sees an event after both; A and B write a flag each that C reads "
        "(LMAX's sequenced fizz-buzz test)",
        4, "yielding", {50 * kMillion, 5 * kMillion}, {10 * kMillion, 1 * kMillion}, ringflowDiamond, baselineDiamond},
    {"diamond-read-only", "diamond read-only", "the diamond case with every stage only reading and summing", 4,
        "yielding", {50 * kMillion, 5 * kMillion}, {10 * kMillion, 1 * kMillion}, ringflowDiamondReadOnly,
        baselineDiamondReadOnly},
    {"sequencer", "sequencer 3P-1C", "three producers publish into one ring, one consumer", 4, "phased-backoff",
        {30 * kMillion, 6 * kMillion}, {6 * kMillion, 3 * kMillion / 2}, ringflowSequencer, baselineSequencer},
    {"batched", "batched 1P-1C", "one producer claims and publishes 100 events at a time, one consumer", 2, "yielding",
        {200 * kMillion, 20 * kMillion}, {50 * kMillion, 5 * kMillion}, ringflowBatched, baselineBatched},
    {"worker-pool", "worker pool 1P-2W", "one producer, two workers, each event to exactly one", 3, "phased-backoff",
        {20 * kMillion, 5 * kMillion}, {5 * kMillion, 1 * kMillion}, ringflowWorkerPool, baselineWorkerPool},
    {"async", "async 1P-1C",
        "unicast with an async batch handler (a coroutine per batch on a pool of one thread); the mutex queue as in "
        "unicast",
        2, "sleeping", {50 * kMillion, 5 * kMillion}, {10 * kMillion, 2 * kMillion}, ringflowAsync, baselineUnicast},
    {"ping-pong", "ping-pong latency", "round trips through a ping and a pong ring, one in flight", 2, "sleeping",
        {kMillion, kMillion / 5}, {kMillion / 5, kMillion / 20}, ringflowPingPong, baselinePingPong},
    {"try-publish", "try-publish 1P-1C",
        "one producer publishes with tryPublishEvent, retrying when full, against blocking publishEvent", 2, "sleeping",
        {100 * kMillion, 100 * kMillion}, {20 * kMillion, 20 * kMillion}, ringflowTryPublish, ringflowBlockingPublish,
        "blocking-publish"},
    // Issue 11, item 7: the pipeline case's default against phased back-off as it was, and against
    // yielding, the strategy that did not collapse with more threads than cores.
    {"pipeline-phased", "pipeline phased",
        "the read-only pipeline case on phased-backoff against phased-backoff as it was before issue 11", 4,
        "phased-backoff", {50 * kMillion, 50 * kMillion}, {10 * kMillion, 10 * kMillion}, ringflowPipelineReadOnly,
        ringflowPipelineOnPhasedBefore, kPhasedBackoffBefore, kPhasedBackoffBefore},
    {"pipeline-yielding", "pipeline vs yield",
        "the read-only pipeline case on phased-backoff against the same on yielding", 4, "phased-backoff",
        {50 * kMillion, 50 * kMillion}, {10 * kMillion, 10 * kMillion}, ringflowPipelineReadOnly,
        ringflowPipelineOnYielding, "yielding", "yielding"},
};

} // namespace

std::span<const CaseSpec> allCases()
{
    return kCases;
}

const CaseSpec *findCase(std::string_view id)
{
    const auto found
        = std::find_if(std::begin(kCases), std::end(kCases), [id](const CaseSpec &c) { return c.id == id; });
    return found == std::end(kCases) ? nullptr : found;
}

} // namespace ringflow::bench
