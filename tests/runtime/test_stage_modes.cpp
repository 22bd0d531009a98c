// The stage's ways of running, through the pipeline runtime under load: async handling (batches
// as tasks on the ring's pool) and polled consumption (an EventPoller and the run's poll loop) see
// every event once and in order, and the stage after them never passes them, with every wait
// strategy, random ring sizes and more threads than cores; a rewound batch comes again whole and
// no event is skipped, the rewinds counted in the report; halt-stage stops only its stage while
// halt stops the ring; and a stop always returns.
#include "../engine/test_support.h"

#include "pipeline/basic_runtime.h"
#include "pipeline/compiler.h"
#include "pipeline/run_report.h"
#include "pipeline/runtime.h"
#include "run_helpers.h"

#include <QtTest>

#include <pthread.h>

#include <map>
#include <random>

using namespace ringflow;
using namespace ringflow::pipeline;
using ringflow::pipeline::testing::compiled;
using ringflow::pipeline::testing::nodeOf;
using namespace std::chrono_literals;

namespace {

/// The user's event: the producer thread's running count.
struct Order {
    std::uint64_t id = 0;
};

using Params = std::map<std::string, ParamValue>;

/// producer -> ring -> under -> after, and a `steady` stage beside `under` when asked.
PipelineSpec chain(Params producer, Params ring, Params under, bool withSteady = false, Params steady = {})
{
    PipelineSpec spec;
    spec.name = "modes";
    spec.nodes = {{"producer", "producer", std::move(producer), {}}, {"ring", "ring", std::move(ring), {}},
        {"under", "stage", std::move(under), {}}, {"after", "stage", {}, {}}};
    spec.connections = {
        {{"producer", "out"}, {"ring", "in"}}, {{"ring", "out"}, {"under", "in"}}, {{"under", "out"}, {"after", "in"}}};
    if (withSteady) {
        spec.nodes.push_back({"steady", "stage", std::move(steady), {}});
        spec.connections.push_back({{"ring", "out"}, {"steady", "in"}});
    }
    return spec;
}

/// How `mode` ("event", "batch", "async", "async-task", "poll") sets the stage under test.
Params modeParams(const QString &mode)
{
    if (mode == QLatin1String("poll"))
        return {{"consume", std::string("poll")}};
    if (mode.startsWith(QLatin1String("async")))
        return {{"handling", std::string("async")}};
    return {{"handling", mode.toStdString()}};
}

/// Generous: more threads than cores, and ThreadSanitizer's slowness.
RunReport runToCompletion(RuntimeCore &runtime)
{
    return testing::runToCompletion(runtime, test::kThreadSanitizer ? 120s : 40s, 20s);
}

std::uint64_t countOf(const RuntimeCore &runtime, const std::string &id)
{
    return runtime.sample().nodes[*runtime.plan().nodeIndex(id)].count;
}

/// The stage under test: ids 0, 1, 2... once each and in order; says how far it got.
struct Marking {
    std::atomic<std::int64_t> handledUpTo {-1};
    std::uint64_t next = 0;
    std::uint64_t outOfOrder = 0;
    std::uint64_t seen = 0;
    std::string thread; ///< the name of the thread of its first event
    void onEvent(const Order &order, std::int64_t, bool)
    {
        if (seen == 0) {
            char name[16] {};
            pthread_getname_np(pthread_self(), name, sizeof(name));
            thread = name;
        }
        outOfOrder += order.id != next;
        next = order.id + 1;
        ++seen;
        // Release: the stage after reads it with acquire to check it was not passed.
        handledUpTo.store(static_cast<std::int64_t>(order.id), std::memory_order_release);
    }
};

/// The same as an async batch handler whose task hops to a thread of its own half way through
/// every 8th batch: the stage's sequence must wait for the whole task.
struct AsyncMarking {
    Marking marks;
    int batches = 0;
    core::BatchTask onBatch(const core::EventBatch<Order> &batch, std::int64_t first)
    {
        const std::size_t half = batch.size() / 2;
        for (std::size_t i = 0; i < half; ++i)
            marks.onEvent(batch[i], first + static_cast<std::int64_t>(i), false);
        if (++batches % 8 == 0)
            co_await Hop {};
        for (std::size_t i = half; i < batch.size(); ++i)
            marks.onEvent(batch[i], first + static_cast<std::int64_t>(i), i + 1 == batch.size());
    }

    /// Resumes the task on a new thread, after a moment.
    struct Hop {
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> task)
        {
            std::thread([task] {
                std::this_thread::sleep_for(20us);
                task.resume();
            }).detach();
        }
        void await_resume() const noexcept { }
    };
};

/// After the stage under test: never sees an event it has not handled; sees them all in order.
struct Follower {
    const Marking *ahead = nullptr;
    std::uint64_t passed = 0;
    std::uint64_t next = 0;
    std::uint64_t outOfOrder = 0;
    void onEvent(const Order &order, std::int64_t, bool)
    {
        passed += ahead->handledUpTo.load(std::memory_order_acquire) < static_cast<std::int64_t>(order.id);
        outOfOrder += order.id != next;
        next = order.id + 1;
    }
};

/// Throws a RewindableException on a few events, twice each at most, and checks each delivery:
/// after a throw, the batch starts again where the stage re-delivers from (its first event, or a
/// polled stage's failing one), and otherwise events come one after the other.
struct Flaky {
    bool fromFailure = false; ///< a polled stage re-delivers from the failing event
    std::int64_t expected = 0;
    std::int64_t batchFirst = 0;
    bool batchEnded = true;
    std::uint64_t throws = 0;
    std::uint64_t wrongStarts = 0;
    std::uint64_t wrongSizes = 0;
    std::map<std::int64_t, int> thrownAt;
    std::size_t rewoundSize = 0; ///< per-batch handlers: the size of the batch that must come again

    bool shouldThrow(std::int64_t sequence) { return sequence % 29 == 7 && thrownAt[sequence]++ < 2; }

    void onEvent(const Order &, std::int64_t sequence, bool endOfBatch)
    {
        wrongStarts += sequence != expected;
        if (batchEnded)
            batchFirst = sequence;
        batchEnded = endOfBatch;
        expected = sequence + 1;
        if (shouldThrow(sequence)) {
            ++throws;
            expected = fromFailure ? sequence : batchFirst;
            batchEnded = true;
            throw core::RewindableException("flaky " + std::to_string(sequence));
        }
    }

    void onBatch(const core::EventBatch<Order> &batch, std::int64_t first)
    {
        wrongStarts += first != expected;
        wrongSizes += rewoundSize != 0 && batch.size() != rewoundSize;
        rewoundSize = 0;
        const auto last = first + static_cast<std::int64_t>(batch.size()) - 1;
        expected = last + 1;
        for (std::int64_t sequence = first; sequence <= last; ++sequence) {
            if (shouldThrow(sequence)) {
                ++throws;
                expected = first;
                rewoundSize = batch.size();
                throw core::RewindableException("flaky batch at " + std::to_string(first));
            }
        }
    }
};

/// Flaky's per-batch face only, for batch and async stages.
struct FlakyBatches {
    Flaky flaky;
    void onBatch(const core::EventBatch<Order> &batch, std::int64_t first) { flaky.onBatch(batch, first); }
};

/// Flaky's per-event face only, for thread and polled stages.
struct FlakyEvents {
    Flaky flaky;
    void onEvent(const Order &order, std::int64_t sequence, bool end) { flaky.onEvent(order, sequence, end); }
};

Bindings<Order> withProducer(Bindings<Order> bindings)
{
    bindings.fill("producer", [](Order &order, std::uint64_t count) { order.id = count; });
    return bindings;
}

/// Columns "mode" and "strategy": each mode with every wait strategy.
void addModeAndStrategyRows(std::initializer_list<const char *> modes)
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("strategy");
    for (const char *mode : modes)
        for (const std::string_view strategy : core::kWaitStrategyNames)
            QTest::addRow("%s/%s", mode, std::string(strategy).c_str())
                << QString::fromLatin1(mode) << QString::fromLatin1(strategy.data(), qsizetype(strategy.size()));
}

} // namespace

class TestStageModes : public QObject {
    Q_OBJECT

private slots:
    // What each parameter compiles to, and what the plan says in words; a stage without them (every
    // file written before them) compiles as it did.
    void thePlanSaysHowEachStageRuns()
    {
        PipelineSpec spec = chain({}, {}, {}, true, {});
        const ConsumerPlan before = *compiled(spec).findConsumer("under");
        QVERIFY(!before.async && !before.polled && !before.batchHandling);
        QCOMPARE(before.rewindRetries, std::int64_t {0});
        QCOMPARE(before.policy, core::ExceptionPolicy::Halt);
        QVERIFY(!before.workload.failRewinds);

        spec.nodes[2].params = {{"handling", std::string("async")}, {"async_threads", std::int64_t {2}},
            {"workload", std::string("fail")}, {"rewind_retries", std::int64_t {3}},
            {"rewind_backoff", std::int64_t {100}}, {"exception_policy", std::string("halt-stage")}};
        spec.nodes[4].params = {{"consume", std::string("poll")}, {"exception_policy", std::string("continue")}};
        const Plan plan = compiled(spec);
        const ConsumerPlan &under = *plan.findConsumer("under");
        QVERIFY(under.async && under.batchHandling && !under.polled);
        QCOMPARE(under.asyncThreads, 2);
        QCOMPARE(under.rewindRetries, std::int64_t {3});
        QCOMPARE(under.rewindBackOffUs, std::int64_t {100});
        QCOMPARE(under.policy, core::ExceptionPolicy::HaltStage);
        QVERIFY(under.workload.failRewinds);
        QVERIFY(plan.findConsumer("steady")->polled);
        QCOMPARE(plan.threadCount(), 1 + 2 + 1 + 1); // producer, async pool, after, poll loop
        const std::string text = plan.describe();
        for (const char *words : {"async: batches as tasks on the ring's async pool (+2 threads)",
                 "rewinds a failed batch up to 3 times (100 µs apart), halts only itself on error",
                 "event poller, polled by a loop on 1 thread", "continues on error", "halts its ring on error"})
            QVERIFY2(text.find(words) != std::string::npos, text.c_str());
    }

    void everyEventOnceInOrderAndNeverPassed_data() { addModeAndStrategyRows({"poll", "async", "async-task"}); }
    void everyEventOnceInOrderAndNeverPassed()
    {
        QFETCH(QString, mode);
        QFETCH(QString, strategy);
        std::mt19937_64 random(test::sizeSeed() + qHash(mode));
        const test::CpuContention contention(4);
        for (const std::int64_t size : test::bufferSizes()) {
            const std::int64_t events = test::handOffEvents(strategy, size, 200, 2000);
            Params under = modeParams(mode);
            if (mode.startsWith(QLatin1String("async"))) {
                under["async_threads"] = std::int64_t(1 + random() % 3);
                under["max_batch"] = std::int64_t(random() % 9);
            }
            const Plan plan = compiled(chain({{"events", events}, {"batch", std::int64_t(1 + random() % size)}},
                {{"slots", size}, {"wait_strategy", strategy.toStdString()}}, under));
            Marking marking;
            AsyncMarking asyncMarking;
            Marking &marks = mode == QLatin1String("async-task") ? asyncMarking.marks : marking;
            Follower follower {&marks};
            Bindings<Order> bindings = withProducer({});
            if (mode == QLatin1String("async-task"))
                bindings.handler("under", asyncMarking);
            else
                bindings.handler("under", marking);
            bindings.handler("after", follower);
            BasicRuntime<Order> runtime(plan, bindings);
            const RunReport report = runToCompletion(runtime);
            const std::string row = "slots " + std::to_string(size);
            QVERIFY2(report.ok, row.c_str());
            QCOMPARE(marks.seen, std::uint64_t(events));
            QCOMPARE(marks.outOfOrder, std::uint64_t {0});
            QCOMPARE(marks.next, std::uint64_t(events));
            QCOMPARE(follower.passed, std::uint64_t {0});
            QCOMPARE(follower.outOfOrder, std::uint64_t {0});
            QCOMPARE(follower.next, std::uint64_t(events));
            QCOMPARE(nodeOf(report, "under").figures.count, std::uint64_t(events));
            // An async stage's handler runs on the ring's async pool; a polled one on its loop's thread.
            const bool onPool = marks.thread.starts_with("async.");
            QVERIFY2(mode == QLatin1String("poll") ? marks.thread == "under" : onPool, marks.thread.c_str());
        }
    }

    void aRewoundBatchComesAgainWhole_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("strategy");
        for (const char *mode : {"event", "batch", "async", "poll"})
            for (const char *strategy : {"blocking", "phased-backoff", "yielding"})
                QTest::addRow("%s/%s", mode, strategy) << QString::fromLatin1(mode) << QString::fromLatin1(strategy);
    }
    void aRewoundBatchComesAgainWhole()
    {
        QFETCH(QString, mode);
        QFETCH(QString, strategy);
        const test::CpuContention contention(3);
        for (const std::int64_t size : test::bufferSizes()) {
            const std::int64_t events = test::handOffEvents(strategy, size, 200, 1500);
            Params under = modeParams(mode);
            // Flaky throws on each of a batch's unlucky events twice: a large batch needs many rewinds.
            under["rewind_retries"] = std::int64_t {1000};
            under["rewind_backoff"] = std::int64_t {mode == QLatin1String("poll") ? 10 : 0};
            const Plan plan = compiled(chain({{"events", events}, {"batch", std::int64_t {1}}},
                {{"slots", size}, {"wait_strategy", strategy.toStdString()}}, under));
            FlakyBatches batches;
            FlakyEvents perEvent;
            const bool perBatch = mode == QLatin1String("batch") || mode == QLatin1String("async");
            Flaky &flaky = perBatch ? batches.flaky : perEvent.flaky;
            flaky.fromFailure = mode == QLatin1String("poll");
            Bindings<Order> bindings = withProducer({});
            if (perBatch)
                bindings.handler("under", batches);
            else
                bindings.handler("under", perEvent);
            bindings.keepSyntheticWorkloads();
            BasicRuntime<Order> runtime(plan, bindings);
            const RunReport report = runToCompletion(runtime);
            const std::string row = "slots " + std::to_string(size);
            QVERIFY2(report.ok, row.c_str());
            QCOMPARE(flaky.wrongStarts, std::uint64_t {0});
            QCOMPARE(flaky.wrongSizes, std::uint64_t {0});
            QCOMPARE(flaky.expected, events);
            QVERIFY(flaky.throws > 0);
            QCOMPARE(nodeOf(report, "under").figures.rewinds, flaky.throws);
            QCOMPARE(nodeOf(report, "under").figures.errors, std::uint64_t {0});
            QCOMPARE(nodeOf(report, "under").figures.count, std::uint64_t(events));
            QCOMPARE(nodeOf(report, "after").figures.count, std::uint64_t(events));
        }
    }

    // The synthetic fail workload asks for rewinds once retries are set; when they run out the
    // exception policy applies (continue: counted as an error, the run goes on).
    void retriesRunOutIntoTheExceptionPolicy_data() { test::addTextRows("mode", {"event", "batch", "async", "poll"}); }
    void retriesRunOutIntoTheExceptionPolicy()
    {
        QFETCH(QString, mode);
        const std::int64_t events = test::scaled(4000);
        Params under = modeParams(mode);
        under["workload"] = std::string("fail");
        under["fail_probability"] = 0.3;
        under["rewind_retries"] = std::int64_t {1};
        under["exception_policy"] = std::string("continue");
        Runtime runtime(compiled(chain({{"events", events}}, {{"slots", std::int64_t {64}}}, under)));
        const RunReport report = runToCompletion(runtime);
        const NodeFigures &figures = nodeOf(report, "under").figures;
        QVERIFY2(figures.rewinds > 0, "the fail workload never asked for a rewind");
        QVERIFY2(figures.errors > 0, "no batch ran out of retries");
        QCOMPARE(figures.count, std::uint64_t(events));
        QCOMPARE(nodeOf(report, "after").figures.count, std::uint64_t(events));
        QVERIFY(toJson(report).find("\"rewinds\"") != std::string::npos);
        QVERIFY(toTable(report).find("rewinds") != std::string::npos);
    }

    void haltStageStopsOnlyItsStage_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("policy");
        for (const char *mode : {"event", "batch", "async", "poll"})
            for (const char *policy : {"halt-stage", "halt"})
                QTest::addRow("%s/%s", mode, policy) << QString::fromLatin1(mode) << QString::fromLatin1(policy);
    }
    void haltStageStopsOnlyItsStage()
    {
        QFETCH(QString, mode);
        QFETCH(QString, policy);
        constexpr std::int64_t kEvents = 400;
        Params under = modeParams(mode);
        under["workload"] = std::string("fail");
        under["fail_probability"] = 1.0;
        under["exception_policy"] = policy.toStdString();
        // 100 µs a event: the steady stage is still busy when the failure halts the ring.
        const Plan plan = compiled(chain({{"events", kEvents}}, {{"slots", std::int64_t {1024}}}, under, true,
            {{"workload", std::string("sleep")}, {"sleep", std::int64_t {100}}}));
        Runtime runtime(plan);
        runtime.start();
        QVERIFY(test::eventually([&] { return runtime.hasFailed(); }, 10s));
        if (policy == QLatin1String("halt-stage")) {
            QVERIFY2(test::eventually([&] { return countOf(runtime, "steady") == kEvents; }, 20s),
                "the stage beside the halted one stopped too");
        } else {
            std::this_thread::sleep_for(200ms);
            QVERIFY2(countOf(runtime, "steady") < kEvents, "halt did not stop the ring's other stages");
        }
        const auto before = std::chrono::steady_clock::now();
        const RunReport report = runtime.stop(2s);
        QVERIFY(std::chrono::steady_clock::now() - before < 2s + kStuckHandlerGrace + 2s);
        QCOMPARE(nodeOf(report, "after").figures.count, std::uint64_t {0}); // never passed the failed stage
        QVERIFY(!report.ok);
        const std::string problems = [&] {
            std::string text;
            for (const std::string &problem : report.problems)
                text += problem + "\n";
            return text;
        }();
        QVERIFY2(problems.find("under") != std::string::npos, problems.c_str());
        QVERIFY2(problems.find("steady") == std::string::npos || policy == QLatin1String("halt"), problems.c_str());
    }

    // Stop and halt return while a polled stage idles, an async stage sleeps in its task, or the
    // producers publish without end.
    void aStopAlwaysReturns_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("halt");
        for (const char *mode : {"poll", "async"}) {
            QTest::addRow("%s/stop", mode) << QString::fromLatin1(mode) << false;
            QTest::addRow("%s/halt", mode) << QString::fromLatin1(mode) << true;
        }
    }
    void aStopAlwaysReturns()
    {
        QFETCH(QString, mode);
        QFETCH(bool, halt);
        for (const char *wait : {"blocking", "busy-spin", "timeout-blocking"}) {
            Params under = modeParams(mode);
            under["workload"] = std::string("sleep");
            under["sleep"] = std::int64_t {2000};
            // Unbounded and paced: the polled stage waits for events most of the time.
            const Plan plan = compiled(chain({{"events", std::int64_t {0}}, {"rate", 2000.0}},
                {{"slots", std::int64_t {16}}, {"wait_strategy", std::string(wait)}}, under));
            Runtime runtime(plan);
            runtime.start();
            std::this_thread::sleep_for(50ms);
            const auto before = std::chrono::steady_clock::now();
            const RunReport report = halt ? runtime.halt() : runtime.stop(300ms);
            const auto took = std::chrono::steady_clock::now() - before;
            QVERIFY2(took < 300ms + kStuckHandlerGrace, wait);
            QVERIFY2(report.nodes.size() == 3, wait);
            QCOMPARE(runtime.state(), RunState::Finished);
        }
    }
};

QTEST_GUILESS_MAIN(TestStageModes)
#include "test_stage_modes.moc"
