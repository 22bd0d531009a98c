#include "sweep_format.h"

#include "csv.h"
#include "param_text.h"
#include "text_format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <sstream>

namespace ringflow::pipeline {

namespace {

using Json = nlohmann::ordered_json;

/// A figure of a point's runs: its spread over them.
Spread over(const PointResult &point, const std::function<double(const RunMeasure &)> &figure)
{
    std::vector<double> values;
    for (const RunMeasure &run : point.runs)
        values.push_back(figure(run));
    return spreadOf(std::move(values));
}

Spread overStage(const PointResult &point, std::size_t stage, const std::function<double(const StageMeasure &)> &figure)
{
    return over(point, [&](const RunMeasure &run) { return figure(run.stages[stage]); });
}

Json spreadJson(const Spread &spread)
{
    return Json {{"median", spread.median}, {"min", spread.min}, {"max", spread.max}};
}

Json valueJson(const ParamValue &value)
{
    return std::visit([](const auto &v) { return Json(v); }, value);
}

bool pointOk(const PointResult &point)
{
    return std::all_of(point.runs.begin(), point.runs.end(), [](const RunMeasure &run) { return run.ok; });
}

Json latencyJson(const std::function<Spread(std::uint64_t Percentiles::*)> &spread)
{
    return Json {{"p50_ns", spreadJson(spread(&Percentiles::p50Ns))},
        {"p99_ns", spreadJson(spread(&Percentiles::p99Ns))}, {"p999_ns", spreadJson(spread(&Percentiles::p999Ns))}};
}

Json pointJson(const SweepResult &sweep, const PointResult &point)
{
    Json json;
    json["values"] = Json::object();
    for (std::size_t i = 0; i < sweep.axes.size(); ++i)
        json["values"][sweep.axes[i].name()] = valueJson(point.values[i]);
    json["runs"] = point.runs.size();
    json["ok"] = pointOk(point);
    json["events_per_second"] = spreadJson(over(point, [](const RunMeasure &run) { return run.eventsPerSecond; }));
    json["predicted_events_per_second"] = point.prediction.eventsPerSecond;
    json["predicted_limit"] = point.prediction.limit;
    json["cpu_seconds"] = spreadJson(over(point, [](const RunMeasure &run) { return run.cpuSeconds; }));
    json["latency"] = latencyJson([&](std::uint64_t Percentiles::*p) {
        return over(point, [p](const RunMeasure &run) { return static_cast<double>(run.latency.*p); });
    });
    json["stages"] = Json::array();
    for (std::size_t i = 0; i < point.plan.consumers.size(); ++i) {
        Json stage {{"id", point.plan.consumers[i].id}};
        stage["busy_fraction"] = spreadJson(overStage(point, i, [](const StageMeasure &s) { return s.busyFraction; }));
        stage["backlog"] = spreadJson(overStage(point, i, [](const StageMeasure &s) { return s.backlog; }));
        stage["latency"] = latencyJson([&](std::uint64_t Percentiles::*p) {
            return overStage(point, i, [p](const StageMeasure &s) { return static_cast<double>(s.latency.*p); });
        });
        json["stages"].push_back(std::move(stage));
    }
    return json;
}

/// The consumer with the highest median busy fraction, and that fraction.
std::pair<std::string, double> busiestStage(const PointResult &point)
{
    std::pair<std::string, double> busiest {"", -1};
    for (std::size_t i = 0; i < point.plan.consumers.size(); ++i) {
        const double busy = overStage(point, i, [](const StageMeasure &s) { return s.busyFraction; }).median;
        if (busy > busiest.second)
            busiest = {point.plan.consumers[i].id, busy};
    }
    return busiest;
}

} // namespace

std::string sweepJson(const SweepResult &sweep, const std::string &pipeline)
{
    Json json;
    json["pipeline"] = pipeline;
    json["repeat"] = sweep.repeat;
    json["cancelled"] = sweep.cancelled;
    json["ok"] = sweep.ok();
    json["axes"] = Json::array();
    for (const SweepAxis &axis : sweep.axes) {
        Json values = Json::array();
        for (const ParamValue &value : axis.values)
            values.push_back(valueJson(value));
        json["axes"].push_back({{"node", axis.node}, {"param", axis.param}, {"values", values}});
    }
    json["points"] = Json::array();
    for (const PointResult &point : sweep.points)
        json["points"].push_back(pointJson(sweep, point));
    return json.dump(2);
}

std::string sweepCsv(const SweepResult &sweep)
{
    const NumberStyle plain = plainNumbers();
    std::ostringstream out;
    for (const SweepAxis &axis : sweep.axes)
        out << csvField(axis.name()) << ',';
    out << "runs,ok,events_per_second,events_per_second_min,events_per_second_max,predicted_events_per_second,"
           "cpu_seconds,p50_ns,p99_ns,p999_ns";
    const std::vector<ConsumerPlan> &stages
        = sweep.points.empty() ? std::vector<ConsumerPlan> {} : sweep.points.front().plan.consumers;
    for (const ConsumerPlan &stage : stages)
        for (const char *figure : {".busy_fraction", ".backlog", ".p99_ns"})
            out << ',' << csvField(stage.id + figure);
    out << '\n';
    for (const PointResult &point : sweep.points) {
        for (const ParamValue &value : point.values)
            out << csvField(paramText(value)) << ',';
        const Spread rate = over(point, [](const RunMeasure &run) { return run.eventsPerSecond; });
        const auto median = [&](std::uint64_t Percentiles::*p) {
            return over(point, [p](const RunMeasure &run) { return static_cast<double>(run.latency.*p); }).median;
        };
        out << point.runs.size() << ',' << (pointOk(point) ? "true" : "false") << ','
            << fixedNumber(rate.median, 1, plain) << ',' << fixedNumber(rate.min, 1, plain) << ','
            << fixedNumber(rate.max, 1, plain) << ',' << fixedNumber(point.prediction.eventsPerSecond, 1, plain) << ','
            << fixedNumber(over(point, [](const RunMeasure &run) { return run.cpuSeconds; }).median, 4, plain) << ','
            << fixedNumber(median(&Percentiles::p50Ns), 0, plain) << ','
            << fixedNumber(median(&Percentiles::p99Ns), 0, plain) << ','
            << fixedNumber(median(&Percentiles::p999Ns), 0, plain);
        for (std::size_t i = 0; i < point.plan.consumers.size(); ++i)
            out << ','
                << fixedNumber(
                       overStage(point, i, [](const StageMeasure &s) { return s.busyFraction; }).median, 4, plain)
                << ','
                << fixedNumber(overStage(point, i, [](const StageMeasure &s) { return s.backlog; }).median, 1, plain)
                << ','
                << fixedNumber(
                       overStage(point, i, [](const StageMeasure &s) { return static_cast<double>(s.latency.p99Ns); })
                           .median,
                       0, plain);
        out << '\n';
    }
    return out.str();
}

std::string sweepTable(const SweepResult &sweep)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header;
    for (const SweepAxis &axis : sweep.axes)
        header.push_back(axis.name());
    for (const char *title :
        {"runs", "events/s", "min", "max", "predicted", "cpu s", "p50", "p99", "p99.9", "busiest", "ok"})
        header.emplace_back(title);
    rows.push_back(header);
    for (const PointResult &point : sweep.points) {
        std::vector<std::string> row;
        for (const ParamValue &value : point.values)
            row.push_back(paramText(value));
        const Spread rate = over(point, [](const RunMeasure &run) { return run.eventsPerSecond; });
        const auto latency = [&](std::uint64_t Percentiles::*p) {
            return durationText(
                over(point, [p](const RunMeasure &run) { return static_cast<double>(run.latency.*p); }).median);
        };
        const auto [busiest, busy] = busiestStage(point);
        row.insert(row.end(),
            {std::to_string(point.runs.size()), siNumber(rate.median, 3), siNumber(rate.min, 3), siNumber(rate.max, 3),
                siNumber(point.prediction.eventsPerSecond, 3),
                fixedNumber(over(point, [](const RunMeasure &run) { return run.cpuSeconds; }).median, 2),
                latency(&Percentiles::p50Ns), latency(&Percentiles::p99Ns), latency(&Percentiles::p999Ns),
                busiest + " " + percentText(std::max(0.0, busy)), pointOk(point) ? "yes" : "NO"});
        rows.push_back(std::move(row));
    }
    return alignedTable(rows) + (sweep.cancelled ? "cancelled: the points hold the runs that finished\n" : "");
}

} // namespace ringflow::pipeline
