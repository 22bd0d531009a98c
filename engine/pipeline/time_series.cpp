#include "time_series.h"

#include <algorithm>
#include <cstdio>

namespace ringflow::pipeline {

namespace {

// Ids are free text: quote them when they hold a comma, a quote or a line break (RFC 4180).
std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

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
        for (const NodeRates &node : frame.nodes) {
            csv += seconds + ',' + csvField(node.id) + ',';
            if (node.role == NodeRole::Producer) {
                csv += "producer," + number(node.eventsPerSecond, "%.1f") + ",,,,,,,,\n";
                continue;
            }
            csv += "consumer," + number(node.eventsPerSecond, "%.1f") + ',' + std::to_string(node.backlog) + ','
                + number(node.busyFraction, "%.4f") + ',' + std::to_string(node.p50Ns) + ','
                + std::to_string(node.p90Ns) + ',' + std::to_string(node.p99Ns) + ',' + std::to_string(node.p999Ns)
                + ',' + std::to_string(node.maxNs) + ",\n";
        }
        for (const RingRates &ring : frame.rings)
            csv += seconds + ',' + csvField(ring.id) + ",ring,,,,,,,,," + number(ring.fillFraction, "%.4f") + '\n';
    }
    return csv;
}

} // namespace ringflow::pipeline
