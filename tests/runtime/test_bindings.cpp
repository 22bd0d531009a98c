// A designed pipeline run with the user's own event type and handlers bound by node id: the
// events arrive intact and in order where the design says, forwarding carries them into the next
// ring, worker pools share them, every binding that does not fit the design is refused before
// any thread starts, and the report's conservation check holds as for synthetic workloads.
#include "pipeline/basic_runtime.h"
#include "pipeline/compiler.h"
#include "pipeline/param_text.h"
#include "pipeline/pipeline_file.h"
#include "run_helpers.h"

#include <QtTest>

#include <atomic>
#include <filesystem>
#include <latch>
#include <limits>
#include <random>
#include <thread>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;
using namespace std::chrono_literals;

namespace {

#if defined(__SANITIZE_THREAD__)
constexpr int kHammerRounds = 8; // ThreadSanitizer runs 5-15x slower
#else
constexpr int kHammerRounds = 25;
#endif

/// The user's event: an order with an id, a price that a stage fills in, and a step count.
struct Order {
    std::uint64_t id = 0;
    std::uint64_t price = 0;
    int steps = 0;
};

PipelineSpec example(const std::string &name, std::int64_t events)
{
    const LoadResult loaded = loadPipelineFile(std::string(RINGFLOW_EXAMPLES_DIR) + "/" + name);
    if (!loaded.spec)
        qFatal("example %s does not load", name.c_str());
    PipelineSpec spec = *loaded.spec;
    makeBurst(spec, events);
    return spec;
}

/// Sees each event of one producer thread in order: ids 0, 1, 2...
struct InOrder {
    std::uint64_t next = 0;
    std::uint64_t outOfOrder = 0;
    void onEvent(const Order &order, std::int64_t, bool)
    {
        outOfOrder += order.id != next;
        next = order.id + 1;
    }
};

/// Prices each order (its id times two) and counts the step.
struct Pricer {
    std::uint64_t seen = 0;
    void onEvent(Order &order, std::int64_t, bool)
    {
        order.price = order.id * 2;
        ++order.steps;
        ++seen;
    }
};

/// A per-batch handler: counts batches and events.
struct BatchCounter {
    std::uint64_t batches = 0;
    std::uint64_t events = 0;
    void onBatch(const ringflow::core::EventBatch<Order> &batch, std::int64_t)
    {
        ++batches;
        events += batch.size();
    }
};

/// Checks what the upstream stages wrote into the events forwarded to its ring.
struct Checker {
    int expectedSteps = 1;
    std::uint64_t seen = 0;
    std::uint64_t wrong = 0;
    std::uint64_t idSum = 0;
    void onEvent(const Order &order, std::int64_t, bool)
    {
        ++seen;
        idSum += order.id;
        wrong += order.price != order.id * 2 || order.steps != expectedSteps;
    }
};

/// One worker of a pool: sums the ids it took.
struct Worker {
    std::uint64_t seen = 0;
    std::uint64_t idSum = 0;
    void onEvent(const Order &order, std::int64_t, bool)
    {
        ++seen;
        idSum += order.id;
    }
};

struct Throws {
    std::uint64_t seen = 0;
    void onEvent(const Order &order, std::int64_t, bool)
    {
        ++seen;
        if (order.id == 10)
            throw std::runtime_error("order 10 is malformed");
    }
};

void fillOrder(Order &order, std::uint64_t count)
{
    order = Order {count, 0, 0};
}

std::uint64_t sumBelow(std::uint64_t n)
{
    return n * (n - 1) / 2;
}

/// The threads this process has now (the entries of /proc/self/task).
long threadsOfThisProcess()
{
    const std::filesystem::directory_iterator tasks("/proc/self/task");
    return std::distance(begin(tasks), end(tasks));
}

/// producer -> ring -> first -> (second, forwarding) -> ring2 -> last, with the given parameters.
PipelineSpec forwardingChain(std::int64_t ringSlots, std::int64_t events, std::int64_t batch, std::int64_t threads)
{
    PipelineSpec spec;
    spec.name = "chain";
    spec.nodes = {{"source", "producer", {{"events", events}, {"batch", batch}, {"threads", threads}}, {}},
        {"in", "ring", {{"slots", ringSlots}}, {}}, {"first", "stage", {}, {}}, {"second", "stage", {}, {}},
        {"out", "ring", {{"slots", ringSlots}}, {}}, {"last", "stage", {}, {}}};
    spec.connections = {{{"source", "out"}, {"in", "in"}}, {{"in", "out"}, {"first", "in"}},
        {{"first", "out"}, {"second", "in"}}, {{"second", "forward"}, {"out", "in"}}, {{"out", "out"}, {"last", "in"}}};
    return spec;
}

/// Expects constructing the runtime to refuse `bindings`, with a problem containing `expected`.
template <typename Event>
void expectRefused(const PipelineSpec &spec, Bindings<Event> bindings, const std::string &expected)
{
    try {
        BasicRuntime<Event> runtime(compiled(spec), std::move(bindings));
        QFAIL(qPrintable(QString::fromStdString("accepted; expected a refusal with: " + expected)));
    } catch (const BindingError &error) {
        const std::string what = error.what();
        QVERIFY2(what.find(expected) != std::string::npos, qPrintable(QString::fromStdString(what)));
    }
}

/// After a run of forwardingChain() in which one of the source's fills threw "order feed lost": the
/// failure reported once, and `arrived` events (the failed claim's included) published, seen by
/// `last` and conserved.
void expectOneLostFeed(const RunReport &report, const Checker &last, std::uint64_t arrived)
{
    QCOMPARE(report.errorCount, std::uint64_t {1});
    QVERIFY(!report.errors.empty() && report.errors.front().find("order feed lost") != std::string::npos);
    QCOMPARE(nodeOf(report, "source").figures.count, arrived);
    QCOMPARE(last.seen, arrived);
    QVERIFY(nodeOf(report, "last").conserved);
}

} // namespace

class TestBindings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theChainedRingsExampleRunsTheUsersHandlers()
    {
        // journal and replication read every order; business-logic prices it after both and
        // forwards it into the output ring, where the publisher checks what arrived.
        const std::uint64_t events = 50'000;
        InOrder journal;
        BatchCounter replication;
        Pricer logic;
        Checker publisher;
        Bindings<Order> bindings;
        bindings.fill("receiver", fillOrder)
            .handler("journal", journal)
            .handler("replication", replication)
            .handler("business-logic", logic)
            .handler("publisher", publisher);
        BasicRuntime<Order> runtime(compiled(example("chained-rings.json", events)), std::move(bindings));
        const RunReport report = runToCompletion(runtime);

        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
        QCOMPARE(journal.next, events);
        QCOMPARE(journal.outOfOrder, std::uint64_t {0});
        QCOMPARE(replication.events, events);
        QVERIFY(replication.batches >= 1);
        QCOMPARE(logic.seen, events);
        QCOMPARE(publisher.seen, events);
        QCOMPARE(publisher.wrong, std::uint64_t {0});
        QCOMPARE(publisher.idSum, sumBelow(events));
        QCOMPARE(nodeOf(report, "business-logic").figures.forwarded, events);
        QCOMPARE(nodeOf(report, "publisher").figures.count, events);
        QVERIFY(nodeOf(report, "publisher").conserved);
    }

    void aSourcePublishesAtItsOwnPaceOnEveryThread()
    {
        PipelineSpec spec = forwardingChain(64, 0, 1, 3);
        std::atomic<int> threadsSeen {0};
        Pricer first, second;
        Checker last {.expectedSteps = 2}; // "first" and "second" both price each order
        Bindings<Order> bindings;
        // Each thread publishes ids thread, thread+3, ... below 3000, singly and in batches of 7.
        bindings
            .source("source",
                [&](Publisher<Order> &publisher) {
                    threadsSeen.fetch_or(1 << publisher.thread());
                    std::uint64_t id = publisher.thread();
                    while (id < 3000 && !publisher.stopping()) {
                        if (id % 2 == 0) {
                            publisher.publish([&](Order &order) { order = Order {id, 0, 0}; });
                            id += 3;
                        } else {
                            std::uint64_t next = id;
                            publisher.publishBatch(7, [&](Order &order, std::size_t) {
                                order = Order {next < 3000 ? next : 0, 0, 0};
                                next += 3;
                            });
                            id = next;
                        }
                    }
                })
            .handler("first", first)
            .handler("second", second)
            .handler("last", last);
        BasicRuntime<Order> runtime(compiled(spec), std::move(bindings));
        const RunReport report = runToCompletion(runtime);
        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
        QCOMPARE(threadsSeen.load(), 0b111);
        QCOMPARE(nodeOf(report, "source").figures.count, last.seen);
        QCOMPARE(first.seen, last.seen);
        QVERIFY(last.seen >= 3000);
        QCOMPARE(last.wrong, std::uint64_t {0});
    }

    void everyProducerThreadExistsBeforeAnyPublishes()
    {
        // The producers set off together once the last of them exists, so that creating threads is
        // start-up and not part of the window in which events flow: the first source to run already
        // shares the process with all its siblings. Released as created, the first would run while
        // the test's thread was still making the others.
        constexpr int kThreads = 48;
        PipelineSpec spec = forwardingChain(64, 0, 1, kThreads);
        std::atomic<long> fewestSeen {std::numeric_limits<long>::max()};
        std::latch allLooked(kThreads);
        Pricer first, second;
        Checker last {.expectedSteps = 2};
        Bindings<Order> bindings;
        bindings
            .source("source",
                [&](Publisher<Order> &publisher) {
                    const long seen = threadsOfThisProcess();
                    for (long fewest = fewestSeen.load();
                         seen < fewest && !fewestSeen.compare_exchange_weak(fewest, seen);) { }
                    // No source returns, ending its thread, before every one has looked.
                    allLooked.arrive_and_wait();
                    publisher.publish([&](Order &order) { order = Order {publisher.thread(), 0, 0}; });
                })
            .handler("first", first)
            .handler("second", second)
            .handler("last", last);
        BasicRuntime<Order> runtime(compiled(spec), std::move(bindings));
        const long before = threadsOfThisProcess();
        const RunReport report = runToCompletion(runtime);
        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
        QCOMPARE(last.seen, std::uint64_t {kThreads});
        QCOMPARE(last.idSum, sumBelow(kThreads));
        QVERIFY2(fewestSeen.load() >= before + kThreads,
            qPrintable(QString("a source ran beside %1 threads; the process had %2 before the run and starts %3 "
                               "producer threads")
                           .arg(fewestSeen.load())
                           .arg(before)
                           .arg(kThreads)));
    }

    void workersShareTheEventsEachExactlyOnce()
    {
        const std::uint64_t events = 40'000;
        PipelineSpec spec = example("worker-pool.json", static_cast<std::int64_t>(events));
        const Plan plan = compiled(spec);
        const ConsumerPlan *pool = nullptr;
        for (const ConsumerPlan &consumer : plan.consumers)
            if (consumer.sharesEvents)
                pool = &consumer;
        QVERIFY(pool);
        std::vector<Worker> workers(static_cast<std::size_t>(pool->threads));
        std::vector<Worker *> handlers;
        for (Worker &worker : workers)
            handlers.push_back(&worker);
        Bindings<Order> bindings;
        bindings.fill(plan.producers.front().id, fillOrder).workers(pool->id, handlers).keepSyntheticWorkloads();
        BasicRuntime<Order> runtime(plan, std::move(bindings));
        const RunReport report = runToCompletion(runtime);

        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
        std::uint64_t seen = 0, idSum = 0;
        for (const Worker &worker : workers) {
            seen += worker.seen;
            idSum += worker.idSum;
        }
        const auto published = nodeOf(report, plan.producers.front().id).figures.count;
        QCOMPARE(seen, published);
        QCOMPARE(idSum, sumBelow(events) * (published / events));
        QCOMPARE(nodeOf(report, pool->id).figures.count, published);
    }

    void anAggregateRunsItsHandlersInTurn()
    {
        PipelineSpec spec;
        spec.name = "aggregate";
        spec.nodes = {{"source", "producer", {{"events", std::int64_t {5000}}}, {}}, {"ring", "ring", {}, {}},
            {"both", "aggregate", {}, {}}};
        spec.connections = {{{"source", "out"}, {"ring", "in"}}, {{"ring", "out"}, {"both", "in"}}};
        Pricer pricer;
        Checker checker; // after the pricer on the same event: price set, one step
        Bindings<Order> bindings;
        bindings.fill("source", fillOrder).aggregate("both", pricer, checker);
        BasicRuntime<Order> runtime(compiled(spec), std::move(bindings));
        const RunReport report = runToCompletion(runtime);
        QVERIFY(report.ok);
        QCOMPARE(pricer.seen, std::uint64_t {5000});
        QCOMPARE(checker.seen, std::uint64_t {5000});
        QCOMPARE(checker.wrong, std::uint64_t {0});
    }

    void unboundNodesKeepTheirDesignedWorkloadsWhenAsked()
    {
        Checker last;
        Bindings<Order> bindings;
        bindings.handler("last", last).keepSyntheticWorkloads();
        BasicRuntime<Order> runtime(compiled(forwardingChain(128, 2000, 16, 1)), std::move(bindings));
        const RunReport report = runToCompletion(runtime);
        QVERIFY(report.ok);
        QCOMPARE(last.seen, std::uint64_t {2000});
        QCOMPARE(nodeOf(report, "first").figures.count, std::uint64_t {2000});
    }

    void bindingsThatDoNotFitTheDesignAreRefusedBeforeAnythingStarts()
    {
        const PipelineSpec chain = forwardingChain(64, 10, 1, 1);
        Pricer pricer;
        BatchCounter batch;
        Worker worker;
        auto complete = [&] {
            Bindings<Order> bindings;
            bindings.fill("source", fillOrder).handler("first", pricer).handler("second", pricer);
            return bindings;
        };
        expectRefused(chain, complete(), "consumer 'last' is not bound");
        expectRefused(
            chain, complete().handler("last", pricer).handler("first", pricer), "'first' is bound more than once");
        expectRefused(chain, complete().handler("last", pricer).handler("nobody", pricer), "no node 'nobody'");
        expectRefused(chain, complete().handler("last", pricer).handler("in", pricer), "'in' is a ring");
        expectRefused(
            chain, complete().handler("last", pricer).fill("source", fillOrder), "'source' is bound more than once");
        expectRefused(chain, Bindings<Order>().handler("source", pricer).keepSyntheticWorkloads(),
            "producer 'source' takes fill() or source()");
        expectRefused(
            chain, Bindings<Order>().fill("last", fillOrder).keepSyntheticWorkloads(), "stage 'last' is a consumer");
        expectRefused(chain,
            Bindings<Order>().workers("last", std::vector<Worker *> {&worker}).keepSyntheticWorkloads(),
            "stage 'last' is not a worker pool");

        const PipelineSpec pool = example("worker-pool.json", 10);
        const Plan plan = compiled(pool);
        std::string poolId;
        for (const ConsumerPlan &consumer : plan.consumers)
            if (consumer.sharesEvents)
                poolId = consumer.id;
        expectRefused(pool, Bindings<Order>().handler(poolId, worker).keepSyntheticWorkloads(),
            "'" + poolId + "' is a worker pool");
        expectRefused(pool, Bindings<Order>().workers(poolId, std::vector<Worker *> {&worker}).keepSyntheticWorkloads(),
            "but 1 handlers were bound");

        PipelineSpec filtered = forwardingChain(64, 10, 1, 1);
        filtered.nodes[2].params["channel_filter"] = std::string("orders");
        expectRefused(filtered, Bindings<Order>().handler("first", batch).keepSyntheticWorkloads(),
            "filters channels, and a per-batch handler sees every event");
    }

    void aFailingHandlerFollowsItsExceptionPolicy()
    {
        for (const std::string policy : {"halt", "continue"}) {
            PipelineSpec spec = forwardingChain(64, 1000, 1, 1);
            spec.nodes[2].params["exception_policy"] = policy;
            Throws first;
            Checker last;
            Bindings<Order> bindings;
            bindings.fill("source", fillOrder).handler("first", first).keepSyntheticWorkloads().handler("last", last);
            BasicRuntime<Order> runtime(compiled(spec), std::move(bindings));
            const RunReport report = runToCompletion(runtime);
            QCOMPARE(report.errorCount, std::uint64_t {1});
            QVERIFY(!report.errors.empty() && report.errors.front().find("order 10 is malformed") != std::string::npos);
            if (policy == "halt") {
                QVERIFY(!report.ok);
                QVERIFY(first.seen <= 11);
                bool named = false;
                for (const std::string &problem : report.problems)
                    named = named || problem.find("first") != std::string::npos;
                QVERIFY(named);
            } else {
                QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
                QCOMPARE(first.seen, std::uint64_t {1000});
                QCOMPARE(last.seen, std::uint64_t {1000});
                // "first" filters and forwards nothing (the per-batch-count wrapper): the event it
                // threw on was processed, not handled.
                QCOMPARE(nodeOf(report, "first").figures.count, std::uint64_t {1000});
                QCOMPARE(nodeOf(report, "first").figures.handled, std::uint64_t {999});
            }
        }
    }

    void aFillThatThrowsStillPublishesWhatItClaimed()
    {
        // Two threads publish into one ring. Thread 0's fill throws in its third batch of 4: that
        // claim is published as it stands (the consumers would otherwise wait behind it, thread 1's
        // later events included), the failure is reported and thread 1's 500 events all arrive.
        PipelineSpec spec = forwardingChain(64, 0, 1, 2);
        Checker last {.expectedSteps = 0};
        Bindings<Order> bindings;
        bindings
            .source("source",
                [](Publisher<Order> &publisher) {
                    const std::uint64_t batches = publisher.thread() == 0 ? 3 : 125;
                    for (std::uint64_t b = 0; b < batches; ++b) {
                        publisher.publishBatch(4, [&](Order &order, std::size_t i) {
                            if (publisher.thread() == 0 && b == 2 && i == 1)
                                throw std::runtime_error("order feed lost");
                            order = Order {b * 4 + i, 0, 0};
                        });
                    }
                })
            .keepSyntheticWorkloads()
            .handler("last", last);
        BasicRuntime<Order> runtime(compiled(spec), std::move(bindings));
        expectOneLostFeed(runToCompletion(runtime), last, 12 + 500);
    }

    void aFillThatThrowsAfterThousandsOfSinglesStillPublishesItsClaim()
    {
        // One thread publishing single events as fast as it can (the producer's run of singles):
        // the fill throws on the event numbered 4321; that claim is published as it stands, every
        // event before it arrives, and the count says so.
        for (const std::int64_t payload : {std::int64_t {0}, std::int64_t {64}}) {
            PipelineSpec spec = forwardingChain(64, 10'000, 1, 1);
            spec.nodes.front().params["payload"] = payload;
            Checker last {.expectedSteps = 0};
            Bindings<Order> bindings;
            bindings
                .fill("source",
                    [](Order &order, std::uint64_t count) {
                        if (count == 4321)
                            throw std::runtime_error("order feed lost");
                        order = Order {count, 0, 0};
                    })
                .keepSyntheticWorkloads()
                .handler("last", last);
            BasicRuntime<Order> runtime(compiled(spec), std::move(bindings));
            expectOneLostFeed(runToCompletion(runtime), last, 4322);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void aSourceThatRunsForeverStopsWhenTheRunStops()
    {
        Bindings<Order> bindings;
        bindings
            .source("source",
                [](Publisher<Order> &publisher) {
                    std::uint64_t id = 0;
                    while (publisher.publish([&](Order &order) { order = Order {id++, 0, 0}; })) { }
                })
            .keepSyntheticWorkloads();
        BasicRuntime<Order> runtime(compiled(forwardingChain(32, 0, 1, 2)), std::move(bindings));
        runtime.start();
        std::this_thread::sleep_for(50ms);
        runtime.pause();
        std::this_thread::sleep_for(20ms);
        runtime.resume();
        const auto before = std::chrono::steady_clock::now();
        const RunReport report = runtime.stop(5s);
        QVERIFY(std::chrono::steady_clock::now() - before < 5s);
        QVERIFY2(report.ok, report.problems.empty() ? "" : report.problems.front().c_str());
        QVERIFY(report.totalEvents > 0);
        QCOMPARE(nodeOf(report, "last").figures.count, report.totalEvents);
    }

    void aHandlerThatDoesNotReturnIsNamedAndStopStillReturns()
    {
        // A handler stuck on its first event until the test lets it go: stop() gives it the grace
        // period after the drain timeout, then returns naming the stage; the destructor joins it
        // once it returns.
        struct Stuck {
            std::atomic<bool> &release;
            std::atomic<bool> entered {false};
            void onEvent(const Order &, std::int64_t, bool)
            {
                entered = true;
                while (!release.load())
                    std::this_thread::sleep_for(1ms);
            }
        };
        std::atomic<bool> release {false};
        Stuck stuck {release};
        Bindings<Order> bindings;
        bindings.fill("source", fillOrder).handler("first", stuck).keepSyntheticWorkloads();
        BasicRuntime<Order> runtime(compiled(forwardingChain(16, 0, 1, 1)), std::move(bindings));
        runtime.start();
        // In the handler, not only published: on a loaded machine the stage's thread may start late,
        // and a stop that comes first halts it before its first event.
        QTRY_VERIFY(stuck.entered.load());
        const auto before = std::chrono::steady_clock::now();
        const RunReport report = runtime.stop(100ms);
        const auto took = std::chrono::steady_clock::now() - before;
        QVERIFY2(took < 100ms + kStuckHandlerGrace + 2s, qPrintable(QString::number(took.count())));
        QVERIFY(took >= kStuckHandlerGrace);
        QVERIFY(!report.ok);
        bool named = false;
        for (const std::string &problem : report.problems)
            named = named || problem.find("stage 'first' did not return from its handler") != std::string::npos;
        QVERIFY2(named, report.problems.empty() ? "" : report.problems.front().c_str());
        release = true;
    }

    void randomSizesHammer()
    {
        // Random ring sizes, batches, producer threads and event counts: every event reaches the
        // end of the chain once, with what the first stages wrote.
        std::mt19937_64 random(20261203);
        for (int round = 0; round < kHammerRounds; ++round) {
            const auto ringSlots = std::int64_t {1} << std::uniform_int_distribution<int>(1, 9)(random);
            const auto events = std::uniform_int_distribution<std::int64_t>(1, 2000)(random);
            const auto batch
                = std::uniform_int_distribution<std::int64_t>(1, std::min<std::int64_t>(64, ringSlots))(random);
            const auto threads = std::uniform_int_distribution<std::int64_t>(1, 4)(random);
            Pricer first;
            Worker second;
            Checker last;
            Bindings<Order> bindings;
            bindings.fill("source", fillOrder).handler("first", first).handler("second", second).handler("last", last);
            BasicRuntime<Order> runtime(
                compiled(forwardingChain(ringSlots, events, batch, threads)), std::move(bindings));
            const RunReport report = runToCompletion(runtime);
            const auto total = static_cast<std::uint64_t>(events * threads);
            const QString where = QString("round %1: %2 slots, %3 events x %4 threads, batch %5")
                                      .arg(round)
                                      .arg(ringSlots)
                                      .arg(events)
                                      .arg(threads)
                                      .arg(batch);
            QVERIFY2(report.ok, qPrintable(where));
            QVERIFY2(last.seen == total && last.wrong == 0, qPrintable(where));
            QVERIFY2(last.idSum == sumBelow(static_cast<std::uint64_t>(events)) * static_cast<std::uint64_t>(threads),
                qPrintable(where));
        }
    }
};

QTEST_APPLESS_MAIN(TestBindings)
#include "test_bindings.moc"
