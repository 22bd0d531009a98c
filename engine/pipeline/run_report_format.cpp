#include "run_report.h"

#include "capacity_format.h"
#include "csv.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <sstream>

namespace ringflow::pipeline {

namespace {

constexpr std::string_view kNothingMeasured = "–";

bool isConsumer(const NodeReport &node)
{
    return node.role == NodeRole::Consumer;
}

ReportColumn column(const RunReport &report, std::string title, std::string description, bool numeric,
    const std::function<std::string(const NodeReport &)> &cell)
{
    ReportColumn column {std::move(title), std::move(description), numeric, {}};
    for (const NodeReport &node : report.nodes)
        column.cells.push_back(cell(node));
    return column;
}

/// A consumer figure in nanoseconds, in the one unit that suits the whole column; 0, nothing
/// measured, is "–".
ReportColumn durationColumn(const RunReport &report, std::string title, std::string description,
    const std::function<double(const NodeFigures &)> &figure, const NumberStyle &style)
{
    std::vector<double> values;
    for (const NodeReport &node : report.nodes)
        if (isConsumer(node))
            values.push_back(figure(node.figures));
    const DurationUnit unit = columnDurationUnit(values);
    return column(report, std::move(title), std::move(description), true, [&](const NodeReport &node) {
        if (!isConsumer(node))
            return std::string();
        const double value = figure(node.figures);
        return value > 0 ? durationIn(value, unit, style) : std::string(kNothingMeasured);
    });
}

ReportColumn latencyColumn(const RunReport &report, std::string title, std::string which,
    std::uint64_t Percentiles::*percentile, const NumberStyle &style)
{
    return durationColumn(
        report, std::move(title),
        "Publish-to-handle latency: " + which + " of the sampled events (1 in 64) waited at most this long.",
        [percentile](const NodeFigures &figures) { return static_cast<double>(figures.latency.*percentile); }, style);
}

/// A count that only some nodes have (`applies`): its column, when any node has it, with the count
/// where it applies and nothing elsewhere.
void addCountColumnWhere(std::vector<ReportColumn> &columns, const RunReport &report, bool NodeReport::*applies,
    std::uint64_t NodeFigures::*count, std::string title, std::string description, const NumberStyle &style)
{
    if (std::none_of(report.nodes.begin(), report.nodes.end(), [&](const NodeReport &node) { return node.*applies; }))
        return;
    columns.push_back(column(report, std::move(title), std::move(description), true, [&](const NodeReport &node) {
        return node.*applies ? groupedDigits(static_cast<std::int64_t>(node.figures.*count), style) : std::string();
    }));
}

nlohmann::ordered_json nodeJson(const NodeReport &node, bool instrumented)
{
    nlohmann::ordered_json entry;
    entry["id"] = node.id;
    entry["kind"] = node.kind;
    entry["ring"] = node.ring;
    const NodeFigures &figures = node.figures;
    const bool producer = node.role == NodeRole::Producer;
    entry[producer ? "published" : "processed"] = figures.count;
    if (producer) {
        entry["publish"] = node.tryPublish ? "try" : "block";
        entry["dropped"] = figures.dropped;
    } else {
        entry["expected"] = node.expected;
        entry["channel_filter"] = node.channelFilter;
        entry["handled"] = figures.handled;
        entry["errors"] = figures.errors;
        entry["forwarded"] = figures.forwarded;
        entry["rewinds"] = figures.rewinds;
        entry["conserved"] = node.conserved;
    }
    entry["events_per_second"] = figures.eventsPerSecond;
    if (!instrumented) // a run without instrumentation measured none of the figures below
        return entry;
    if (!producer) {
        entry["busy_fraction"] = figures.busyFraction;
        entry["service_ns"] = figures.serviceNs;
    }
    entry["p50_ns"] = figures.latency.p50Ns;
    entry["p90_ns"] = figures.latency.p90Ns;
    entry["p99_ns"] = figures.latency.p99Ns;
    entry["p999_ns"] = figures.latency.p999Ns;
    entry["max_ns"] = figures.latency.maxNs;
    return entry;
}

/// The columns only an instrumented run measures: busy share, service time and latency.
void addInstrumentedColumns(const RunReport &report, std::vector<ReportColumn> &columns, const NumberStyle &style)
{
    columns.push_back(column(report, "busy",
        "Consumers: the share of the run their threads spent handling events, per thread (100% = never idle).", true,
        [&](const NodeReport &node) {
            return isConsumer(node) ? percentText(node.figures.busyFraction, 1, style) : std::string();
        }));
    columns.push_back(durationColumn(
        report, "service",
        "Consumers: busy time per event the workload ran on, what one event costs the node. A stage whose "
        "service time nears the time between events (1 / events/s) is the bottleneck.",
        [](const NodeFigures &figures) { return figures.serviceNs; }, style));
    columns.push_back(latencyColumn(report, "p50", "half", &Percentiles::p50Ns, style));
    columns.push_back(latencyColumn(report, "p99", "99%", &Percentiles::p99Ns, style));
    columns.push_back(latencyColumn(report, "p99.9", "99.9%", &Percentiles::p999Ns, style));
    columns.push_back(latencyColumn(report, "max", "all", &Percentiles::maxNs, style));
}

/// "rewinds", when a stage rewound a batch.
void addRewindsColumn(const RunReport &report, const NumberStyle &style, std::vector<ReportColumn> &columns)
{
    if (std::none_of(
            report.nodes.begin(), report.nodes.end(), [](const NodeReport &node) { return node.figures.rewinds > 0; }))
        return;
    columns.push_back(column(report, "rewinds",
        "Stages with a rewind policy: how often a failed batch was delivered again, whole; a batch whose "
        "retries ran out failed as the exception policy says.",
        true, [&](const NodeReport &node) {
            return isConsumer(node) ? groupedDigits(static_cast<std::int64_t>(node.figures.rewinds), style)
                                    : std::string();
        }));
}

} // namespace

std::vector<ReportColumn> reportColumns(const RunReport &report, const NumberStyle &style)
{
    std::vector<ReportColumn> columns;
    columns.push_back(column(report, "node", "The node's id.", false, [](const NodeReport &node) { return node.id; }));
    columns.push_back(
        column(report, "kind", "The node's kind.", false, [](const NodeReport &node) { return node.kind; }));
    columns.push_back(column(report, "events",
        "Producers: the events they published. Consumers: the events they processed, which is every event "
        "their ring received when conservation holds.",
        true,
        [&](const NodeReport &node) { return groupedDigits(static_cast<std::int64_t>(node.figures.count), style); }));
    addCountColumnWhere(columns, report, &NodeReport::channelFilter, &NodeFigures::handled, "handled",
        "Consumers with a channel filter: the events that matched it and ran the workload; the others were "
        "processed and skipped.",
        style);
    addCountColumnWhere(columns, report, &NodeReport::tryPublish, &NodeFigures::dropped, "dropped",
        "Producers publishing with try: the events they dropped because the ring had no free slot. Published "
        "plus dropped is what they attempted.",
        style);
    addRewindsColumn(report, style, columns);
    columns.push_back(column(report, "events/s", "Events per second over the whole run: events / elapsed time.", true,
        [&](const NodeReport &node) { return siNumber(node.figures.eventsPerSecond, 3, " ", style); }));
    if (report.prediction)
        columns.push_back(column(report, "predicted",
            "Events per second the capacity model predicted for the node before the run (docs/experiments.md).", true,
            [&](const NodeReport &node) {
                const auto index = static_cast<std::size_t>(&node - report.nodes.data());
                return siNumber(report.prediction->nodes[index].eventsPerSecond, 3, " ", style);
            }));
    if (report.instrumented)
        addInstrumentedColumns(report, columns, style);
    columns.push_back(column(report, "conserved",
        "Consumers: whether they processed exactly the events their ring received.", false, [](const NodeReport &node) {
            return isConsumer(node) ? std::string(node.conserved ? "yes" : "NO") : std::string();
        }));
    return columns;
}

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
    json["instrumented"] = report.instrumented;
    json["problems"] = report.problems;
    json["error_count"] = report.errorCount;
    json["errors"] = report.errors;
    json["nodes"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < report.nodes.size(); ++i) {
        nlohmann::ordered_json entry = nodeJson(report.nodes[i], report.instrumented);
        if (report.prediction)
            entry["predicted"] = predictionJson(report.prediction->nodes[i]);
        json["nodes"].push_back(std::move(entry));
    }
    if (report.prediction)
        json["predicted"] = predictionJson(*report.prediction);
    return json.dump(2);
}

std::string toTable(const RunReport &report)
{
    std::ostringstream out;
    const double seconds = static_cast<double>(report.elapsedNs) * 1e-9;
    out << "pipeline  " << report.pipeline << "\nstarted   " << report.started << "\nstopped   " << report.stopped
        << "\nelapsed   " << fixedNumber(seconds, 3) << " s (start-up "
        << fixedNumber(static_cast<double>(report.startupNs) * 1e-9, 3) << " s, events flowing "
        << fixedNumber(static_cast<double>(report.flowNs) * 1e-9, 3) << " s)\nevents    "
        << groupedDigits(static_cast<std::int64_t>(report.totalEvents)) << " published, "
        << groupedDigits(static_cast<std::int64_t>(report.processed)) << " processed\nrate      "
        << fixedNumber(report.eventsPerSecond, 0) << " events/s";
    if (report.nsPerEvent > 0)
        out << ", one every " << durationText(report.nsPerEvent);
    if (report.prediction)
        out << "\npredicted " << fixedNumber(report.prediction->eventsPerSecond, 0) << " events/s, limited by '"
            << report.prediction->limit << "'";
    if (!report.instrumented)
        out << "\ninstrumentation off: no busy time, service time or latency; the rate is over the elapsed time";
    out << "\nverdict   " << (report.ok ? "OK: every stage processed every event of its ring" : "FAILED") << "\n";
    for (const std::string &problem : report.problems)
        out << "  problem: " << problem << "\n";
    if (report.errorCount)
        out << "handler errors: " << groupedDigits(static_cast<std::int64_t>(report.errorCount)) << "\n";
    out << "\n";

    std::vector<std::vector<std::string>> rows(report.nodes.size() + 1);
    std::vector<bool> rightAligned;
    for (const ReportColumn &column : reportColumns(report)) {
        rows[0].push_back(column.title);
        for (std::size_t row = 0; row < column.cells.size(); ++row)
            rows[row + 1].push_back(column.cells[row]);
        rightAligned.push_back(column.numeric);
    }
    out << alignedTable(rows, rightAligned);
    return out.str();
}

std::string toCsv(const RunReport &report)
{
    // Plain numbers a spreadsheet reads as they are: no grouping, no exponent.
    const NumberStyle plain = plainNumbers();
    std::ostringstream out;
    out << "id,kind,ring,events,expected,handled,errors,forwarded,dropped,rewinds,events_per_second,busy_fraction,"
           "service_ns,"
           "p50_ns,"
           "p90_ns,p99_ns,p999_ns,max_ns,conserved"
        << (report.prediction ? ",predicted_events_per_second,predicted_ceiling,predicted_service_ns" : "") << '\n';
    for (std::size_t i = 0; i < report.nodes.size(); ++i) {
        const NodeReport &node = report.nodes[i];
        const NodeFigures &figures = node.figures;
        out << csvField(node.id) << ',' << node.kind << ',' << csvField(node.ring) << ',' << figures.count << ','
            << node.expected << ',' << figures.handled << ',' << figures.errors << ',' << figures.forwarded << ','
            << figures.dropped << ',' << figures.rewinds << ',' << fixedNumber(figures.eventsPerSecond, 1, plain) << ','
            << fixedNumber(figures.busyFraction, 4, plain) << ',' << fixedNumber(figures.serviceNs, 1, plain) << ','
            << figures.latency.p50Ns << ',' << figures.latency.p90Ns << ',' << figures.latency.p99Ns << ','
            << figures.latency.p999Ns << ',' << figures.latency.maxNs << ',' << (node.conserved ? "true" : "false");
        if (report.prediction) {
            const NodePrediction &predicted = report.prediction->nodes[i];
            out << ',' << fixedNumber(predicted.eventsPerSecond, 1, plain) << ','
                << fixedNumber(predicted.ceiling, 1, plain) << ',' << fixedNumber(predicted.serviceNs, 1, plain);
        }
        out << '\n';
    }
    return out.str();
}

} // namespace ringflow::pipeline
