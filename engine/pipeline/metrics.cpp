#include "metrics.h"

#include <algorithm>

namespace ringflow::pipeline {

Percentiles percentilesOf(const HistogramCounts &counts) noexcept
{
    return {counts.percentile(0.50), counts.percentile(0.90), counts.percentile(0.99), counts.percentile(0.999),
        counts.total ? counts.max : 0};
}

NodeFigures figuresBetween(const NodeCounts &earlier, const NodeCounts &later, double seconds)
{
    NodeFigures figures;
    figures.count = later.count;
    figures.dropped = later.dropped;
    figures.backlog = later.backlog;
    figures.handled = later.handled;
    figures.errors = later.errors;
    figures.forwarded = later.forwarded;
    figures.rewinds = later.rewinds;
    if (seconds > 0) {
        figures.eventsPerSecond = static_cast<double>(later.count - std::min(later.count, earlier.count)) / seconds;
        const double busy = static_cast<double>(later.busyNs - std::min(later.busyNs, earlier.busyNs)) * 1e-9;
        figures.busyFraction = std::clamp(busy / (seconds * std::max(1, later.threads)), 0.0, 1.0);
    }
    // An event that failed ran its workload too: it took its share of the busy time.
    const std::uint64_t ran
        = later.handled + later.errors - std::min(later.handled + later.errors, earlier.handled + earlier.errors);
    if (ran > 0)
        figures.serviceNs
            = static_cast<double>(later.busyNs - std::min(later.busyNs, earlier.busyNs)) / static_cast<double>(ran);
    figures.latency = percentilesOf(later.latency.since(earlier.latency));
    return figures;
}

Frame MetricsSampler::update(const Sample &sample)
{
    if (!m_hasPrevious) {
        m_firstNs = sample.timeNs;
        m_previous = sample;
        m_hasPrevious = true;
    }
    Frame frame;
    frame.seconds = static_cast<double>(sample.timeNs - m_firstNs) * 1e-9;
    const double seconds = static_cast<double>(sample.timeNs - m_previous.timeNs) * 1e-9;
    // Samples of one run list the same nodes in the same order.
    for (std::size_t i = 0; i < sample.nodes.size(); ++i)
        frame.nodes.push_back(figuresBetween(
            i < m_previous.nodes.size() ? m_previous.nodes[i] : NodeCounts {}, sample.nodes[i], seconds));
    for (const RingCounts &ring : sample.rings)
        frame.rings.push_back(
            {ring.bufferSize > 0 ? static_cast<double>(ring.fill) / static_cast<double>(ring.bufferSize) : 0});
    m_previous = sample;
    return frame;
}

} // namespace ringflow::pipeline
