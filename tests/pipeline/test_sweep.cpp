// Experiments: reading sweep specifications (lists, ranges, every kind of mistake), the points in
// order, and real interleaved runs (every point, cancel, cost against throughput).
#include "pipeline/compiler.h"
#include "pipeline/sweep.h"
#include "pipeline/sweep_format.h"
#include "pipeline/sweep_runner.h"
#include "spec_builder.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

/// producer "p" (400 events) -> ring "r" -> busy stage "s".
PipelineSpec busyUnicast()
{
    PipelineSpec spec = unicast();
    spec.nodes[0].params["events"] = std::int64_t {400};
    spec.nodes[2].params["workload"] = "busy";
    return spec;
}

SweepAxis axisOf(const PipelineSpec &spec, std::string_view text)
{
    auto axis = parseSweepAxis(spec, text);
    if (const auto *error = std::get_if<std::string>(&axis))
        qFatal("%s", error->c_str());
    return std::get<SweepAxis>(axis);
}

std::string errorOf(const PipelineSpec &spec, std::string_view text)
{
    auto axis = parseSweepAxis(spec, text);
    const auto *error = std::get_if<std::string>(&axis);
    return error ? *error : std::string("(accepted)");
}

SweepResult prepared(const PipelineSpec &spec, const std::vector<SweepAxis> &axes)
{
    auto sweep = prepareSweep(spec, axes, ResourceBudget::forThisMachine(), CapacityConstants {}, 2);
    if (auto *problems = std::get_if<std::vector<std::string>>(&sweep))
        qFatal("%s", problems->front().c_str());
    return std::get<SweepResult>(std::move(sweep));
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT

private slots:
    void listsAndRangesGiveTheValuesInOrder()
    {
        const PipelineSpec spec = busyUnicast();
        QCOMPARE(axisOf(spec, "s.cost=5,0..1000+500,7").values,
            (std::vector<ParamValue> {
                std::int64_t {5}, std::int64_t {0}, std::int64_t {500}, std::int64_t {1000}, std::int64_t {7}}));
        QCOMPARE(axisOf(spec, "r.slots=64..1024*2").values,
            (std::vector<ParamValue> {
                std::int64_t {64}, std::int64_t {128}, std::int64_t {256}, std::int64_t {512}, std::int64_t {1024}}));
        QCOMPARE(axisOf(spec, "p.rate=0.5..2*2").values, (std::vector<ParamValue> {0.5, 1.0, 2.0}));
        QCOMPARE(axisOf(spec, "r.wait_strategy=busy-spin,blocking").values,
            (std::vector<ParamValue> {std::string("busy-spin"), std::string("blocking")}));
        const SweepAxis axis = axisOf(spec, "s.cost=0..10+4"); // 10 is not reached: 0, 4, 8
        QCOMPARE(axis.values.size(), std::size_t {3});
        QCOMPARE(axis.name(), std::string("s.cost"));
    }

    void nodeIdsMayContainDots()
    {
        PipelineSpec spec = busyUnicast();
        spec.nodes[2].id = "my.stage";
        for (Connection &wire : spec.connections)
            if (wire.to.node == "s")
                wire.to.node = "my.stage";
        const SweepAxis axis = axisOf(spec, "my.stage.cost=1,2");
        QCOMPARE(axis.node, std::string("my.stage"));
        QCOMPARE(axis.param, std::string("cost"));
    }

    void badSpecificationsNameThePlace()
    {
        const PipelineSpec spec = busyUnicast();
        QCOMPARE(errorOf(spec, "ghost.cost=1"), std::string("ghost.cost: no node 'ghost' in the pipeline"));
        QCOMPARE(errorOf(spec, "s.ghost=1"), std::string("s.ghost: stage 's' has no parameter 'ghost'"));
        QCOMPARE(errorOf(spec, "s.cost="), std::string("s.cost: no values"));
        QCOMPARE(errorOf(spec, "s.cost=1,,2"), std::string("s.cost: an empty value in '1,,2'"));
        QCOMPARE(errorOf(spec, "nothing"), std::string("'nothing': expected NODE.PARAM=VALUES"));
        QCOMPARE(errorOf(spec, "s.cost=x"), std::string("s.cost: expected a whole number, got 'x'"));
        QVERIFY(errorOf(spec, "s.cost=5,2000000000")
                    .starts_with("s.cost: 2000000000: Parameter 'cost' of stage 's' is "
                                 "2000000000, above its maximum"));
        QVERIFY(errorOf(spec, "r.slots=64..100+12").starts_with("r.slots: 76: Parameter 'slots'"));
        QVERIFY(errorOf(spec, "s.cost=0..10").starts_with("s.cost: '0..10': expected a range"));
        QVERIFY(errorOf(spec, "s.cost=0..10*2").starts_with("s.cost: '0..10*2': A must be above 0"));
        QVERIFY(errorOf(spec, "s.cost=0..10+0").starts_with("s.cost: '0..10+0': STEP must be above 0"));
        QVERIFY(errorOf(spec, "s.cost=0..1000000+1").find("more than 1000 values") != std::string::npos);
        QVERIFY(errorOf(spec, "s.cost=0.5..2+1").find("not a whole number") != std::string::npos);
        QVERIFY(errorOf(spec, "r.wait_strategy=a..b+1").find("ranges are for numbers") != std::string::npos);
        QVERIFY(errorOf(spec, "p.channel=a").starts_with("p.channel: a text parameter cannot be swept"));
    }

    void pointsAreTheCrossProductFirstAxisOutermost()
    {
        const PipelineSpec spec = busyUnicast();
        const std::vector<SweepAxis> axes {axisOf(spec, "s.cost=1,2"), axisOf(spec, "r.slots=64,128,256")};
        const auto points = sweepPoints(axes);
        QCOMPARE(points.size(), std::size_t {6});
        QCOMPARE(points[1], (std::vector<ParamValue> {std::int64_t {1}, std::int64_t {128}}));
        QCOMPARE(points[3], (std::vector<ParamValue> {std::int64_t {2}, std::int64_t {64}}));
        const PipelineSpec at = specAtPoint(spec, axes, points[5]);
        QCOMPARE(at.findNode("s")->params.at("cost"), ParamValue {std::int64_t {2}});
        QCOMPARE(at.findNode("r")->params.at("slots"), ParamValue {std::int64_t {256}});
    }

    void pointsThatDoNotCompileAreNamed()
    {
        PipelineSpec spec = busyUnicast();
        spec.findNode("p")->params["payload"] = std::int64_t {512};
        const std::vector<SweepAxis> axes {axisOf(spec, "r.payload_capacity=1024,256")};
        auto sweep = prepareSweep(spec, axes, ResourceBudget::forThisMachine(), CapacityConstants {}, 2);
        const auto *problems = std::get_if<std::vector<std::string>>(&sweep);
        QVERIFY(problems);
        QVERIFY2(problems->front().starts_with("at r.payload_capacity=256: "), problems->front().c_str());
    }

    void twoParametersYieldEveryPointInterleaved()
    {
        const PipelineSpec spec = busyUnicast();
        SweepResult sweep = prepared(spec, {axisOf(spec, "s.cost=0,1000"), axisOf(spec, "r.slots=64,256")});
        std::vector<std::size_t> progress;
        runSweep(sweep, {2, 0}, [&](std::size_t done, std::size_t total) {
            QCOMPARE(total, std::size_t {8});
            progress.push_back(done);
        });
        QCOMPARE(progress, (std::vector<std::size_t> {1, 2, 3, 4, 5, 6, 7, 8}));
        QVERIFY(!sweep.cancelled);
        QVERIFY(sweep.ok());
        QCOMPARE(sweep.points.size(), std::size_t {4});
        for (const PointResult &point : sweep.points) {
            QCOMPARE(point.runs.size(), std::size_t {2});
            QCOMPARE(point.runs[0].stages.size(), std::size_t {1});
            QVERIFY(point.runs[0].eventsPerSecond > 0);
            QVERIFY(point.prediction.eventsPerSecond > 0);
        }
        const nlohmann::json json = nlohmann::json::parse(sweepJson(sweep, "unicast"));
        QCOMPARE(json["points"].size(), std::size_t {4});
        QCOMPARE(json["points"][2]["values"]["s.cost"].get<int>(), 1000);
        QCOMPARE(json["points"][2]["values"]["r.slots"].get<int>(), 64);
        QVERIFY(json["points"][0]["events_per_second"]["median"].get<double>() > 0);
        QVERIFY(json["points"][0]["stages"][0].contains("busy_fraction"));
        QCOMPARE(QString::fromStdString(sweepCsv(sweep)).trimmed().split('\n').size(), 5);
    }

    void cancelKeepsTheFinishedRuns()
    {
        const PipelineSpec spec = busyUnicast();
        SweepResult sweep = prepared(spec, {axisOf(spec, "s.cost=0,100,200")});
        std::atomic<bool> cancel {false};
        runSweep(
            sweep, {3, 0}, [&](std::size_t done, std::size_t) { cancel.store(done == 4); }, &cancel);
        QVERIFY(sweep.cancelled);
        // Interleaved: the first repetition of all three, then the first point again.
        QCOMPARE(sweep.points[0].runs.size(), std::size_t {2});
        QCOMPARE(sweep.points[1].runs.size(), std::size_t {1});
        QCOMPARE(sweep.points[2].runs.size(), std::size_t {1});
        QVERIFY(sweepTable(sweep).find("cancelled") != std::string::npos);
    }

    void costMakesThroughputFall()
    {
        // Runs of 0.1 s each, whatever the cost, so that a pause of the machine weighs alike on every
        // point; a small ring keeps the drain short.
        PipelineSpec spec = busyUnicast();
        spec.findNode("p")->params["events"] = std::int64_t {0};
        spec.findNode("p")->params["duration"] = 0.1;
        spec.findNode("r")->params["slots"] = std::int64_t {16};
        SweepResult sweep = prepared(spec, {axisOf(spec, "s.cost=10000,100000,1000000")});
        runSweep(sweep, {5, 0});
        // Each point's best run: load on the machine only ever slows a run down (a CI run once had
        // two of the three 10 µs runs starved below the 100 µs point's median).
        std::vector<double> best;
        for (const PointResult &point : sweep.points) {
            std::vector<double> rates;
            for (const RunMeasure &run : point.runs)
                rates.push_back(run.eventsPerSecond);
            best.push_back(spreadOf(rates).max);
        }
        QVERIFY2(best[0] > best[1] && best[1] > best[2],
            qPrintable(QString("%1 %2 %3").arg(best[0]).arg(best[1]).arg(best[2])));
    }

    void spreadIsMedianMinMax()
    {
        const Spread odd = spreadOf({3, 1, 2});
        QCOMPARE(odd.median, 2.0);
        QCOMPARE(odd.min, 1.0);
        QCOMPARE(odd.max, 3.0);
        QCOMPARE(spreadOf({4, 1, 2, 3}).median, 2.5);
        QCOMPARE(spreadOf({}).median, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "test_sweep.moc"
