#include "pipeline/resource_budget.h"

#include "pipeline/latency_histogram.h"
#include "pipeline/node_counters.h"
#include "pipeline/ring_side.h"
#include "pipeline/synthetic_event.h"
#include "pipeline/text_format.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace ringflow::pipeline {

namespace {

// Per consumer thread: its counters and the histogram's buckets (allocated apart).
constexpr std::uint64_t kConsumerThreadBytes
    = sizeof(ConsumerCounters) + HistogramCounts::kBuckets * sizeof(std::uint64_t);
constexpr std::uint64_t kProducerThreadBytes = sizeof(ProducerCounters);

// The events, what the ring keeps beside them (payloads, and at most a channel and a payload size
// per slot: counted as if both were kept), and a multi-producer ring's publication flags.
std::uint64_t ringBytes(const RingPlan &ring)
{
    RingSide::Shape shape;
    shape.bufferSize = ring.bufferSize;
    shape.payloadCapacity = static_cast<std::uint32_t>(std::max<std::int64_t>(0, ring.payloadCapacity));
    shape.channelPerSlot = true;
    shape.payloadSizePerSlot = true;
    const auto slots = static_cast<std::uint64_t>(ring.bufferSize);
    const std::uint64_t flags = ring.multiProducer ? sizeof(std::int32_t) : 0;
    return slots * (sizeof(SyntheticEvent) + flags) + RingSide::bytesFor(shape);
}

std::string contributors(const ResourceNeed &need)
{
    std::vector<std::string> named;
    for (std::size_t i = 0; i < need.parts.size() && i < 3; ++i)
        named.push_back("'" + need.parts[i].node + "' " + bytesText(need.parts[i].bytes));
    return joined(named, "");
}

} // namespace

ResourceBudget ResourceBudget::forThisMachine()
{
    ResourceBudget budget;
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    budget.memoryBytes = pages > 0 && pageSize > 0
        ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize) / 2
        : std::uint64_t {4} << 30; // unknown machine: 4 GiB
    return budget;
}

ResourceNeed resourcesOf(const Plan &plan)
{
    ResourceNeed need;
    for (const RingPlan &ring : plan.rings)
        need.parts.push_back({ring.id, ringBytes(ring), 0});
    for (const ProducerPlan &producer : plan.producers)
        need.parts.push_back(
            {producer.id, kProducerThreadBytes * static_cast<std::uint64_t>(producer.threads), producer.threads});
    for (const ConsumerPlan &consumer : plan.consumers)
        need.parts.push_back({consumer.id, kConsumerThreadBytes * static_cast<std::uint64_t>(consumer.startedThreads()),
            consumer.startedThreads()});
    for (const ResourceNeed::Part &part : need.parts) {
        need.memoryBytes += part.bytes;
        need.threads += part.threads;
    }
    std::stable_sort(
        need.parts.begin(), need.parts.end(), [](const auto &a, const auto &b) { return a.bytes > b.bytes; });
    return need;
}

std::vector<Problem> checkBudget(const Plan &plan, const ResourceBudget &budget)
{
    std::vector<Problem> problems;
    const ResourceNeed need = resourcesOf(plan);
    if (need.memoryBytes > budget.memoryBytes && !need.parts.empty()) {
        Problem problem;
        problem.nodeId = need.parts.front().node;
        problem.message = "The pipeline needs " + bytesText(need.memoryBytes) + " of memory, more than its budget of "
            + bytesText(budget.memoryBytes) + "; the largest parts are " + contributors(need) + ".";
        problem.hint = "Use fewer slots or a smaller payload capacity, or raise the memory budget "
                       "(ringflow-run --memory-budget, or the designer's run settings).";
        problems.push_back(std::move(problem));
    }
    if (need.threads > budget.threads) {
        const auto most = std::max_element(
            need.parts.begin(), need.parts.end(), [](const auto &a, const auto &b) { return a.threads < b.threads; });
        Problem problem;
        problem.nodeId = most->node;
        problem.message = "The pipeline starts " + groupedDigits(need.threads) + " threads, more than its budget of "
            + groupedDigits(budget.threads)
            + (most->threads > 1 ? "; '" + most->node + "' alone starts " + groupedDigits(most->threads)
                                 : std::string())
            + ".";
        problem.hint = "Use fewer producer threads or workers, or raise the thread budget "
                       "(ringflow-run --thread-budget, or the designer's run settings).";
        problems.push_back(std::move(problem));
    }
    return problems;
}

std::string bytesText(std::uint64_t bytes)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024)
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    double value = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(units)) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
    return text;
}

} // namespace ringflow::pipeline
