#include "run_report.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ringflow::pipeline {

namespace {

// What each ring received: its producers' events and the events forwarded into it.
std::map<std::string, std::uint64_t> receivedPerRing(const Plan &plan, const Sample &last)
{
    std::map<std::string, std::uint64_t> received;
    for (std::size_t i = 0; i < plan.producers.size(); ++i)
        received[plan.producers[i].ring] += last.nodes[i].count;
    for (std::size_t i = 0; i < plan.consumers.size(); ++i)
        if (!plan.consumers[i].forwardTo.empty())
            received[plan.consumers[i].forwardTo] += last.nodes[plan.consumerIndex(i)].forwarded;
    return received;
}

NodeReport nodeReport(const Plan &plan, std::size_t index, const NodeCounts &counts, double seconds)
{
    NodeReport node;
    node.id = plan.nodeId(index);
    node.role = plan.nodeRole(index);
    if (node.role == NodeRole::Producer) {
        node.kind = plan.producers[index].kind;
        node.tryPublish = plan.producers[index].tryPublish;
    } else {
        const ConsumerPlan &consumer = plan.consumers[index - plan.producers.size()];
        node.kind = consumer.kind;
        node.channelFilter = !consumer.channelFilter.empty();
    }
    node.ring = plan.nodeRing(index);
    node.figures = figuresBetween(NodeCounts {}, counts, seconds);
    return node;
}

// The window in which events flowed: from the first publish to the end of the last batch handled.
void setFlowWindow(RunReport &report, const Plan &plan, const Sample &last, std::int64_t startedNs)
{
    std::int64_t first = 0;
    std::int64_t end = 0;
    for (std::size_t i = 0; i < plan.nodeCount() && i < last.nodes.size(); ++i) {
        const NodeCounts &node = last.nodes[i];
        if (node.firstPublishNs != 0 && (first == 0 || node.firstPublishNs < first))
            first = node.firstPublishNs;
        end = std::max(end, node.lastBatchEndNs);
    }
    const bool flowed = first != 0 && end > first;
    report.startupNs = first != 0 ? std::max<std::int64_t>(0, first - startedNs) : report.elapsedNs;
    report.flowNs = flowed ? end - first : report.elapsedNs;
}

} // namespace

RunReport makeReport(const Plan &plan, const Sample &last, const RunEnding &ending)
{
    RunReport report;
    report.pipeline = plan.name;
    report.started = ending.started;
    report.stopped = ending.stopped;
    report.elapsedNs = ending.elapsedNs;
    report.drained = ending.drained;
    report.errors = ending.errors;
    report.errorCount = ending.errorCount;
    report.instrumented = plan.instrumented;
    setFlowWindow(report, plan, last, ending.startedNs);
    const double seconds = static_cast<double>(report.flowNs) * 1e-9;

    const std::map<std::string, std::uint64_t> received = receivedPerRing(plan, last);
    std::map<std::string, std::uint64_t> slowest; // per ring, the least processed by a consumer
    for (std::size_t i = 0; i < plan.nodeCount(); ++i) {
        NodeReport node = nodeReport(plan, i, last.nodes[i], seconds);
        const std::uint64_t count = node.figures.count;
        if (node.role == NodeRole::Producer) {
            report.totalEvents += count;
        } else {
            const auto ring = received.find(node.ring);
            node.expected = ring == received.end() ? 0 : ring->second;
            node.conserved = count == node.expected;
            const auto found = slowest.find(node.ring);
            slowest[node.ring] = found == slowest.end() ? count : std::min(found->second, count);
            if (ending.drained && !node.conserved)
                report.problems.push_back("conservation broken: " + node.kind + " '" + node.id + "' processed "
                    + groupedDigits(static_cast<std::int64_t>(count)) + " of the " + countOf(node.expected, "event")
                    + " its ring received");
        }
        report.nodes.push_back(std::move(node));
    }
    for (const auto &[ring, count] : slowest)
        report.processed += count;
    report.eventsPerSecond = seconds > 0 ? static_cast<double>(report.totalEvents) / seconds : 0;
    // Over the same window as the rate, so that "one every" is its reciprocal.
    report.nsPerEvent
        = report.totalEvents ? static_cast<double>(report.flowNs) / static_cast<double>(report.totalEvents) : 0;

    for (const std::string &stage : ending.failedStages)
        report.problems.push_back("stage '" + stage + "' halted on an error");
    for (const std::string &stage : ending.stuckStages)
        report.problems.push_back("stage '" + stage
            + "' did not return from its handler: its thread is left to "
              "finish the event in hand and is joined when the run is released");
    if (ending.drainRequested && !ending.drained && ending.failedStages.empty())
        report.problems.push_back("the drain did not complete within the timeout; the pipeline was halted");
    report.ok = ending.drainRequested && report.problems.empty();
    if (!ending.drainRequested)
        report.problems.push_back("the run was halted: pending events were not processed");
    return report;
}

void addPrediction(RunReport &report, const CapacityPrediction &prediction)
{
    if (prediction.nodes.size() != report.nodes.size())
        throw std::invalid_argument("the prediction was made for another plan than the report's");
    report.prediction = prediction;
}

} // namespace ringflow::pipeline
