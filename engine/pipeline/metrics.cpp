#include "metrics.h"

#include <algorithm>

namespace ringflow::pipeline {

NodeRates ratesBetween(const NodeSample &earlier, const NodeSample &later, double seconds)
{
    NodeRates rates;
    rates.id = later.id;
    rates.role = later.role;
    rates.total = later.count;
    rates.backlog = later.backlog;
    rates.errors = later.errors;
    if (seconds > 0) {
        rates.eventsPerSecond = static_cast<double>(later.count - std::min(later.count, earlier.count)) / seconds;
        const double busy = static_cast<double>(later.busyNs - std::min(later.busyNs, earlier.busyNs)) * 1e-9;
        rates.busyFraction = std::clamp(busy / (seconds * std::max(1, later.threads)), 0.0, 1.0);
    }
    const HistogramCounts window = later.latency.since(earlier.latency);
    rates.p50Ns = window.percentile(0.50);
    rates.p90Ns = window.percentile(0.90);
    rates.p99Ns = window.percentile(0.99);
    rates.p999Ns = window.percentile(0.999);
    rates.maxNs = window.total ? window.max : 0;
    return rates;
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
    for (const NodeSample &node : sample.nodes) {
        const auto earlier = std::find_if(
            m_previous.nodes.begin(), m_previous.nodes.end(), [&](const NodeSample &old) { return old.id == node.id; });
        frame.nodes.push_back(
            ratesBetween(earlier == m_previous.nodes.end() ? NodeSample {} : *earlier, node, seconds));
    }
    for (const RingSample &ring : sample.rings)
        frame.rings.push_back(
            {ring.id, ring.slots > 0 ? static_cast<double>(ring.fill) / static_cast<double>(ring.slots) : 0});
    m_previous = sample;
    return frame;
}

} // namespace ringflow::pipeline
