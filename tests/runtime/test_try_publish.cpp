// Producers publishing with try (the `publish` parameter): against a stalled or slow consumer they
// never wait for a slot, they drop and count instead; what they attempted is exactly what they
// published plus what they dropped, the consumers see every published event once and in each
// thread's order, and stopping a try run returns. Hammered with more producer threads than cores
// and random ring sizes.
#include "pipeline/basic_runtime.h"
#include "pipeline/compiler.h"
#include "pipeline/param_text.h"
#include "tagged_events.h"

#include <QtTest>

#include <atomic>
#include <map>
#include <random>
#include <thread>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::test;
using namespace std::chrono_literals;

namespace {

/// Records what it sees per producer thread; optionally held at a gate (a stalled consumer) or
/// slowed down per event.
struct Recorder {
    std::atomic<bool> open {true};
    std::chrono::microseconds perEvent {0};
    std::map<std::uint32_t, std::vector<std::uint64_t>> seen; ///< counts per thread tag, in order

    void onEvent(const Tagged &event, std::int64_t, bool)
    {
        while (!open.load(std::memory_order_acquire))
            std::this_thread::sleep_for(1ms);
        if (perEvent.count() > 0)
            std::this_thread::sleep_for(perEvent);
        seen[event.thread].push_back(event.count);
    }

    std::uint64_t total() const
    {
        std::uint64_t sum = 0;
        for (const auto &[tag, counts] : seen)
            sum += counts.size();
        return sum;
    }
};

/// producer -> ring -> stage, the producer publishing with try.
PipelineSpec tryPipeline(
    std::int64_t ringSlots, std::int64_t threads, std::int64_t events, double duration, std::int64_t batch = 1)
{
    PipelineSpec spec;
    spec.name = "try";
    spec.nodes = {{"source", "producer",
                      {{"threads", threads}, {"events", events}, {"duration", duration}, {"batch", batch},
                          {"publish", std::string("try")}},
                      {}},
        {"ring", "ring", {{"slots", ringSlots}}, {}}, {"sink", "stage", {}, {}}};
    spec.connections = {{{"source", "out"}, {"ring", "in"}}, {{"ring", "out"}, {"sink", "in"}}};
    return spec;
}

bool waitFor(const RuntimeCore &runtime, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!runtime.producersFinished() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(2ms);
    return runtime.producersFinished();
}

/// Every thread's counts arrive strictly increasing (each event once, in the thread's order).
bool inThreadOrder(const Recorder &recorder)
{
    for (const auto &[tag, counts] : recorder.seen)
        if (!std::is_sorted(counts.begin(), counts.end(), std::less_equal<>())
            || std::adjacent_find(counts.begin(), counts.end()) != counts.end())
            return false;
    return true;
}

} // namespace

class TestTryPublish : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theParameterCompilesIntoThePlan()
    {
        const Plan plan = compiled(tryPipeline(64, 1, 10, 0));
        QVERIFY(plan.producers.front().tryPublish);
        PipelineSpec blocking = tryPipeline(64, 1, 10, 0);
        blocking.nodes.front().params.erase("publish");
        QVERIFY(!compiled(blocking).producers.front().tryPublish);
        QVERIFY(plan.describe().find("drops what finds the ring full") != std::string::npos);
    }

    void aStalledConsumerDoesNotHoldATryProducer()
    {
        // The consumer takes nothing until the producers are done: a blocking producer would wait
        // for ever behind the first 64 events; a try producer runs its duration and drops the rest.
        std::atomic<std::uint32_t> tags {0};
        Recorder sink;
        sink.open = false;
        Bindings<Tagged> bindings;
        bindings.fill("source", TaggingFill {&tags}).handler("sink", sink);
        BasicRuntime<Tagged> runtime(compiled(tryPipeline(64, 3, 0, 0.3)), std::move(bindings));
        const auto start = std::chrono::steady_clock::now();
        runtime.start();
        QVERIFY2(waitFor(runtime, 10s), "a try producer blocked behind a stalled consumer");
        QVERIFY(std::chrono::steady_clock::now() - start >= 300ms);
        sink.open.store(true, std::memory_order_release);
        const RunReport report = runtime.stop(10s);

        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
        const NodeFigures &producer = report.nodes[0].figures;
        QVERIFY(producer.dropped > 0);
        QVERIFY(report.nodes[0].tryPublish);
        // The consumer held its first batch at the gate: exactly the ring's slots got in.
        QCOMPARE(producer.count, std::uint64_t {64});
        QCOMPARE(sink.total(), producer.count);
        QVERIFY(inThreadOrder(sink));
    }

    void publishedAndDroppedAddUpToTheAttemptsUnderHammer()
    {
        std::mt19937_64 random(QRandomGenerator::global()->generate64());
        for (int round = 0; round < kProducerHammerRounds; ++round) {
            const std::int64_t ringSlots = std::int64_t {1} << std::uniform_int_distribution<int>(2, 10)(random);
            const std::int64_t threads = std::uniform_int_distribution<std::int64_t>(3, 8)(random);
            const std::int64_t events = std::uniform_int_distribution<std::int64_t>(1, 4000)(random);
            const std::int64_t batch = std::uniform_int_distribution<std::int64_t>(1, ringSlots)(random);
            std::atomic<std::uint32_t> tags {0};
            Recorder sink;
            sink.perEvent = round % 2 ? 0us : 1us; // slow, or merely outnumbered by the producers
            Bindings<Tagged> bindings;
            bindings.fill("source", TaggingFill {&tags}).handler("sink", sink);
            BasicRuntime<Tagged> runtime(
                compiled(tryPipeline(ringSlots, threads, events, 0, batch)), std::move(bindings));
            runtime.start();
            QVERIFY2(waitFor(runtime, 30s), "a try producer did not finish its events");
            const RunReport report = runtime.stop(30s);
            const QByteArray what = QStringLiteral("round %1: %2 slots, %3 threads, %4 events, batch %5")
                                        .arg(round)
                                        .arg(ringSlots)
                                        .arg(threads)
                                        .arg(events)
                                        .arg(batch)
                                        .toUtf8();

            QVERIFY2(report.ok, what);
            const NodeFigures &producer = report.nodes[0].figures;
            QVERIFY2(producer.count + producer.dropped == static_cast<std::uint64_t>(threads * events), what);
            QVERIFY2(sink.total() == producer.count, what);
            QVERIFY2(inThreadOrder(sink), what);
            for (const auto &[tag, counts] : sink.seen)
                QVERIFY2(counts.empty() || counts.back() < static_cast<std::uint64_t>(events), what);
        }
    }

    void stoppingAnUnboundedTryRunReturns()
    {
        for (const bool stalled : {false, true}) {
            std::atomic<std::uint32_t> tags {0};
            Recorder sink;
            sink.open = !stalled;
            sink.perEvent = 50us;
            Bindings<Tagged> bindings;
            bindings.fill("source", TaggingFill {&tags}).handler("sink", sink);
            BasicRuntime<Tagged> runtime(compiled(tryPipeline(16, 4, 0, 0)), std::move(bindings));
            runtime.start();
            std::this_thread::sleep_for(100ms);
            const auto start = std::chrono::steady_clock::now();
            const RunReport report = runtime.stop(200ms);
            const auto took = std::chrono::steady_clock::now() - start;
            sink.open.store(true, std::memory_order_release); // lets a stuck handler return
            QVERIFY(report.nodes[0].figures.dropped > 0);
            // Within the drain, plus the grace for a stalled handler; a producer never holds it up.
            QVERIFY(took < 200ms + kStuckHandlerGrace + 2s);
            if (!stalled) {
                QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
                QCOMPARE(sink.total(), report.nodes[0].figures.count);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTryPublish)
#include "test_try_publish.moc"
