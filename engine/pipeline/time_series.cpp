#include "time_series.h"

#include "csv.h"

#include <algorithm>
#include <cstdio>

namespace ringflow::pipeline {

namespace {

std::string number(double value, const char *format)
{
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

} // namespace

TimeSeries::TimeSeries(std::size_t capacity) : m_capacity(std::max<std::size_t>(1, capacity))
{
}

void TimeSeries::restart(const Plan &plan)
{
    clear();
    m_nodes.clear();
    for (std::size_t i = 0; i < plan.nodeCount(); ++i)
        m_nodes.push_back({plan.nodeId(i), plan.nodeRole(i)});
    m_rings.clear();
    for (const RingPlan &ring : plan.rings)
        m_rings.push_back(ring.id);
}

void TimeSeries::append(Frame frame)
{
    if (m_frames.size() == m_capacity) {
        m_frames.pop_front();
        ++m_dropped;
    }
    m_frames.push_back(std::move(frame));
}

void TimeSeries::clear()
{
    m_frames.clear();
    m_dropped = 0;
}

std::string TimeSeries::toCsv() const
{
    std::string csv = "seconds,series,role,events_per_second,backlog,busy_fraction,p50_ns,p90_ns,p99_ns,p999_ns,"
                      "max_ns,fill_fraction\n";
    for (const Frame &frame : m_frames) {
        const std::string seconds = number(frame.seconds, "%.3f");
        for (std::size_t i = 0; i < frame.nodes.size() && i < m_nodes.size(); ++i) {
            const NodeFigures &node = frame.nodes[i];
            csv += seconds + ',' + csvField(m_nodes[i].id) + ',';
            if (m_nodes[i].role == NodeRole::Producer) {
                csv += "producer," + number(node.eventsPerSecond, "%.1f") + ",,,,,,,,\n";
                continue;
            }
            const Percentiles &latency = node.latency;
            csv += "consumer," + number(node.eventsPerSecond, "%.1f") + ',' + std::to_string(node.backlog) + ','
                + number(node.busyFraction, "%.4f") + ',' + std::to_string(latency.p50Ns) + ','
                + std::to_string(latency.p90Ns) + ',' + std::to_string(latency.p99Ns) + ','
                + std::to_string(latency.p999Ns) + ',' + std::to_string(latency.maxNs) + ",\n";
        }
        for (std::size_t i = 0; i < frame.rings.size() && i < m_rings.size(); ++i)
            csv += seconds + ',' + csvField(m_rings[i]) + ",ring,,,,,,,,,"
                + number(frame.rings[i].fillFraction, "%.4f") + '\n';
    }
    return csv;
}

} // namespace ringflow::pipeline
