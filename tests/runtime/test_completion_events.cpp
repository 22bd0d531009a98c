// Completion events (the producer's `completion_channel`): every producer thread publishes exactly
// one, on that channel, after its last event, whether its events ran out, its duration ended or
// the run was stopped, and it carries the thread's published count in its payload. Hammered with
// more producer threads than cores and random ring sizes, blocking and trying.
#include "core/wait_strategy.h"
#include "pipeline/basic_runtime.h"
#include "pipeline/compiler.h"
#include "pipeline/param_text.h"
#include "tagged_events.h"

#include <QtTest>

#include <atomic>
#include <cstring>
#include <map>
#include <random>
#include <thread>

using namespace ringflow;
using namespace ringflow::pipeline;
using namespace ringflow::pipeline::test;
using namespace std::chrono_literals;

namespace {

/// Per producer thread: how many events arrived and the highest sequence among them.
struct Emits {
    std::map<std::uint32_t, std::pair<std::uint64_t, std::int64_t>> perThread;
    void onEvent(const Tagged &event, std::int64_t sequence, bool)
    {
        auto &[count, last] = perThread.try_emplace(event.thread, 0, -1).first->second;
        ++count;
        last = std::max(last, sequence);
    }
};

/// Per producer thread: its completion events, each as (count carried, sequence).
struct Completions {
    std::map<std::uint32_t, std::vector<std::pair<std::uint64_t, std::int64_t>>> perThread;
    void onEvent(const Tagged &event, std::int64_t sequence, bool)
    {
        perThread[event.thread].emplace_back(event.count, sequence);
    }
};

/// producer (channel "emit", completions on "done") -> ring -> work ("emit"), finish ("done").
PipelineSpec completionPipeline(
    std::int64_t ringSlots, std::int64_t threads, std::int64_t events, double duration, const std::string &publish)
{
    PipelineSpec spec;
    spec.name = "completions";
    spec.nodes = {
        {"source", "producer",
            {{"threads", threads}, {"events", events}, {"duration", duration}, {"channel", std::string("emit")},
                {"publish", publish}, {"completion_channel", std::string("done")}},
            {}},
        {"ring", "ring", {{"slots", ringSlots}}, {}}, {"work", "stage", {{"channel_filter", std::string("emit")}}, {}},
        {"finish", "stage", {{"channel_filter", std::string("done")}}, {}}};
    spec.connections
        = {{{"source", "out"}, {"ring", "in"}}, {{"ring", "out"}, {"work", "in"}}, {{"ring", "out"}, {"finish", "in"}}};
    return spec;
}

/// How one run ends its producer threads.
enum class Ending { Events, Duration, Stop };

struct Run {
    RunReport report;
    Emits emits;
    Completions completions;
};

void runOnce(Run &run, const PipelineSpec &spec, Ending ending)
{
    std::atomic<std::uint32_t> tags {0};
    Bindings<Tagged> bindings;
    bindings.fill("source", TaggingFill {&tags}).handler("work", run.emits).handler("finish", run.completions);
    BasicRuntime<Tagged> runtime(compiled(spec), std::move(bindings));
    runtime.start();
    if (ending == Ending::Stop) {
        std::this_thread::sleep_for(100ms);
    } else {
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        while (!runtime.producersFinished() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(2ms);
    }
    run.report = runtime.stop(30s);
}

/// Each thread sent one completion, after its last event, carrying the count that arrived.
QString completionProblem(const Run &run, std::int64_t threads)
{
    if (run.completions.perThread.size() != static_cast<std::size_t>(threads))
        return QStringLiteral("%1 threads sent completions, not %2").arg(run.completions.perThread.size()).arg(threads);
    std::uint64_t emitted = 0;
    for (const auto &[tag, completions] : run.completions.perThread) {
        if (completions.size() != 1)
            return QStringLiteral("thread %1 sent %2 completions").arg(tag).arg(completions.size());
        const auto found = run.emits.perThread.find(tag);
        const std::uint64_t arrived = found == run.emits.perThread.end() ? 0 : found->second.first;
        const std::int64_t last = found == run.emits.perThread.end() ? -1 : found->second.second;
        if (completions.front().first != arrived)
            return QStringLiteral("thread %1 said %2 events, %3 arrived")
                .arg(tag)
                .arg(completions.front().first)
                .arg(arrived);
        if (completions.front().second <= last)
            return QStringLiteral("thread %1's completion came before its last event").arg(tag);
        emitted += arrived;
    }
    if (run.report.nodes[0].figures.count != emitted + static_cast<std::uint64_t>(threads))
        return QStringLiteral("the producer counts %1 published, not %2 events and %3 completions")
            .arg(run.report.nodes[0].figures.count)
            .arg(emitted)
            .arg(threads);
    return {};
}

} // namespace

class TestCompletionEvents : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theCompletionPayloadCarriesThePublishedCount()
    {
        // One producer thread on its own ring, no consumer: the ringSlots say what it wrote.
        for (const std::uint32_t capacity : {16U, 4U}) {
            ProducerPlan plan;
            plan.id = "source";
            plan.eventsPerThread = 5;
            plan.payloadBytes = 3;
            plan.completionChannel = "done";
            PipelineRing<Tagged> ring(
                std::make_unique<core::SingleProducerSequencer>(16, core::makeWaitStrategy("blocking")));
            RingSide side({16, capacity, true, 0, true, 0});
            ProducerControl control;
            const std::atomic<double> rate {0};
            ProducerCounters counters;
            const core::ErrorHandler onError = [](const core::HandlerError &) { QFAIL("the producer failed"); };
            const ProducerThread<Tagged> thread {plan, ring, side, control, rate, counters, 0, 1U, 0, onError, nullptr};
            auto fill = [](Tagged &event, std::uint64_t count) { event = Tagged {7, count}; };
            runProducerThread(thread, fill);

            QCOMPARE(ring.sequencer().cursor(), std::int64_t {5});
            QCOMPARE(counters.published.load(), std::uint64_t {6});
            QVERIFY(counters.finished.load());
            for (std::int64_t sequence = 0; sequence < 5; ++sequence) {
                QCOMPARE(side.channel(sequence), 0U);
                QCOMPARE(side.payloadSize(sequence), 3U);
            }
            QCOMPARE(side.channel(5), 1U);
            QCOMPARE(side.payloadSize(5), std::min(capacity, 8U));
            std::uint64_t carried = 0;
            std::memcpy(&carried, side.payload(5), side.payloadSize(5));
            QCOMPARE(carried, std::uint64_t {5});
            QCOMPARE(ring[5].count, std::uint64_t {5});
        }
    }

    void everyThreadEndsWithOneCompletionUnderHammer()
    {
        std::mt19937_64 random(QRandomGenerator::global()->generate64());
        for (int round = 0; round < kProducerHammerRounds; ++round) {
            const auto ending = static_cast<Ending>(round % 3);
            const std::int64_t ringSlots = std::int64_t {1} << std::uniform_int_distribution<int>(2, 10)(random);
            const std::int64_t threads = std::uniform_int_distribution<std::int64_t>(3, 8)(random);
            const std::int64_t events
                = ending == Ending::Events ? std::uniform_int_distribution<std::int64_t>(0, 3000)(random) : 0;
            const double duration = ending == Ending::Duration ? 0.05 : 0;
            const std::string publish = round % 2 ? "try" : "block";
            Run run;
            runOnce(run, completionPipeline(ringSlots, threads, events, duration, publish), ending);
            const QString problem = completionProblem(run, threads);
            const QByteArray what = QStringLiteral("round %1 (%2 slots, %3 threads, %4 events, %5 s, %6): %7")
                                        .arg(round)
                                        .arg(ringSlots)
                                        .arg(threads)
                                        .arg(events)
                                        .arg(duration)
                                        .arg(QString::fromStdString(publish), problem)
                                        .toUtf8();
            QVERIFY2(run.report.ok, what);
            QVERIFY2(problem.isEmpty(), what);
            if (ending == Ending::Events && publish == "block")
                QVERIFY2(run.report.nodes[0].figures.count == static_cast<std::uint64_t>(threads * (events + 1)), what);
        }
    }

    void aBoundSourceEndsWithItsCompletionToo()
    {
        // A source publishes at its own pace; when it returns, its thread's completion follows.
        Run run;
        Bindings<Tagged> bindings;
        bindings
            .source("source",
                [](Publisher<Tagged> &publisher) {
                    for (std::uint64_t i = 0; i < 100; ++i)
                        publisher.publish([&](Tagged &event) {
                            event = Tagged {static_cast<std::uint32_t>(publisher.thread()) + 1, i};
                        });
                })
            .handler("work", run.emits)
            .handler("finish", run.completions);
        BasicRuntime<Tagged> runtime(compiled(completionPipeline(64, 4, 0, 0, "block")), std::move(bindings));
        runtime.start();
        QTRY_VERIFY_WITH_TIMEOUT(runtime.producersFinished(), 30000);
        run.report = runtime.stop(30s);
        QVERIFY(run.report.ok);
        QCOMPARE(run.report.nodes[0].figures.count, std::uint64_t {4 * 101});
        QCOMPARE(run.emits.perThread.size(), std::size_t {4});
        // Completion events of a source are default events: tag 0, which no emit carries.
        QCOMPARE(run.completions.perThread.size(), std::size_t {1});
        QCOMPARE(run.completions.perThread.at(0).size(), std::size_t {4});
    }

    void withoutAChannelNoCompletionIsSent()
    {
        PipelineSpec spec = completionPipeline(64, 3, 100, 0, "block");
        spec.nodes.front().params.erase("completion_channel");
        const Plan plan = compiled(spec);
        QVERIFY(plan.producers.front().completionChannel.empty());
        Run run;
        runOnce(run, spec, Ending::Events);
        QVERIFY(run.report.ok);
        QVERIFY(run.completions.perThread.empty());
        QCOMPARE(run.report.nodes[0].figures.count, std::uint64_t {300});
    }
};

QTEST_GUILESS_MAIN(TestCompletionEvents)
#include "test_completion_events.moc"
