#include "run_report.h"

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
        entry[node.kind == "producer" ? "published" : "processed"] = node.count;
        if (node.kind != "producer") {
            entry["expected"] = node.expected;
            entry["handled"] = node.handled;
            entry["errors"] = node.errors;
            entry["forwarded"] = node.forwarded;
            entry["conserved"] = node.conserved;
            entry["busy_fraction"] = node.busyFraction;
        }
        entry["events_per_second"] = node.eventsPerSecond;
        entry["p50_ns"] = node.p50Ns;
        entry["p90_ns"] = node.p90Ns;
        entry["p99_ns"] = node.p99Ns;
        entry["p999_ns"] = node.p999Ns;
        entry["max_ns"] = node.maxNs;
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
        "elapsed   %.3f s\nevents    %llu published, %llu processed\nrate      %.0f events/s, %.1f ns/event\n",
        static_cast<double>(report.elapsedNs) * 1e-9, static_cast<unsigned long long>(report.totalEvents),
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
        std::snprintf(line, sizeof line, "%-20s %-12s %14llu %14.0f %6.1f%% %10llu %10llu %10llu%s\n", node.id.c_str(),
            node.kind.c_str(), static_cast<unsigned long long>(node.count), node.eventsPerSecond,
            node.busyFraction * 100, static_cast<unsigned long long>(node.p50Ns),
            static_cast<unsigned long long>(node.p99Ns), static_cast<unsigned long long>(node.p999Ns),
            node.conserved ? "" : "  <- conservation broken");
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
        out << node.id << ',' << node.kind << ',' << node.ring << ',' << node.count << ',' << node.expected << ','
            << node.handled << ',' << node.errors << ',' << node.forwarded << ',' << node.eventsPerSecond << ','
            << node.busyFraction << ',' << node.p50Ns << ',' << node.p90Ns << ',' << node.p99Ns << ',' << node.p999Ns
            << ',' << node.maxNs << ',' << (node.conserved ? "true" : "false") << '\n';
    }
    return out.str();
}

} // namespace ringflow::pipeline
