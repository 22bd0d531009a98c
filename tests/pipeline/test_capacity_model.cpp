// The capacity model on compiled pipelines whose answer is known by hand, its calibration cache,
// and one real run against the prediction with a generous bound.
#include "pipeline/capacity_calibration.h"
#include "pipeline/capacity_model.h"
#include "pipeline/compiler.h"
#include "pipeline/measured_run.h"
#include "spec_builder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

constexpr int kManyCores = 64;

/// Round figures: 10 ns per event for the runtime and for publishing, 1 ns per checksummed byte,
/// sleeps exact.
CapacityConstants roundConstants()
{
    return CapacityConstants {10, 10, 10, 1, 0};
}

Plan compiled(const PipelineSpec &spec)
{
    CompileResult result = compile(spec);
    if (!result.plan)
        qFatal("test pipeline does not compile: %s", toString(result.problems.front()).c_str());
    return std::move(*result.plan);
}

/// producer p -> ring r -> stages s1, s2, s3 one after the other, with the given costs.
PipelineSpec chain(std::int64_t a, std::int64_t b, std::int64_t c)
{
    PipelineSpec spec;
    spec.nodes = {node("p", "producer"), node("r", "ring"), node("s1", "stage", {{"workload", "busy"}, {"cost", a}}),
        node("s2", "stage", {{"workload", "busy"}, {"cost", b}}),
        node("s3", "stage", {{"workload", "busy"}, {"cost", c}})};
    spec.connections = {wire("p", "out", "r", "in"), wire("r", "out", "s1", "in"), wire("s1", "out", "s2", "in"),
        wire("s2", "out", "s3", "in")};
    return spec;
}

PipelineSpec pool(std::int64_t workers, std::int64_t cost)
{
    PipelineSpec spec;
    spec.nodes = {node("p", "producer"), node("r", "ring"),
        node("w", "worker-pool", {{"workers", workers}, {"workload", "busy"}, {"cost", cost}})};
    spec.connections = {wire("p", "out", "r", "in"), wire("r", "out", "w", "in")};
    return spec;
}

const NodePrediction &nodeOf(const CapacityPrediction &prediction, const std::string &id)
{
    for (const NodePrediction &node : prediction.nodes)
        if (node.id == id)
            return node;
    qFatal("no node %s", id.c_str());
}

} // namespace

class TestCapacityModel : public QObject {
    Q_OBJECT

private slots:
    void chainIsLimitedByItsSlowestStage()
    {
        const auto prediction = predictCapacity(compiled(chain(100, 500, 200)), roundConstants(), kManyCores);
        QCOMPARE(prediction.limit, std::string("s2"));
        QCOMPARE(prediction.eventsPerSecond, 1e9 / 510);
        QCOMPARE(nodeOf(prediction, "s1").serviceNs, 110.0);
        QCOMPARE(nodeOf(prediction, "s1").ceiling, 1e9 / 110);
        QCOMPARE(nodeOf(prediction, "s3").eventsPerSecond, 1e9 / 510);
        QCOMPARE(nodeOf(prediction, "p").ceiling, 1e8);
        QVERIFY(!prediction.coreBound);
    }

    void poolDividesTheServiceTimeUntilTheCoresRunOut()
    {
        const auto one = predictCapacity(compiled(pool(1, 990)), roundConstants(), kManyCores);
        const auto four = predictCapacity(compiled(pool(4, 990)), roundConstants(), kManyCores);
        QCOMPARE(one.eventsPerSecond, 1e6);
        QCOMPARE(four.eventsPerSecond, 4e6);
        QCOMPARE(nodeOf(four, "w").serviceNs, 1000.0);
        // On 2 cores the pool's 4 busy threads and the producer need 4 + 0.04 cores: they share 2.
        const auto shared = predictCapacity(compiled(pool(4, 990)), roundConstants(), 2);
        QVERIFY(shared.coreBound);
        QCOMPARE(shared.cpuCores, 4.04);
        QCOMPARE(shared.eventsPerSecond, 4e6 * 2 / 4.04);
        QCOMPARE(shared.limit, std::string("w"));
    }

    void pacedProducerCapsThePipeline()
    {
        PipelineSpec spec = chain(100, 100, 100);
        spec.findNode("p")->params["rate"] = 1000.0;
        spec.findNode("p")->params["threads"] = std::int64_t {3};
        const auto prediction = predictCapacity(compiled(spec), roundConstants(), kManyCores);
        QCOMPARE(prediction.eventsPerSecond, 3000.0);
        QCOMPARE(prediction.limit, std::string("p"));
        QCOMPARE(nodeOf(prediction, "s2").eventsPerSecond, 3000.0);
    }

    void unpacedProducerLimitsCheapStages()
    {
        PipelineSpec spec = chain(0, 0, 0);
        spec.findNode("p")->params["batch"] = std::int64_t {4};
        CapacityConstants constants = roundConstants();
        constants.publishEventNs = 50; // 40 of it per claim: 10 + 40 / 4 per event at batch 4
        const auto prediction = predictCapacity(compiled(spec), constants, kManyCores);
        QCOMPARE(prediction.limit, std::string("p"));
        QCOMPARE(prediction.eventsPerSecond, 1e9 / 20);
    }

    void aggregateSumsItsMembers()
    {
        PipelineSpec spec;
        spec.nodes = {node("p", "producer", {{"payload", std::int64_t {200}}}), node("r", "ring"),
            node("a", "aggregate", {{"workloads", "busy,checksum,sleep,latency"}, {"cost", 300}, {"sleep", 5}})};
        spec.connections = {wire("p", "out", "r", "in"), wire("r", "out", "a", "in")};
        CapacityConstants constants = roundConstants();
        constants.sleepOvershootNs = 490;
        const auto prediction = predictCapacity(compiled(spec), constants, kManyCores);
        // 10 (runtime) + 300 (busy) + 200 bytes x 1 ns (checksum) + 5 µs + 490 ns (sleep).
        QCOMPARE(nodeOf(prediction, "a").serviceNs, 6000.0);
        QCOMPARE(prediction.eventsPerSecond, 1e9 / 6000);
        // Asleep is not busy: the aggregate keeps 510 / 6000 of a core busy.
        QCOMPARE(nodeOf(prediction, "a").cpuCores, 510.0 / 6000);
    }

    void aThreadWithHalfACoreTakesTwiceAsLong()
    {
        const auto prediction = predictCapacity(compiled(chain(100, 500, 200)), roundConstants(), kManyCores, 0.5);
        QCOMPARE(prediction.eventsPerSecond, 1e9 / 1020);
        QCOMPARE(nodeOf(prediction, "s1").serviceNs, 220.0);
        QCOMPARE(prediction.coreShare, 0.5);
        QVERIFY(measureCoreShare(std::chrono::milliseconds(20)) > 0);
        QVERIFY(measureCoreShare(std::chrono::milliseconds(20)) <= 1);
    }

    void chainedRingsDownstreamStageLimitsUpstream()
    {
        PipelineSpec spec;
        spec.nodes
            = {node("p", "producer"), node("in", "ring"), node("a", "stage", {{"workload", "busy"}, {"cost", 100}}),
                node("out", "ring"), node("b", "stage", {{"workload", "busy"}, {"cost", 900}})};
        spec.connections = {wire("p", "out", "in", "in"), wire("in", "out", "a", "in"),
            wire("a", "forward", "out", "in"), wire("out", "out", "b", "in")};
        const auto prediction = predictCapacity(compiled(spec), roundConstants(), kManyCores);
        QCOMPARE(prediction.limit, std::string("b"));
        QCOMPARE(prediction.eventsPerSecond, 1e9 / 910);
        // Forwarding publishes each event into the next ring: a's 10 + 100 plus a publish of 10.
        QCOMPARE(nodeOf(prediction, "a").serviceNs, 120.0);
        QCOMPARE(nodeOf(prediction, "a").eventsPerSecond, 1e9 / 910);
    }

    void channelFilterSeesItsShare()
    {
        PipelineSpec spec;
        spec.nodes = {node("pa", "producer", {{"channel", "a"}}), node("pb", "producer", {{"channel", "b"}}),
            node("r", "ring"), node("s", "stage", {{"workload", "busy"}, {"cost", 990}, {"channel_filter", "a"}})};
        spec.connections = {wire("pa", "out", "r", "in"), wire("pb", "out", "r", "in"), wire("r", "out", "s", "in")};
        const auto prediction = predictCapacity(compiled(spec), roundConstants(), kManyCores);
        // Every event costs the runtime 10 ns, half of them the busy work too: 505 ns per event.
        QCOMPARE(nodeOf(prediction, "s").ceiling, 1e9 / 505);
        QCOMPARE(nodeOf(prediction, "s").serviceNs, 1010.0);
        QCOMPARE(prediction.eventsPerSecond, 1e9 / 505);
    }

    void busySpinningThreadsTakeACoreEach()
    {
        PipelineSpec spec = pool(2, 0);
        spec.findNode("r")->params["wait_strategy"] = "busy-spin";
        spec.findNode("p")->params["rate"] = 1000.0;
        const auto prediction = predictCapacity(compiled(spec), roundConstants(), kManyCores);
        QCOMPARE(nodeOf(prediction, "w").cpuCores, 2.0);
    }

    // A polled stage waits in the ring's strategy like a processor: busy-spin holds a core. An async
    // stage's loop never waits there: it holds none, and handles one batch at a time as a stage does.
    void asyncStagesNeverSpinPolledOnesDo()
    {
        for (const char *mode : {"thread", "poll", "async"}) {
            PipelineSpec spec;
            std::map<std::string, ParamValue> stage {{"workload", "busy"}, {"cost", 990}};
            if (std::string(mode) == "poll")
                stage["consume"] = "poll";
            if (std::string(mode) == "async") {
                stage["handling"] = "async";
                stage["async_threads"] = 3;
            }
            spec.nodes = {node("p", "producer", {{"rate", 1000.0}}),
                node("r", "ring", {{"wait_strategy", "busy-spin"}}), Node {"s", "stage", stage, std::nullopt}};
            spec.connections = {wire("p", "out", "r", "in"), wire("r", "out", "s", "in")};
            const auto prediction = predictCapacity(compiled(spec), roundConstants(), kManyCores);
            QCOMPARE(nodeOf(prediction, "s").ceiling, 1e9 / 1000);
            QCOMPARE(nodeOf(prediction, "s").cpuCores, std::string(mode) == "async" ? 1000 * 1000 * 1e-9 : 1.0);
        }
    }

    void calibrationIsCachedPerMachine()
    {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath("ringflow/capacity.json").toStdString();
        const MachineIdentity machine {2, "Test CPU", "Release"};
        const CapacityConstants constants {12, 34, 5, 0.75, 56000};
        QVERIFY(!loadCalibration(path, machine));
        QVERIFY(saveCalibration(path, machine, constants));
        QCOMPARE(loadCalibration(path, machine), std::optional<CapacityConstants>(constants));
        QVERIFY(!loadCalibration(path, MachineIdentity {4, "Test CPU", "Release"}));
        QVERIFY(!loadCalibration(path, MachineIdentity {2, "Other CPU", "Release"}));
        QVERIFY(!loadCalibration(path, MachineIdentity {2, "Test CPU", "Debug"}));
        std::ofstream(path) << "{ not json";
        QVERIFY(!loadCalibration(path, machine));
    }

    void eachBuildConfigurationCachesItsOwnCalibration()
    {
        // The tests are built in a configuration (scripts/build: RelWithDebInfo): its constants
        // have a file of their own, which a Release build of the same machine does not read.
        const MachineIdentity machine = thisMachine();
        QVERIFY(!machine.build.empty());
        const std::string name = calibrationPath().filename().string();
        QVERIFY2(name.starts_with("capacity-") && name.ends_with(".json"), name.c_str());
        QVERIFY2(name.size() == std::string("capacity-.json").size() + machine.build.size(), name.c_str());
    }

    void calibrationIsQuickAndPlausible()
    {
        QElapsedTimer timer;
        timer.start();
        const CapacityConstants constants = measureCapacityConstants();
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed()) + " ms"));
        QVERIFY(constants.consumerEventNs > 0 && constants.consumerEventNs < 10000);
        QVERIFY(constants.publishEventNs > 0 && constants.publishEventNs < 10000);
        QVERIFY(constants.publishBatchedNs > 0 && constants.publishBatchedNs <= constants.publishEventNs);
        QVERIFY(constants.checksumNsPerByte > 0 && constants.checksumNsPerByte < 100);
        QVERIFY(constants.sleepOvershootNs >= 0 && constants.sleepOvershootNs < 10'000'000);
    }

    void predictionMeetsARealRun()
    {
        // One stage of 20 µs per event: compute-bound whatever the runtime's own costs.
        PipelineSpec spec = chain(20000, 0, 0);
        spec.findNode("p")->params["events"] = std::int64_t {5000};
        const Plan plan = compiled(spec);
        const auto prediction
            = predictCapacity(plan, machineCapacityConstants(), thisMachine().cores, measureCoreShare());
        const MeasuredRun run = runMeasured(plan, 0);
        QVERIFY(run.report.ok);
        const double ratio = run.report.eventsPerSecond / prediction.eventsPerSecond;
        // Generous: on a machine shared with other work the load moves between the measurement of
        // the core share and the run (docs/experiments.md); a model without the cost would be off
        // by a factor of hundreds.
        QVERIFY2(ratio > 1.0 / 3 && ratio < 3, qPrintable(QString::number(ratio)));
    }
};

QTEST_GUILESS_MAIN(TestCapacityModel)
#include "test_capacity_model.moc"
