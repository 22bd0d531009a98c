#include "runtime_cost_bench.h"

#include "runtime_overhead_bench.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace ringflow::bench {

namespace {

// Slots of both rings of the payload cases, as the shipped chained-rings.json's rings (4 MiB of
// payload per ring at 1 KiB); the memcpy writes into a buffer of the same size.
constexpr std::int64_t kPayloadSlots = 1 << 12;
// The rings' default strategy, robust with more threads (three) than cores.
constexpr const char *kPayloadWait = "phased-backoff";
// Enough memcpys to time them to a few percent, few enough to keep a 1 KiB run short.
constexpr std::int64_t kMaxMemcpyEvents = 4'000'000;
// The instrumentation target: at most 10% more time per event than the same runtime without it.
constexpr double kInstrumentationBudget = 0.10;

/// The case's pipeline with rings of `capacity` payload bytes per slot, the producer writing
/// `written` bytes per event. Both sides of a case have the same rings (so the same zero-copy
/// forwarding and gating) and differ only in the bytes written.
std::shared_ptr<pipeline::Plan> payloadPlan(std::int64_t capacity, std::int64_t written, std::int64_t events)
{
    pipeline::PipelineSpec spec;
    spec.name = payloadCaseId(capacity);
    spec.nodes.push_back(
        node("producer", "producer", {{"events", events}, {"batch", std::int64_t {1}}, {"payload", written}}));
    for (const char *ring : {"in", "out"})
        spec.nodes.push_back(node(ring, "ring",
            {{"slots", kPayloadSlots}, {"payload_capacity", capacity}, {"wait_strategy", std::string(kPayloadWait)}}));
    spec.nodes.push_back(node("forward", "stage", {{"workload", std::string("count")}}));
    spec.nodes.push_back(node("sink", "stage", {{"workload", std::string("count")}}));
    spec.connections = {wire("producer", "out", "in"), wire("in", "out", "forward"), wire("forward", "forward", "out"),
        wire("out", "out", "sink")};
    return compiledPlan(spec);
}

/// Nanoseconds per memcpy of `bytes` bytes into successive slots of a buffer of kPayloadSlots
/// slots, the footprint of one of the case's rings.
double memcpyNsPerEvent(std::int64_t bytes, std::int64_t events)
{
    const auto size = static_cast<std::size_t>(bytes);
    std::vector<std::byte> source(size, std::byte {0x5a});
    std::vector<std::byte> slots(size * static_cast<std::size_t>(kPayloadSlots));
    const std::int64_t count = std::min(events, kMaxMemcpyEvents);
    const auto start = Clock::now();
    for (std::int64_t i = 0; i < count; ++i)
        std::memcpy(slots.data() + static_cast<std::size_t>(i & (kPayloadSlots - 1)) * size, source.data(), size);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    // Read what was written, so that no compiler can drop the copies.
    volatile std::byte sink = slots[static_cast<std::size_t>((count - 1) & (kPayloadSlots - 1)) * size];
    (void)sink;
    return seconds * 1e9 / static_cast<double>(count);
}

RunSample runWithPayload(const pipeline::Plan &plan, std::int64_t bytes, std::int64_t events)
{
    RunSample sample = runThroughRuntime(plan);
    sample.memcpyNsPerEvent = memcpyNsPerEvent(bytes, events);
    return sample;
}

const CaseSummary *findSummary(const std::vector<CaseSummary> &summaries, const std::string &id)
{
    const auto found
        = std::find_if(summaries.begin(), summaries.end(), [&](const CaseSummary &s) { return s.benchCase->id == id; });
    return found == summaries.end() ? nullptr : &*found;
}

} // namespace

BenchCase instrumentationCase(const std::string &id, std::int64_t events)
{
    const std::string topology = "overhead-" + id.substr(id.find('-') + 1);
    const CaseSpec &core = overheadCore(topology);
    std::shared_ptr<const pipeline::Plan> on = overheadPlan(topology, events);
    std::shared_ptr<pipeline::Plan> off = overheadPlan(topology, events);
    off->instrumented = false;
    const std::string wait(core.waitStrategy);
    return {id, {"instrumented", wait, core.threads, [on] { return runThroughRuntime(*on, RuntimeTiming::Elapsed); }},
        {"bare", wait, core.threads, [off] { return runThroughRuntime(*off, RuntimeTiming::Elapsed); }}};
}

std::string payloadCaseId(std::int64_t bytes)
{
    return "payload-" + std::to_string(bytes);
}

BenchCase payloadCase(std::int64_t bytes, std::int64_t events)
{
    std::shared_ptr<const pipeline::Plan> withPayload = payloadPlan(bytes, bytes, events);
    std::shared_ptr<const pipeline::Plan> without = payloadPlan(bytes, 0, events);
    return {payloadCaseId(bytes),
        {std::to_string(bytes) + " B", kPayloadWait, 3,
            [withPayload, bytes, events] { return runWithPayload(*withPayload, bytes, events); }},
        {"0 B", kPayloadWait, 3, [without] { return runThroughRuntime(*without); }}};
}

void printPayloadVerdict(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    for (const std::int64_t bytes : kPayloadSizes) {
        const CaseSummary *summary = findSummary(summaries, payloadCaseId(bytes));
        if (!summary || !summary->measured.memcpyNsPerEvent)
            continue;
        const double added = summary->measured.nanosecondsPerEvent() - summary->reference.nanosecondsPerEvent();
        const double memcpyNs = *summary->measured.memcpyNsPerEvent;
        std::fprintf(out,
            "\n%s: the payload adds %.1f ns per event (median %.1f - %.1f ns); a memcpy of %lld B costs %.1f ns "
            "per event on one thread: %.2fx, target <= 1: %s.\n",
            summary->benchCase->id.c_str(), added, summary->measured.nanosecondsPerEvent(),
            summary->reference.nanosecondsPerEvent(), static_cast<long long>(bytes), memcpyNs, added / memcpyNs,
            added <= memcpyNs ? "met" : "NOT met");
    }
}

void printInstrumentationVerdict(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    for (const CaseSummary &summary : summaries) {
        if (!summary.benchCase->id.starts_with("instrumentation-") || summary.ratio.median <= 0)
            continue;
        const double cost = 1 / summary.ratio.median - 1;
        std::fprintf(out, "\n%s: instrumentation costs %.1f%% per event (on / off ratio %.3f); target <= %.0f%%: %s.\n",
            summary.benchCase->id.c_str(), cost * 100, summary.ratio.median, kInstrumentationBudget * 100,
            cost <= kInstrumentationBudget ? "met" : "NOT met");
    }
}

} // namespace ringflow::bench
