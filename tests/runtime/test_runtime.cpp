// The runtime runs compiled pipelines on real threads: conservation, pause/resume, live tuning,
// stopping unbounded producers, and the two exception policies.
#include "pipeline/bottleneck.h"
#include "pipeline/compiler.h"
#include "pipeline/param_text.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/runtime.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <string>
#include <thread>

using namespace ringflow::pipeline;
using namespace std::chrono_literals;

namespace {

#if defined(__SANITIZE_THREAD__)
constexpr std::int64_t kScale = 10; // ThreadSanitizer runs 5-15x slower
#else
constexpr std::int64_t kScale = 1;
#endif

PipelineSpec example(const QString &name)
{
    const LoadResult loaded = loadPipelineFile(std::string(RINGFLOW_EXAMPLES_DIR) + "/" + name.toStdString());
    if (!loaded.spec)
        qFatal("example %s does not load", qPrintable(name));
    return *loaded.spec;
}

Plan compiled(const PipelineSpec &spec)
{
    CompileResult result = compile(spec);
    if (!result.plan)
        qFatal("spec does not compile: %s", toString(result.problems.front()).c_str());
    return *result.plan;
}

/// A producer -> ring -> stage pipeline with the given stage and producer parameters.
PipelineSpec simplePipeline(std::map<std::string, ParamValue> producer, std::map<std::string, ParamValue> stage)
{
    PipelineSpec spec;
    spec.name = "simple";
    spec.nodes = {{"producer", "producer", std::move(producer), {}},
        {"ring", "ring", {{"slots", std::int64_t {256}}}, {}}, {"stage", "stage", std::move(stage), {}}};
    spec.connections = {{{"producer", "out"}, {"ring", "in"}}, {{"ring", "out"}, {"stage", "in"}}};
    return spec;
}

std::uint64_t publishedBy(const Runtime &runtime, const std::string &id)
{
    const std::optional<std::size_t> index = runtime.plan().nodeIndex(id);
    return index ? runtime.sample().nodes[*index].count : 0;
}

/// Runs until the producers are done (or fails the test after `limit`), then stops.
RunReport runToCompletion(Runtime &runtime, std::chrono::seconds limit = 60s)
{
    runtime.start();
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!runtime.producersFinished() && !runtime.hasFailed() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    return runtime.stop(10s);
}

/// The measured publish rate of `id` over `window`.
double measuredRate(const Runtime &runtime, const std::string &id, std::chrono::milliseconds window)
{
    const std::uint64_t before = publishedBy(runtime, id);
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(window);
    const std::uint64_t after = publishedBy(runtime, id);
    return static_cast<double>(after - before)
        / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

class TestRuntime : public QObject {
    Q_OBJECT

private slots:
    void everyExampleConservesEveryEvent_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *file : {"unicast.json", "pipeline.json", "multicast.json", "diamond.json",
                 "multi-producer.json", "chained-rings.json", "worker-pool.json", "dispatcher-demo.json"})
            QTest::newRow(file) << file;
    }

    void everyExampleConservesEveryEvent()
    {
        QFETCH(QString, file);
        PipelineSpec spec = example(file);
        makeBurst(spec, 0);
        for (Node &node : spec.nodes) // keep the suite short; the topology is what is under test
            if (node.kind == "producer")
                node.params["events"] = std::max<std::int64_t>(1, 20000 / (intParam(node, "threads") * kScale));
        Runtime runtime(compiled(spec));
        const RunReport report = runToCompletion(runtime);

        QVERIFY2(report.ok, report.problems.empty() ? "no problem listed" : report.problems.front().c_str());
        QVERIFY(report.drained);
        QVERIFY(report.totalEvents > 0);
        std::uint64_t published = 0;
        for (const NodeReport &node : report.nodes) {
            if (node.role == NodeRole::Producer)
                published += node.figures.count;
            else
                QVERIFY2(node.conserved && node.figures.count == node.expected && node.expected > 0, node.id.c_str());
        }
        QCOMPARE(published, report.totalEvents);
        QVERIFY(report.eventsPerSecond > 0);
        QVERIFY(report.nsPerEvent > 0);
        // "N events/s, one every T": T is the rate's reciprocal, both over the flow window.
        QVERIFY2(std::abs(report.nsPerEvent * report.eventsPerSecond / 1e9 - 1) < 1e-9,
            std::to_string(report.nsPerEvent * report.eventsPerSecond).c_str());
    }

    void aRunWithoutInstrumentationProcessesEveryEventAndSaysSo()
    {
        // chained-rings: a fan-out, a join and a stage forwarding into a second ring.
        PipelineSpec spec = example("chained-rings.json");
        makeBurst(spec, 0);
        for (Node &node : spec.nodes)
            if (node.kind == "producer")
                node.params["events"] = std::int64_t {20000 / kScale};
        Plan plan = compiled(spec);
        plan.instrumented = false;
        Runtime runtime(plan);
        const RunReport report = runToCompletion(runtime);

        QVERIFY2(report.ok, report.problems.empty() ? "no problem listed" : report.problems.front().c_str());
        QVERIFY(!report.instrumented);
        QCOMPARE(report.totalEvents, std::uint64_t {20000 / kScale});
        for (const NodeReport &node : report.nodes) {
            if (node.role != NodeRole::Consumer)
                continue;
            QVERIFY2(node.conserved && node.figures.count == node.expected && node.expected > 0, node.id.c_str());
            // Switched off means not measured: no busy time and no latency samples.
            QCOMPARE(node.figures.busyFraction, 0.0);
            QCOMPARE(node.figures.latency.maxNs, std::uint64_t {0});
        }
        QVERIFY(toTable(report).find("instrumentation off") != std::string::npos);
        const std::string json = toJson(report);
        QVERIFY(json.find("\"instrumented\": false") != std::string::npos);
        QVERIFY(json.find("busy_fraction") == std::string::npos && json.find("p99_ns") == std::string::npos);
        for (const ReportColumn &column : reportColumns(report))
            QVERIFY2(column.title != "busy" && column.title != "p99", column.title.c_str());
    }

    void pauseStopsProgressAndResumeContinuesIt()
    {
        Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {0}}, {"rate", 20000.0}}, {})));
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") > 100, 10000);

        runtime.pause();
        QCOMPARE(runtime.state(), RunState::Paused);
        std::this_thread::sleep_for(50ms); // a batch in flight may still land
        const std::uint64_t paused = publishedBy(runtime, "producer");
        std::this_thread::sleep_for(300ms);
        QCOMPARE(publishedBy(runtime, "producer"), paused);

        runtime.resume();
        QCOMPARE(runtime.state(), RunState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") > paused + 100, 10000);
        const RunReport report = runtime.stop(10s);
        QVERIFY(report.ok);
    }

    void anUnpacedProducerPausesResumesAndStopsToo()
    {
        // As fast as it can, single events: it looks at its controls between runs of events.
        Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {0}}}, {})));
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") > 100'000, 10000);
        runtime.pause();
        std::this_thread::sleep_for(50ms);
        const std::uint64_t paused = publishedBy(runtime, "producer");
        std::this_thread::sleep_for(200ms);
        QCOMPARE(publishedBy(runtime, "producer"), paused);
        runtime.resume();
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") > paused + 100'000, 10000);
        const RunReport report = runtime.stop(10s);
        QVERIFY2(report.ok, report.problems.empty() ? "no problem listed" : report.problems.front().c_str());
        const NodeReport &producer = report.nodes.front();
        const NodeReport &stage = report.nodes.back();
        QCOMPARE(stage.id, std::string("stage"));
        QVERIFY(stage.conserved);
        QCOMPARE(stage.figures.count, producer.figures.count);
    }

    void anUnpacedTimedProducerStopsAtItsDeadline_data()
    {
        QTest::addColumn<std::int64_t>("batch");
        QTest::addColumn<QString>("publish");
        QTest::newRow("single events") << std::int64_t {1} << "block";
        QTest::newRow("batches of 8") << std::int64_t {8} << "block";
        QTest::newRow("single events, try") << std::int64_t {1} << "try";
    }

    void anUnpacedTimedProducerStopsAtItsDeadline()
    {
        // No event limit: only the deadline, which it looks at once per 64 events, ends it.
        QFETCH(std::int64_t, batch);
        QFETCH(QString, publish);
        Runtime runtime(compiled(simplePipeline(
            {{"events", std::int64_t {0}}, {"duration", 0.3}, {"batch", batch}, {"publish", publish.toStdString()}},
            {})));
        const auto started = std::chrono::steady_clock::now();
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(runtime.producersFinished(), 10000);
        const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        QVERIFY2(took >= 0.3, qPrintable(QString::number(took)));
        const RunReport report = runtime.stop(10s);
        QVERIFY2(report.ok, report.problems.empty() ? "no problem listed" : report.problems.front().c_str());
        QVERIFY(report.nodes.front().figures.count > 1000);
        QVERIFY2(report.flowNs >= 250'000'000, qPrintable(QString::number(report.flowNs)));
    }

    void liveRateChangeMovesTheMeasuredRateTheRightWay()
    {
        Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {0}}, {"rate", 2000.0}}, {})));
        runtime.start();
        std::this_thread::sleep_for(100ms);
        const double slow = measuredRate(runtime, "producer", 500ms);

        QVERIFY(runtime.setParameter("producer", "rate", 50000.0));
        std::this_thread::sleep_for(100ms);
        const double fast = measuredRate(runtime, "producer", 500ms);
        QVERIFY2(fast > slow * 3, qPrintable(QString("slow %1/s, fast %2/s").arg(slow).arg(fast)));
        QVERIFY2(slow < 2000 * 2.0, qPrintable(QString("pacing overshoots: %1/s for 2000/s").arg(slow)));

        QVERIFY(runtime.setParameter("producer", "rate", 1000.0));
        std::this_thread::sleep_for(100ms);
        const double slower = measuredRate(runtime, "producer", 500ms);
        QVERIFY2(slower < fast / 3, qPrintable(QString("fast %1/s, slowed %2/s").arg(fast).arg(slower)));
        QVERIFY(!runtime.setParameter("no-such-node", "rate", 1.0));
        QVERIFY(!runtime.setParameter("producer", "threads", 4.0)); // not live-tunable
        QVERIFY(runtime.stop(10s).ok);
    }

    void aPacedProducerWakesForStopPauseAndANewRate()
    {
        // One event every 100 s: without being woken, the producer would sleep through everything.
        Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {0}}, {"rate", 0.01}}, {})));
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") == 1, 10000); // the first is due at once
        std::this_thread::sleep_for(100ms);

        QVERIFY(runtime.setParameter("producer", "rate", 1e6));
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") > 1000, 10000);
        QVERIFY(runtime.setParameter("producer", "rate", 0.01));
        std::this_thread::sleep_for(100ms);
        runtime.pause();
        runtime.resume();

        const auto stopping = std::chrono::steady_clock::now();
        const RunReport report = runtime.stop(1s);
        const auto took = std::chrono::steady_clock::now() - stopping;
        QVERIFY2(took < 1s, qPrintable(QString::number(std::chrono::duration<double>(took).count())));
        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
    }

    void liveCostChangeMakesTheStageBusier()
    {
        Runtime runtime(compiled(
            simplePipeline({{"events", std::int64_t {0}}, {"rate", 5000.0}}, {{"workload", std::string("busy")}})));
        MetricsSampler sampler;
        runtime.start();
        std::this_thread::sleep_for(200ms);
        sampler.update(runtime.sample());
        std::this_thread::sleep_for(500ms);
        const double idle = sampler.update(runtime.sample()).nodes.back().busyFraction;

        QVERIFY(runtime.setParameter("stage", "cost", 100'000)); // 100 us per event at 5000/s: ~50% busy
        std::this_thread::sleep_for(200ms);
        sampler.update(runtime.sample());
        std::this_thread::sleep_for(500ms);
        const double busy = sampler.update(runtime.sample()).nodes.back().busyFraction;
        QVERIFY2(busy > idle + 0.1, qPrintable(QString("busy fraction %1 -> %2").arg(idle).arg(busy)));
        runtime.stop(10s);
    }

    void theShippedExampleRunsPacedUntilStoppedAndShowsItsBottleneck()
    {
        // chained-rings.json as a user opens it: 250,000 events/s for a minute, replication's busy
        // work 87% of its thread. Two seconds in, it is still running at its pace.
        const PipelineSpec spec = example("chained-rings.json");
        const double pace = std::get<double>(spec.findNode("receiver")->params.at("rate"));
        Runtime runtime(compiled(spec));
        MetricsSampler sampler;
        const auto started = std::chrono::steady_clock::now();
        runtime.start();
        std::this_thread::sleep_for(500ms);
        sampler.update(runtime.sample());
        std::this_thread::sleep_for(1500ms);
        const Frame frame = sampler.update(runtime.sample());
        const std::uint64_t published = publishedBy(runtime, "receiver");
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        QVERIFY(!runtime.producersFinished());
        const double rate = frame.nodes[*runtime.plan().nodeIndex("receiver")].eventsPerSecond;
        // Paced, not a burst: the pacer schedules event n at n / rate after its start, so however
        // late a loaded machine runs it (and then catches up), it never has published more than
        // the pace allows since start. The slack covers the fast clock's tolerance (2 ms, and a
        // calibration off by 0.2%).
        const double allowed = pace * (elapsed * 1.002 + 0.004) + 1;
        QVERIFY2(static_cast<double>(published) <= allowed,
            qPrintable(QString("%1 published in %2 s").arg(published).arg(elapsed)));
#if !defined(__SANITIZE_THREAD__)
        // How close to the pace a shared 2-core machine keeps up is a benchmark's question (at a
        // load average of 9 it read 85,000 events/s): here, only that it flows. The bottleneck is
        // the stage the design loads (ThreadSanitizer slows every other stage more than the busy
        // one).
        QVERIFY2(rate > 10'000, qPrintable(QString::number(rate)));
        const std::optional<Bottleneck> bottleneck = findBottleneck(frame, runtime.plan());
        QVERIFY(bottleneck);
        QCOMPARE(bottleneck->id, std::string("replication"));
#endif
        QVERIFY(rate > 0);
        const RunReport report = runtime.stop(10s);
        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
    }

    void stopWithUnboundedProducersReturnsAndDrains()
    {
        PipelineSpec spec = example("diamond.json");
        makeBurst(spec, 0);
        spec.findNode("producer")->params["threads"] = std::int64_t {3};
        Runtime runtime(compiled(spec));
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") > 1000, 10000);
        const auto start = std::chrono::steady_clock::now();
        const RunReport report = runtime.stop(10s);
        QVERIFY(std::chrono::steady_clock::now() - start < 10s);
        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
        QVERIFY(report.totalEvents > 1000);
    }

    void stopReturnsEvenWhenAStageCannotKeepUp()
    {
        // 10 ms per event and a full ring: the drain cannot finish in 200 ms, so stop halts.
        Runtime runtime(compiled(simplePipeline(
            {{"events", std::int64_t {0}}}, {{"workload", std::string("sleep")}, {"sleep", std::int64_t {10000}}})));
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(runtime, "producer") >= 256, 10000);
        const auto start = std::chrono::steady_clock::now();
        const RunReport report = runtime.stop(200ms);
        QVERIFY(std::chrono::steady_clock::now() - start < 5s);
        QVERIFY(!report.drained);
        QVERIFY(!report.ok);
    }

    void continuePolicyCountsErrorsAndTheRunCompletes()
    {
        const std::int64_t events = 20000 / kScale;
        Runtime runtime(compiled(simplePipeline({{"events", events}},
            {{"workload", std::string("fail")}, {"fail_probability", 0.1},
                {"exception_policy", std::string("continue")}})));
        const RunReport report = runToCompletion(runtime);
        QVERIFY(report.ok);
        const NodeFigures &stage = report.nodes.back().figures;
        QCOMPARE(stage.count, static_cast<std::uint64_t>(events));
        QVERIFY2(stage.errors > 0 && stage.errors < static_cast<std::uint64_t>(events) / 2,
            qPrintable(QString::number(stage.errors)));
        QCOMPARE(stage.handled + stage.errors, stage.count);
        QCOMPARE(report.errorCount, stage.errors);
        QVERIFY(QString::fromStdString(report.errors.front()).contains("stage 'stage'"));
    }

    void haltPolicyEndsTheRunWithAnErrorThatNamesTheStage()
    {
        Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {0}}},
            {{"workload", std::string("fail")}, {"fail_probability", 0.01},
                {"exception_policy", std::string("halt")}})));
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(runtime.hasFailed(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(runtime.producersFinished(), 10000); // released from a full ring
        const RunReport report = runtime.stop(1s);
        QVERIFY(!report.ok);
        const bool named = std::any_of(report.problems.begin(), report.problems.end(),
            [](const std::string &p) { return p.find("stage 'stage' halted") != std::string::npos; });
        QVERIFY(named);
        QVERIFY(!report.errors.empty());
    }

    void samplesReportLatencyFillAndBacklog()
    {
        Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {0}}, {"rate", 20000.0}}, {})));
        MetricsSampler sampler;
        runtime.start();
        sampler.update(runtime.sample());
        std::this_thread::sleep_for(400ms);
        const Sample sample = runtime.sample();
        const Frame frame = sampler.update(sample);
        const NodeFigures &stage = frame.nodes.back();
        QCOMPARE(runtime.plan().nodeId(frame.nodes.size() - 1), std::string("stage"));
        QVERIFY(stage.eventsPerSecond > 1000);
        const Percentiles &latency = stage.latency;
        QVERIFY(latency.p50Ns > 0);
        QVERIFY(latency.p50Ns <= latency.p99Ns && latency.p99Ns <= latency.p999Ns && latency.p999Ns <= latency.maxNs);
        QVERIFY(stage.backlog >= 0 && stage.backlog <= 256);
        QCOMPARE(sample.rings.size(), std::size_t {1});
        QVERIFY(sample.rings.front().fill >= 0 && sample.rings.front().fill <= 256);
        QVERIFY(runtime.stop(10s).ok);
    }

    void everySampledEventHasItsLatencyRecordedOnceWhateverTheHandling()
    {
        // A count stage takes its samples per batch, a busy one per event, a batch handler per
        // batch: each way, every sampled sequence (one in 64) that the stage handled counts once.
        const std::int64_t events = 20000 / kScale + 37;
        const std::map<std::string, std::map<std::string, ParamValue>> stages {{"count per event", {}},
            {"count per batch", {{"handling", std::string("batch")}}},
            {"busy per event", {{"workload", std::string("busy")}, {"cost", std::int64_t {10}}}}};
        for (const auto &[name, params] : stages) {
            Runtime runtime(compiled(simplePipeline({{"events", events}, {"batch", std::int64_t {7}}}, params)));
            const RunReport report = runToCompletion(runtime);
            QVERIFY2(report.ok, name.c_str());
            const NodeCounts &stage = runtime.sample().nodes.back();
            QCOMPARE(stage.count, static_cast<std::uint64_t>(events));
            QVERIFY2(stage.latency.total == static_cast<std::uint64_t>((events + 63) / 64), name.c_str());
        }
    }

    void startingTwiceIsRefused()
    {
        Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {10}}}, {})));
        runtime.start();
        QVERIFY_THROWS_EXCEPTION(std::logic_error, runtime.start());
        runtime.stop(10s);
    }

    void samplingWhileAnotherThreadStopsIsSafe()
    {
        // The designer samples on the GUI thread while a worker thread drains and halts: hammer
        // that overlap (ThreadSanitizer runs this too).
        for (int round = 0; round < 20; ++round) {
            Runtime runtime(compiled(simplePipeline({{"events", std::int64_t {0}}},
                {{"workload", std::string("busy")}, {"cost", std::int64_t {round % 3 * 200}}})));
            runtime.start();
            MetricsSampler sampler;
            sampler.update(runtime.sample());
            std::atomic<bool> stopped {false};
            RunReport report;
            std::thread stopper([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(round % 5));
                report = runtime.stop(2s);
                stopped.store(true);
            });
            std::uint64_t lastCount = 0;
            while (!stopped.load()) {
                const Frame frame = sampler.update(runtime.sample());
                QCOMPARE(frame.nodes.size(), std::size_t(2));
                QVERIFY(frame.nodes.back().count >= lastCount); // cumulative counts never go back
                lastCount = frame.nodes.back().count;
            }
            stopper.join();
            QVERIFY(report.ok);
            QCOMPARE(runtime.sample().nodes.back().count, report.totalEvents);
        }
    }

    void destroyingARunningPipelineStopsIt()
    {
        auto runtime = std::make_unique<Runtime>(compiled(simplePipeline({{"events", std::int64_t {0}}}, {})));
        runtime->start();
        QTRY_VERIFY_WITH_TIMEOUT(publishedBy(*runtime, "producer") > 100, 10000);
        runtime.reset(); // must return: every thread halted and joined
    }
};

QTEST_GUILESS_MAIN(TestRuntime)
#include "test_runtime.moc"
