// The bounded time series the designer keeps per run, and its CSV.

#include "pipeline/time_series.h"

#include <QtTest>

#include <sstream>

using namespace ringflow::pipeline;

namespace {

/// A plan with one producer, one consumer and one ring, as the frames below describe them.
Plan planWith(const std::string &stageId = "stage")
{
    Plan plan;
    plan.producers.push_back({});
    plan.producers.back().id = "producer";
    plan.consumers.push_back({});
    plan.consumers.back().id = stageId;
    plan.rings.push_back({});
    plan.rings.back().id = "ring";
    return plan;
}

Frame frameAt(double seconds)
{
    Frame frame;
    frame.seconds = seconds;
    NodeFigures producer;
    producer.eventsPerSecond = 1000 * seconds;
    NodeFigures stage;
    stage.eventsPerSecond = 900;
    stage.backlog = 12;
    stage.busyFraction = 0.5;
    stage.latency.p50Ns = 100;
    stage.latency.p99Ns = 900;
    frame.nodes = {producer, stage};
    frame.rings = {{0.25}};
    return frame;
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

class TestTimeSeries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsTheNewestFramesUpToItsCapacity()
    {
        TimeSeries series(5);
        for (int i = 0; i < 12; ++i)
            series.append(frameAt(i));
        QCOMPARE(series.frames().size(), std::size_t(5));
        QCOMPARE(series.frames().front().seconds, 7.0);
        QCOMPARE(series.frames().back().seconds, 11.0);
        QCOMPARE(series.dropped(), std::size_t(7));
        series.clear();
        QVERIFY(series.frames().empty());
        QCOMPARE(series.dropped(), std::size_t(0));
    }

    void csvHasAHeaderAndOneRowPerSeriesAndFrame()
    {
        TimeSeries series;
        series.restart(planWith());
        series.append(frameAt(0.1));
        series.append(frameAt(0.2));
        const auto rows = lines(series.toCsv());
        QCOMPARE(rows.size(), std::size_t(1 + 2 * 3));
        QCOMPARE(rows[0],
            std::string("seconds,series,role,events_per_second,backlog,busy_fraction,p50_ns,p90_ns,p99_ns,p999_ns,"
                        "max_ns,fill_fraction"));
        QCOMPARE(rows[1], std::string("0.100,producer,producer,100.0,,,,,,,,"));
        QCOMPARE(rows[2], std::string("0.100,stage,consumer,900.0,12,0.5000,100,0,900,0,0,"));
        QCOMPARE(rows[3], std::string("0.100,ring,ring,,,,,,,,,0.2500"));
        for (const std::string &row : rows)
            QCOMPARE(std::count(row.begin(), row.end(), ','), 11);
    }

    void idsWithCommasAndQuotesAreQuoted()
    {
        TimeSeries series;
        series.restart(planWith("a,\"b\""));
        series.append(frameAt(1));
        const auto rows = lines(series.toCsv());
        QCOMPARE(rows[2].substr(0, 16), std::string("1.000,\"a,\"\"b\"\"\","));
    }
};

QTEST_APPLESS_MAIN(TestTimeSeries)
#include "test_time_series.moc"
