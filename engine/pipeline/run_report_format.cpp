#include "run_report.h"

#include "csv.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

namespace ringflow::pipeline {

std::string toJson(const RunReport &report)
{
    nlohmann::ordered_json json;
    json["pipeline"] = report.pipeline;
    json["started"] = report.started;
    json["stopped"] = report.stopped;
    json["elapsed_ns"] = report.elapsedNs;
    json["startup_ns"] = report.startupNs;
    json["flow_ns"] = report.flowNs;
    json["total_events"] = report.totalEvents;
    json["processed"] = report.processed;
    json["events_per_second"] = report.eventsPerSecond;
    json["ns_per_event"] = report.nsPerEvent;
    json["drained"] = report.drained;
    json["ok"] = report.ok;
    json["problems"] = report.problems;
    json["error_count"] = report.errorCount;
    json["errors"] = report.errors;
    json["nodes"] = nlohmann::ordered_json::array();
    for (const NodeReport &node : report.nodes) {
        nlohmann::ordered_json entry;
        entry["id"] = node.id;
        entry["kind"] = node.kind;
        entry["ring"] = node.ring;
        const NodeFigures &figures = node.figures;
        const bool producer = node.role == NodeRole::Producer;
        entry[producer ? "published" : "processed"] = figures.count;
        if (!producer) {
            entry["expected"] = node.expected;
            entry["handled"] = figures.handled;
            entry["errors"] = figures.errors;
            entry["forwarded"] = figures.forwarded;
            entry["conserved"] = node.conserved;
            entry["busy_fraction"] = figures.busyFraction;
        }
        entry["events_per_second"] = figures.eventsPerSecond;
        entry["p50_ns"] = figures.latency.p50Ns;
        entry["p90_ns"] = figures.latency.p90Ns;
        entry["p99_ns"] = figures.latency.p99Ns;
        entry["p999_ns"] = figures.latency.p999Ns;
        entry["max_ns"] = figures.latency.maxNs;
        json["nodes"].push_back(std::move(entry));
    }
    return json.dump(2);
}

std::string toTable(const RunReport &report)
{
    std::ostringstream out;
    char line[256];
    out << "pipeline  " << report.pipeline << "\n"
        << "started   " << report.started << "\nstopped   " << report.stopped << "\n";
    std::snprintf(line, sizeof line,
        "elapsed   %.3f s (start-up %.3f s, events flowing %.3f s)\nevents    %llu published, %llu processed\n"
        "rate      %.0f events/s, %.1f ns/event\n",
        static_cast<double>(report.elapsedNs) * 1e-9, static_cast<double>(report.startupNs) * 1e-9,
        static_cast<double>(report.flowNs) * 1e-9, static_cast<unsigned long long>(report.totalEvents),
        static_cast<unsigned long long>(report.processed), report.eventsPerSecond, report.nsPerEvent);
    out << line << "verdict   " << (report.ok ? "OK: every stage processed every event of its ring" : "FAILED") << "\n";
    for (const std::string &problem : report.problems)
        out << "  problem: " << problem << "\n";
    if (report.errorCount)
        out << "handler errors: " << report.errorCount << "\n";
    out << "\n";
    std::snprintf(line, sizeof line, "%-20s %-12s %14s %14s %7s %10s %10s %10s\n", "node", "kind", "events", "events/s",
        "busy", "p50 ns", "p99 ns", "p99.9 ns");
    out << line;
    for (const NodeReport &node : report.nodes) {
        const NodeFigures &figures = node.figures;
        std::snprintf(line, sizeof line, "%-20s %-12s %14llu %14.0f %6.1f%% %10llu %10llu %10llu%s\n", node.id.c_str(),
            node.kind.c_str(), static_cast<unsigned long long>(figures.count), figures.eventsPerSecond,
            figures.busyFraction * 100, static_cast<unsigned long long>(figures.latency.p50Ns),
            static_cast<unsigned long long>(figures.latency.p99Ns),
            static_cast<unsigned long long>(figures.latency.p999Ns), node.conserved ? "" : "  <- conservation broken");
        out << line;
    }
    return out.str();
}

std::string toCsv(const RunReport &report)
{
    std::ostringstream out;
    out << "id,kind,ring,events,expected,handled,errors,forwarded,events_per_second,busy_fraction,p50_ns,p90_ns,p99_ns,"
           "p999_ns,max_ns,conserved\n";
    for (const NodeReport &node : report.nodes) {
        const NodeFigures &figures = node.figures;
        out << csvField(node.id) << ',' << node.kind << ',' << csvField(node.ring) << ',' << figures.count << ','
            << node.expected << ',' << figures.handled << ',' << figures.errors << ',' << figures.forwarded << ','
            << figures.eventsPerSecond << ',' << figures.busyFraction << ',' << figures.latency.p50Ns << ','
            << figures.latency.p90Ns << ',' << figures.latency.p99Ns << ',' << figures.latency.p999Ns << ','
            << figures.latency.maxNs << ',' << (node.conserved ? "true" : "false") << '\n';
    }
    return out.str();
}

} // namespace ringflow::pipeline
