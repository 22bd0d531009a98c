// A run's report from its last sample: per-node figures (service time from busy time, handled
// against processed under a channel filter) and how the table, CSV and JSON write them.
#include "pipeline/capacity_model.h"
#include "pipeline/run_report.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <sstream>
#include <stdexcept>

using namespace ringflow::pipeline;

namespace {

/// producer -> ring, read by "journal" (every channel) and "picky" (channel "a" only).
Plan filteredPlan()
{
    Plan plan;
    plan.name = "filtered";
    plan.rings.push_back({});
    plan.rings.back().id = "ring";
    plan.producers.push_back({});
    plan.producers.back().id = "producer";
    plan.producers.back().kind = "producer";
    plan.producers.back().ring = "ring";
    for (const char *id : {"journal", "picky"}) {
        plan.consumers.push_back({});
        plan.consumers.back().id = id;
        plan.consumers.back().kind = "stage";
        plan.consumers.back().ring = "ring";
    }
    plan.consumers.back().channelFilter = "a";
    return plan;
}

NodeCounts consumerCounts(std::uint64_t processed, std::uint64_t handled, std::uint64_t busyNs)
{
    NodeCounts counts;
    counts.count = processed;
    counts.handled = handled;
    counts.busyNs = busyNs;
    return counts;
}

/// 1,000 events in 2 s: journal handled all of them, busy 3.424 ms in all; picky handled 250, busy
/// 532.5 ms, with latencies from 2 to 2,000 µs.
RunReport filteredReport()
{
    Sample last;
    NodeCounts producer;
    producer.count = 1000;
    last.nodes = {producer, consumerCounts(1000, 1000, 3'424'000), consumerCounts(1000, 250, 532'500'000)};
    LatencyHistogram histogram;
    for (int i = 0; i < 100; ++i)
        histogram.record(i < 99 ? 2'000 : 2'000'000);
    last.nodes[2].latency = histogram.snapshot();
    RunEnding ending;
    ending.elapsedNs = 2'000'000'000;
    return makeReport(filteredPlan(), last, ending);
}

const ReportColumn *columnNamed(const std::vector<ReportColumn> &columns, const std::string &title)
{
    for (const ReportColumn &column : columns)
        if (column.title == title)
            return &column;
    return nullptr;
}

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> all;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        all.push_back(line);
    return all;
}

} // namespace

class TestRunReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void predictionStandsNextToTheMeasurement()
    {
        RunReport report = filteredReport();
        QVERIFY(!columnNamed(reportColumns(report), "predicted"));
        QVERIFY(toCsv(report).find("predicted") == std::string::npos);
        QVERIFY(!nlohmann::json::parse(toJson(report)).contains("predicted"));

        const CapacityPrediction prediction = predictCapacity(filteredPlan(), CapacityConstants {10, 10, 10, 1, 0}, 4);
        addPrediction(report, prediction);
        const std::vector<ReportColumn> columns = reportColumns(report);
        const ReportColumn *predicted = columnNamed(columns, "predicted");
        QVERIFY(predicted);
        QCOMPARE(predicted->cells.size(), std::size_t {3});
        QCOMPARE(predicted->cells.at(0),
            std::string("100 M")); // the producer's 10 ns per event limits // the producer's 10 ns per event limits
        const nlohmann::json json = nlohmann::json::parse(toJson(report));
        QCOMPARE(json["predicted"]["limit"].get<std::string>(), std::string("producer"));
        QCOMPARE(json["predicted"]["events_per_second"].get<double>(), 1e8);
        QCOMPARE(json["nodes"][1]["predicted"]["service_ns"].get<double>(), 10.0);
        QCOMPARE(json["nodes"][1]["predicted"]["ceiling_events_per_second"].get<double>(), 1e8);
        const std::vector<std::string> rows = lines(toCsv(report));
        QVERIFY(rows.at(0).ends_with(",conserved,predicted_events_per_second,predicted_ceiling,predicted_service_ns"));
        QVERIFY2(rows.at(2).ends_with(",true,100000000.0,100000000.0,10.0"), rows.at(2).c_str());
        QVERIFY(toTable(report).find("predicted 100,000,000 events/s, limited by 'producer'") != std::string::npos);

        Plan other = filteredPlan();
        other.consumers.pop_back();
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument, addPrediction(report, predictCapacity(other, CapacityConstants {}, 4)));
    }

    void serviceTimeIsBusyTimePerEventTheWorkloadRanOn()
    {
        NodeCounts earlier = consumerCounts(100, 100, 50'000);
        NodeCounts later = consumerCounts(1100, 400, 650'000);
        later.errors = 100; // failed events took their share of the busy time
        const NodeFigures figures = figuresBetween(earlier, later, 1.0);
        QCOMPARE(figures.serviceNs, 600'000.0 / 400);
        QCOMPARE(figuresBetween(later, later, 1.0).serviceNs, 0.0);
    }

    void reportsKnowWhichConsumersFilterChannels()
    {
        const RunReport report = filteredReport();
        QVERIFY(!report.nodes[0].channelFilter);
        QVERIFY(!report.nodes[1].channelFilter);
        QVERIFY(report.nodes[2].channelFilter);
        QCOMPARE(report.nodes[1].figures.serviceNs, 3424.0);
        QCOMPARE(report.nodes[2].figures.serviceNs, 2'130'000.0);
    }

    void everyColumnSaysWhatItIs()
    {
        const std::vector<ReportColumn> columns = reportColumns(filteredReport());
        std::vector<std::string> titles;
        for (const ReportColumn &column : columns) {
            titles.push_back(column.title);
            QVERIFY2(column.description.size() > 10, column.title.c_str());
            QCOMPARE(column.cells.size(), std::size_t(3));
        }
        QCOMPARE(titles,
            (std::vector<std::string> {"node", "kind", "events", "handled", "events/s", "busy", "service", "p50", "p99",
                "p99.9", "max", "conserved"}));
    }

    void theFiguresOfEachColumn()
    {
        const std::vector<ReportColumn> columns = reportColumns(filteredReport());
        const auto cells = [&](const std::string &title) { return columnNamed(columns, title)->cells; };
        using Cells = std::vector<std::string>;
        QCOMPARE(cells("events"), (Cells {"1,000", "1,000", "1,000"}));
        // Handled only where a filter makes it differ from processed.
        QCOMPARE(cells("handled"), (Cells {"", "", "250"}));
        QCOMPARE(cells("events/s"), (Cells {"500", "500", "500"}));
        QCOMPARE(cells("busy"), (Cells {"", "0.2%", "26.6%"}));
        // One unit for the column: not "3424 ns" beside "2,130.0 µs".
        QCOMPARE(cells("service"), (Cells {"", "3.4 µs", "2,130.0 µs"}));
        // Nothing measured is a dash, not a zero.
        QCOMPARE(cells("p50").at(1), std::string("–"));
        QVERIFY(cells("p50").at(2).ends_with(" ns"));
        QCOMPARE(cells("max").at(2), std::string("2,000.0 µs"));
        QCOMPARE(cells("conserved"), (Cells {"", "yes", "yes"}));
    }

    void noHandledColumnWithoutAFilter()
    {
        RunReport report = filteredReport();
        report.nodes[2].channelFilter = false;
        QVERIFY(!columnNamed(reportColumns(report), "handled"));
    }

    void columnsTakeTheGivenMarks()
    {
        const std::vector<ReportColumn> columns = reportColumns(filteredReport(), {".", ","});
        QCOMPARE(columnNamed(columns, "service")->cells.at(2), std::string("2.130,0 µs"));
    }

    void theTableLinesUpItsColumns()
    {
        const std::vector<std::string> rows = lines(toTable(filteredReport()));
        QVERIFY(std::find(rows.begin(), rows.end(), "rate      500 events/s, one every 2 ms") != rows.end());
        const auto header
            = std::find_if(rows.begin(), rows.end(), [](const std::string &row) { return row.starts_with("node"); });
        QVERIFY(header != rows.end());
        QVERIFY2(header->find("handled") != std::string::npos, header->c_str());
        QCOMPARE(rows.end() - header, 4);
        // Right-aligned: every row's service cell ends where the header's title does (µs is one
        // column wide, two bytes).
        const auto columnEnd = [](const std::string &row, std::size_t bytes) {
            std::size_t width = 0;
            for (std::size_t i = 0; i < bytes; ++i)
                width += (static_cast<unsigned char>(row[i]) & 0xC0) != 0x80 ? 1 : 0;
            return width;
        };
        const std::size_t serviceEnd = columnEnd(*header, header->find("service") + 7);
        QCOMPARE(columnEnd(*(header + 2), (header + 2)->find("3.4 µs") + std::string("3.4 µs").size()), serviceEnd);
        QCOMPARE(
            columnEnd(*(header + 3), (header + 3)->find("2,130.0 µs") + std::string("2,130.0 µs").size()), serviceEnd);
    }

    void csvNumbersAreForMachines()
    {
        RunReport report = filteredReport();
        report.nodes[0].figures.eventsPerSecond = 12'345'678.9;
        const std::vector<std::string> rows = lines(toCsv(report));
        QCOMPARE(rows.size(), std::size_t(4));
        QVERIFY(rows[0].find(",service_ns,") != std::string::npos);
        QVERIFY2(rows[1].find(",12345678.9,") != std::string::npos, rows[1].c_str());
        QVERIFY2(rows[3].find(",2130000.0,") != std::string::npos, rows[3].c_str());
        for (const std::string &row : rows)
            QVERIFY2(row.find("e+") == std::string::npos, row.c_str());
    }

    void jsonCarriesServiceTimeAndTheFilter()
    {
        const auto json = nlohmann::json::parse(toJson(filteredReport()));
        QCOMPARE(json["nodes"][2]["service_ns"].get<double>(), 2'130'000.0);
        QCOMPARE(json["nodes"][2]["channel_filter"].get<bool>(), true);
        QCOMPARE(json["nodes"][2]["handled"].get<int>(), 250);
        QCOMPARE(json["nodes"][1]["channel_filter"].get<bool>(), false);
        QVERIFY(!json["nodes"][0].contains("service_ns"));
    }

    void brokenConservationIsWrittenInWords()
    {
        Sample last;
        NodeCounts producer;
        producer.count = 1;
        last.nodes = {producer, consumerCounts(0, 0, 0), consumerCounts(1, 1, 10)};
        RunEnding ending;
        ending.elapsedNs = 1'000'000;
        const RunReport report = makeReport(filteredPlan(), last, ending);
        QVERIFY(!report.ok);
        QCOMPARE(report.problems.front(),
            std::string("conservation broken: stage 'journal' processed 0 of the 1 event its ring received"));
    }
};

QTEST_APPLESS_MAIN(TestRunReport)
#include "test_run_report.moc"
