#include "plan.h"

#include "pipeline/kind_registry.h"
#include "pipeline/text_format.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ringflow::pipeline {

namespace {

template <typename T>
const T *findById(const std::vector<T> &items, const std::string &id)
{
    const auto found = std::find_if(items.begin(), items.end(), [&](const T &item) { return item.id == id; });
    return found == items.end() ? nullptr : &*found;
}

std::string describeWorkload(const WorkloadPlan &workload, const std::vector<LiveSetting> &live)
{
    std::string text;
    for (WorkloadStep step : workload.steps) {
        text += text.empty() ? "" : " + ";
        text += workloadSpec(step).name;
        if (step == WorkloadStep::Busy)
            text += " " + groupedDigits(std::llround(liveValue(live, "cost"))) + " ns";
        else if (step == WorkloadStep::Sleep)
            text += " " + groupedDigits(std::llround(liveValue(live, "sleep"))) + " µs";
        else if (step == WorkloadStep::Fail)
            text += " p=" + shortNumber(workload.failProbability, 6);
    }
    return text;
}

// "1 thread", "worker pool of 4 threads", "async: batches as tasks on the ring's pool (+2 threads)",
// "polled by a loop on 1 thread".
std::string describeThreads(const ConsumerPlan &consumer)
{
    if (consumer.sharesEvents)
        return "worker pool of " + countOf(consumer.threads, "thread");
    if (consumer.async)
        return "async: batches as tasks on the ring's async pool (+" + countOf(consumer.asyncThreads, "thread") + ")";
    if (consumer.polled)
        return "event poller, polled by a loop on 1 thread";
    return "1 thread";
}

// ", rewinds a failed batch up to 3 times (100 µs apart), halts its ring on error".
std::string describeFailures(const ConsumerPlan &consumer)
{
    std::string text;
    if (consumer.rewindRetries > 0)
        text += ", rewinds a failed batch up to " + countOf(consumer.rewindRetries, "time") + " ("
            + groupedDigits(consumer.rewindBackOffUs) + " µs apart)";
    switch (consumer.policy) {
    case core::ExceptionPolicy::Halt:
        return text + ", halts its ring on error";
    case core::ExceptionPolicy::HaltStage:
        return text + ", halts only itself on error";
    case core::ExceptionPolicy::Continue:
        break;
    }
    return text + ", continues on error";
}

} // namespace

const RingPlan *Plan::findRing(const std::string &id) const
{
    return findById(rings, id);
}
const ConsumerPlan *Plan::findConsumer(const std::string &id) const
{
    return findById(consumers, id);
}
const ProducerPlan *Plan::findProducer(const std::string &id) const
{
    return findById(producers, id);
}

int Plan::threadCount() const
{
    int count = 0;
    for (const ProducerPlan &producer : producers)
        count += producer.threads;
    for (const ConsumerPlan &consumer : consumers)
        count += consumer.startedThreads();
    return count;
}

const std::string &Plan::nodeId(std::size_t index) const
{
    return index < producers.size() ? producers.at(index).id : consumers.at(index - producers.size()).id;
}

NodeRole Plan::nodeRole(std::size_t index) const noexcept
{
    return index < producers.size() ? NodeRole::Producer : NodeRole::Consumer;
}

const std::string &Plan::nodeRing(std::size_t index) const
{
    return index < producers.size() ? producers.at(index).ring : consumers.at(index - producers.size()).ring;
}

std::optional<std::size_t> Plan::nodeIndex(std::string_view id) const noexcept
{
    for (std::size_t i = 0; i < nodeCount(); ++i)
        if (nodeId(i) == id)
            return i;
    return std::nullopt;
}

std::optional<std::size_t> Plan::ringIndex(std::string_view id) const noexcept
{
    for (std::size_t i = 0; i < rings.size(); ++i)
        if (rings[i].id == id)
            return i;
    return std::nullopt;
}

std::string Plan::describe() const
{
    std::ostringstream out;
    out << "Pipeline '" << name << "': " << countOf(rings.size(), "ring") << ", " << countOf(threadCount(), "thread")
        << "\n";
    for (const RingPlan &ring : rings) {
        out << "\nRing " << ring.id << ": " << countOf(ring.bufferSize, "slot") << ", "
            << (ring.multiProducer ? "multi-producer" : "single-producer") << " sequencer ("
            << countOf(ring.publishingThreads, "publishing thread") << "), wait strategy " << ring.waitStrategy << "\n";
        if (!ring.producers.empty())
            out << "  published by producers: " << commaSeparated(ring.producers) << "\n";
        if (!ring.forwarders.empty())
            out << "  published by forwarding stages: " << commaSeparated(ring.forwarders) << "\n";
        out << "  gating sequences (producers wait for): " << commaSeparated(ring.gating) << "\n";
        if (!ring.payloadOf.empty())
            out << "  payloads: forwarded without a copy, read in ring " << ring.payloadOf << "'s slots\n";
        for (const RingPlan &sharing : rings)
            if (sharing.payloadOf == ring.id)
                out << "  its payloads are also read in ring " << sharing.id << ": producers also wait for "
                    << commaSeparated(sharing.gating) << "\n";
        for (const ConsumerPlan &consumer : consumers) {
            if (consumer.ring != ring.id)
                continue;
            out << "  " << consumer.id << ": barrier waits on "
                << (consumer.upstream.empty() ? "the ring's cursor" : commaSeparated(consumer.upstream));
            out << "; " << describeThreads(consumer) << "; " << describeWorkload(consumer.workload, consumer.live);
            if (consumer.batchHandling && !consumer.async)
                out << ", batch handling";
            if (consumer.maxBatch > 0)
                out << ", max batch " << groupedDigits(consumer.maxBatch);
            if (!consumer.channelFilter.empty())
                out << ", channel " << (consumer.prefixFilter ? "prefix '" : "'") << consumer.channelFilter << "'";
            if (!consumer.forwardTo.empty())
                out << ", forwards into " << consumer.forwardTo;
            out << describeFailures(consumer) << "\n";
        }
    }
    for (const ProducerPlan &producer : producers) {
        out << "\nProducer " << producer.id << " -> " << producer.ring << ": " << countOf(producer.threads, "thread")
            << ", ";
        if (producer.eventsPerThread > 0)
            out << countOf(producer.eventsPerThread, "event") << " each";
        else if (producer.durationSeconds > 0)
            out << "for " << shortNumber(producer.durationSeconds) << " s";
        else
            out << "until stopped";
        const double rate = liveValue(producer.live, "rate");
        out << ", batch " << groupedDigits(producer.batch) << ", "
            << (rate > 0 ? shortNumber(rate) + " events/s per thread" : std::string("as fast as possible")) << ", "
            << countOf(producer.payloadBytes, "payload byte") << " on channel '" << producer.channel << "'";
        if (producer.tryPublish)
            out << ", drops what finds the ring full";
        if (!producer.completionChannel.empty())
            out << ", then one completion event per thread on channel '" << producer.completionChannel << "'";
        out << "\n";
    }
    return out.str();
}

} // namespace ringflow::pipeline
