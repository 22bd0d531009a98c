#include "../engine/test_support.h"
#include "watchdog.h"

#include <dispatch/dispatcher.h>

#include <QTest>

#include <atomic>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace ringflow::dispatch;
using ringflow::core::ExceptionPolicy;
using ringflow::core::Halted;
using ringflow::test::eventually;
using ringflow::test::SharedLog;
using testing::Watchdog;

Q_DECLARE_METATYPE(ringflow::dispatch::ConsumerLayout)

namespace {

using Index = std::uint64_t;

#if defined(__SANITIZE_THREAD__)
constexpr int kRounds = 5; // ThreadSanitizer runs 5-15x slower
#else
constexpr int kRounds = 30;
#endif
using IndexDispatcher = Dispatcher<Index>;

/// A body that emits on `channel` until it is asked to stop.
IndexDispatcher::ProducerType::Body emitUntilStopped(std::string channel)
{
    return [channel = ChannelName(channel)](Emitter<Index> &out) {
        for (Index i = 0; !out.stopRequested(); ++i)
            out.emit(channel, i);
    };
}

/// An error callback that records every error in `log`.
ErrorCallback recordIn(SharedLog<DispatchError> &log)
{
    return [&log](const DispatchError &error) { log.append(error); };
}

void addLayoutRows()
{
    QTest::addColumn<ConsumerLayout>("layout");
    QTest::newRow("shared stage") << ConsumerLayout::SharedStage;
    QTest::newRow("stage per route") << ConsumerLayout::StagePerRoute;
}

} // namespace

class DispatcherLifecycleTest : public QObject {
    Q_OBJECT

private slots:
    void joinWaitsForEveryProducerAndEveryRoute()
    {
        const Watchdog watchdog("joinWaitsForEveryProducerAndEveryRoute");
        IndexDispatcher dispatcher({.bufferSize = 64, .layout = ConsumerLayout::StagePerRoute});
        std::atomic<int> slowSeen {0};
        int fastSeen = 0;
        dispatcher.route("work", [&](const Event<Index> &) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            slowSeen.fetch_add(1, std::memory_order_relaxed);
        });
        dispatcher.route("work", [&](const Event<Index> &) { ++fastSeen; });
        for (int p = 0; p < 4; ++p) {
            dispatcher.addProducer("p", [](Emitter<Index> &out) {
                for (Index i = 0; i < 250; ++i)
                    out.emit("work", i);
            });
        }
        dispatcher.start();
        QVERIFY(dispatcher.join());
        QCOMPARE(slowSeen.load(), 1000);
        QCOMPARE(fastSeen, 1000);
        for (std::size_t p = 0; p < dispatcher.producerCount(); ++p)
            QVERIFY(!dispatcher.producer(static_cast<ProducerId>(p)).isRunning());
        const DispatcherMetrics metrics = dispatcher.metrics();
        QCOMPARE(metrics.processed, Index {1000});
        QCOMPARE(metrics.total, Index {1000});
    }

    void metricsAddUp()
    {
        const Watchdog watchdog("metricsAddUp");
        IndexDispatcher dispatcher({.bufferSize = 128});
        dispatcher.route("a", [](const Event<Index> &) {});
        const std::vector<Index> perProducer = {500, 1000, 1500, 2000, 2500};
        for (const Index count : perProducer) {
            dispatcher.addProducer("p" + std::to_string(count), [count](Emitter<Index> &out) {
                for (Index i = 0; i < count; ++i)
                    out.emit("a", i);
            });
        }
        dispatcher.start();
        for (int i = 0; i < 50; ++i) {
            const DispatcherMetrics sample = dispatcher.metrics();
            QVERIFY2(sample.processed <= sample.total, "a snapshot saw more processed than emitted");
        }
        QVERIFY(dispatcher.join());
        dispatcher.emit("a", Index {0});
        dispatcher.emit("unrouted", Index {0});
        QVERIFY(dispatcher.join());

        const DispatcherMetrics running = dispatcher.metrics();
        QCOMPARE(running.producers.size(), perProducer.size());
        for (std::size_t p = 0; p < perProducer.size(); ++p) {
            QCOMPARE(running.producers[p].id, ProducerId(p));
            QCOMPARE(running.producers[p].emitted, perProducer[p]);
            QVERIFY(!running.producers[p].running);
        }
        QCOMPARE(running.external, Index {2});
        QCOMPARE(running.total, Index {7500 + 2});
        QCOMPARE(running.processed, running.total);
        QCOMPARE(running.errors, Index {0});
        QVERIFY(!running.isStopped());
        QVERIFY(running.elapsed > std::chrono::nanoseconds::zero());
        QVERIFY(running.eventsPerSecond > 0);
        QVERIFY(running.nsPerEvent > 0);

        QVERIFY(dispatcher.shutdown(std::chrono::seconds(5)));
        const DispatcherMetrics stopped = dispatcher.metrics();
        QVERIFY(stopped.isStopped());
        QVERIFY(*stopped.stopped >= stopped.started);
        QCOMPARE(
            stopped.elapsed, std::chrono::duration_cast<std::chrono::nanoseconds>(*stopped.stopped - stopped.started));
        QCOMPARE(dispatcher.metrics().elapsed, stopped.elapsed); // frozen once stopped
        QCOMPARE(stopped.processed, stopped.total);
    }

    void producersStartStopAndReportWhetherTheyRun()
    {
        const Watchdog watchdog("producersStartStopAndReportWhetherTheyRun");
        IndexDispatcher dispatcher({.bufferSize = 256});
        std::atomic<Index> seen {0};
        dispatcher.route("tick", [&](const Event<Index> &) { seen.fetch_add(1, std::memory_order_relaxed); });
        auto &producer = dispatcher.addProducer("ticker", emitUntilStopped("tick"));
        QVERIFY(!producer.isRunning());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, producer.start()); // the dispatcher is not running yet

        dispatcher.start();
        QVERIFY(producer.isRunning());
        QVERIFY(eventually([&] { return producer.emitted() > 1000; }));
        producer.stop();
        QVERIFY(eventually([&] { return !producer.isRunning(); }));
        const Index afterFirstRun = producer.emitted();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        QCOMPARE(producer.emitted(), afterFirstRun);

        producer.start();
        QVERIFY(producer.isRunning());
        QVERIFY(eventually([&] { return producer.emitted() > afterFirstRun + 1000; }));
        producer.start(); // already running: no second thread
        producer.stop();
        QVERIFY(dispatcher.join());
        QVERIFY(!producer.isRunning());
        QCOMPARE(seen.load(), producer.emitted());
        QCOMPARE(dispatcher.metrics().processed, producer.emitted());
    }

    void producersAddedWhileRunningRunAtOnceAndJoinWaitsForThem()
    {
        // Several threads add producers to a running dispatcher at once, each producer emitting a
        // random number of events; join() returns only when all of them, late ones included, are
        // done and processed. More threads than cores, many rounds.
        const Watchdog watchdog("producersAddedWhileRunningRunAtOnceAndJoinWaitsForThem");
        std::mt19937 random(7);
        for (int round = 0; round < kRounds; ++round) {
            IndexDispatcher dispatcher({.bufferSize = 64});
            std::atomic<Index> seen {0};
            dispatcher.route("work", [&](const Event<Index> &) { seen.fetch_add(1, std::memory_order_relaxed); });
            dispatcher.addProducer("early", [](Emitter<Index> &out) {
                for (Index i = 0; i < 100; ++i)
                    out.emit("work", i);
            });
            dispatcher.start();
            std::vector<Index> counts(12);
            for (Index &count : counts)
                count = std::uniform_int_distribution<Index>(0, 400)(random);
            std::vector<std::thread> adders;
            for (int t = 0; t < 3; ++t)
                adders.emplace_back([&, t] {
                    for (std::size_t i = static_cast<std::size_t>(t); i < counts.size(); i += 3)
                        dispatcher.addProducer("late" + std::to_string(i), [count = counts[i]](Emitter<Index> &out) {
                            for (Index n = 0; n < count; ++n)
                                out.emit("work", n);
                        });
                });
            for (std::thread &adder : adders)
                adder.join();
            QVERIFY(dispatcher.join());
            const Index expected = 100 + std::accumulate(counts.begin(), counts.end(), Index {0});
            QCOMPARE(seen.load(), expected);
            const DispatcherMetrics metrics = dispatcher.metrics();
            QCOMPARE(metrics.total, expected);
            QCOMPARE(metrics.processed, expected);
            QCOMPARE(metrics.producers.size(), std::size_t {13});
        }
    }

    void setupIsRefusedOnceStarted()
    {
        IndexDispatcher dispatcher;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, dispatcher.emit("a", Index {1}));
        dispatcher.start();
        QVERIFY_THROWS_EXCEPTION(std::logic_error, dispatcher.start());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, dispatcher.route("a", [](const Event<Index> &) {}));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, dispatcher.deadLetter([](const Event<Index> &) {}));
        QVERIFY(dispatcher.shutdown(std::chrono::seconds(1)));
        // Producers may join a running dispatcher (see producersAddedWhileRunning...), not a stopped one.
        QVERIFY_THROWS_EXCEPTION(std::logic_error, dispatcher.addProducer("late", emitUntilStopped("a")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, IndexDispatcher({.waitStrategy = "no-such-strategy"}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, IndexDispatcher({.bufferSize = 1000}));
    }

    void aThrowingRouteIsReportedAndTheRunContinues_data() { addLayoutRows(); }
    void aThrowingRouteIsReportedAndTheRunContinues()
    {
        QFETCH(ConsumerLayout, layout);
        const Watchdog watchdog("aThrowingRouteIsReportedAndTheRunContinues");
        SharedLog<DispatchError> log;
        IndexDispatcher dispatcher({.bufferSize = 64, .layout = layout, .onError = recordIn(log)});
        int failingCalls = 0;
        int healthyCalls = 0;
        dispatcher.route("jobs", [&](const Event<Index> &e) {
            ++failingCalls;
            if (e.payload % 10 == 3)
                throw std::runtime_error("bad job " + std::to_string(e.payload));
        });
        dispatcher.route("jobs", [&](const Event<Index> &) { ++healthyCalls; });
        dispatcher.addProducer("jobs", [](Emitter<Index> &out) {
            for (Index i = 0; i < 1000; ++i)
                out.emit("jobs", i);
        });
        dispatcher.start();
        QVERIFY(dispatcher.join());

        QCOMPARE(failingCalls, 1000);
        QCOMPARE(healthyCalls, 1000);
        const std::vector<DispatchError> errors = log.values();
        QCOMPARE(errors.size(), std::size_t {100});
        QCOMPARE(dispatcher.metrics().errors, Index {100});
        QCOMPARE(dispatcher.metrics().processed, Index {1000});
        const DispatchError &first = errors.front();
        QCOMPARE(first.source, ErrorSource::Route);
        QCOMPARE(first.index, std::size_t {0});
        QCOMPARE(first.channel, std::string("jobs"));
        QCOMPARE(first.sequence, std::int64_t {3});
        QVERIFY(!first.fatal);
        QCOMPARE(ringflow::core::exceptionMessage(first.error), std::string("bad job 3"));
        QCOMPARE(
            first.describe(), std::string("route 0 (channel 'jobs') failed on event 3 of channel 'jobs': bad job 3"));
        QVERIFY(dispatcher.isRunning());
    }

    void underTheHaltPolicyAFailingRouteStopsEverythingWithoutHanging()
    {
        const Watchdog watchdog("underTheHaltPolicyAFailingRouteStopsEverythingWithoutHanging");
        SharedLog<DispatchError> log;
        IndexDispatcher dispatcher({.bufferSize = 16, .routeErrors = ExceptionPolicy::Halt, .onError = recordIn(log)});
        bool failed = false;
        int callsAfterFailure = 0;
        dispatcher.route("feed", [&](const Event<Index> &e) {
            callsAfterFailure += failed;
            if (e.payload == 100) {
                failed = true;
                throw std::runtime_error("poisoned");
            }
        });
        // Producers that never stop by themselves, blocked on a full ring most of the time.
        for (int p = 0; p < 4; ++p)
            dispatcher.addProducer("feed", [](Emitter<Index> &out) {
                for (Index i = 0;; ++i)
                    out.emit("feed", i);
            });
        dispatcher.start();
        QVERIFY(!dispatcher.join()); // returns once the producers were released by the halt
        QVERIFY(!dispatcher.isRunning());
        QVERIFY_THROWS_EXCEPTION(Halted, dispatcher.emit("feed", Index {0}));
        const std::vector<DispatchError> errors = log.values();
        QCOMPARE(errors.size(), std::size_t {1});
        QVERIFY(errors.front().fatal);
        QVERIFY(!dispatcher.shutdown(std::chrono::seconds(1)));
        QVERIFY(failed); // read after shutdown() joined the consumer thread
        QCOMPARE(callsAfterFailure, 0);
        // The failed event and those after it count as emitted, not as processed.
        const DispatcherMetrics metrics = dispatcher.metrics();
        QVERIFY(metrics.processed < metrics.total);
    }

    void underHaltStageAFailingRouteStopsAloneAndTheRunGoesOn_data() { addLayoutRows(); }

    // HaltStage stops the failing route only: the other routes get every event, the producers are
    // never blocked (they emit far more than the ring holds after the failure), and join() succeeds.
    void underHaltStageAFailingRouteStopsAloneAndTheRunGoesOn()
    {
        QFETCH(ConsumerLayout, layout);
        const Watchdog watchdog("underHaltStageAFailingRouteStopsAloneAndTheRunGoesOn");
        constexpr Index kPerProducer = 2000;
        SharedLog<DispatchError> log;
        IndexDispatcher dispatcher(
            {.bufferSize = 16, .layout = layout, .routeErrors = ExceptionPolicy::HaltStage, .onError = recordIn(log)});
        Index poisonedCalls = 0;
        Index healthyCalls = 0;
        Index deadLetters = 0;
        dispatcher.route("feed", [&](const Event<Index> &e) {
            ++poisonedCalls;
            if (e.payload == 100)
                throw std::runtime_error("poisoned");
        });
        dispatcher.route("feed", [&](const Event<Index> &) { ++healthyCalls; });
        dispatcher.deadLetter([&](const Event<Index> &) { ++deadLetters; });
        for (int p = 0; p < 2; ++p)
            dispatcher.addProducer("feed", [](Emitter<Index> &out) {
                for (Index i = 0; i < kPerProducer; ++i)
                    out.emit("feed", i);
            });
        dispatcher.start();
        QVERIFY(dispatcher.join());
        QVERIFY(dispatcher.isRunning());
        QVERIFY(dispatcher.shutdown(std::chrono::seconds(1)));
        // The first event 100 (of either producer) stops the route: it saw that event and those before it.
        QVERIFY2(poisonedCalls >= 101 && poisonedCalls <= 201, qPrintable(QString::number(poisonedCalls)));
        QCOMPARE(healthyCalls, 2 * kPerProducer);
        QCOMPARE(deadLetters, Index {0}); // the stopped route's channel is still routed
        const std::vector<DispatchError> errors = log.values();
        QCOMPARE(errors.size(), std::size_t {1});
        QVERIFY(errors.front().fatal);
        QVERIFY(errors.front().routeOnly);
        QCOMPARE(errors.front().index, std::size_t {0});
        QVERIFY(errors.front().describe().ends_with("poisoned (route stopped)"));
        const DispatcherMetrics metrics = dispatcher.metrics();
        QCOMPARE(metrics.total, 2 * kPerProducer);
        QCOMPARE(metrics.processed, metrics.total);
        QCOMPARE(metrics.unrouted, Index {0});
        QCOMPARE(metrics.errors, Index {1});
    }

    void aHaltWhileProducersAreStillStartingIsNoStartError()
    {
        const Watchdog watchdog("aHaltWhileProducersAreStillStartingIsNoStartError");
        // The first event halts the dispatcher, usually while start() is still starting producers.
        for (int round = 0; round < 20; ++round) {
            IndexDispatcher dispatcher({.routeErrors = ExceptionPolicy::Halt, .onError = [](const DispatchError &) {}});
            dispatcher.route("boom", [](const Event<Index> &) { throw std::runtime_error("boom"); });
            for (int p = 0; p < 32; ++p)
                dispatcher.addProducer("p", emitUntilStopped("boom"));
            dispatcher.start();
            QVERIFY(!dispatcher.join());
            QCOMPARE(dispatcher.metrics().errors, Index {1});
            QCOMPARE(dispatcher.metrics().processed, Index {0}); // the very first event failed
        }
    }

    void shutdownStopsProducersThatRunUntilAsked()
    {
        const Watchdog watchdog("shutdownStopsProducersThatRunUntilAsked");
        IndexDispatcher dispatcher({.bufferSize = 256});
        std::atomic<Index> seen {0};
        dispatcher.route("tick", [&](const Event<Index> &) { seen.fetch_add(1, std::memory_order_relaxed); });
        for (int p = 0; p < 5; ++p)
            dispatcher.addProducer("ticker", emitUntilStopped("tick"));
        dispatcher.start();
        QVERIFY(eventually([&] { return seen.load() > 10000; }));
        QVERIFY(dispatcher.shutdown(std::chrono::seconds(10)));
        const DispatcherMetrics metrics = dispatcher.metrics();
        QCOMPARE(metrics.processed, metrics.total);
        QCOMPARE(seen.load(), metrics.total);
        QVERIFY(metrics.isStopped());
        QVERIFY(!dispatcher.isRunning());
        QVERIFY_THROWS_EXCEPTION(Halted, dispatcher.emit("tick", Index {0}));
        QVERIFY(dispatcher.shutdown(std::chrono::seconds(0))); // the first call's answer
    }

    void shutdownReleasesProducersBlockedOnAFullRing()
    {
        const Watchdog watchdog("shutdownReleasesProducersBlockedOnAFullRing");
        IndexDispatcher dispatcher({.bufferSize = 16, .waitStrategy = "blocking"});
        dispatcher.route(
            "slow", [](const Event<Index> &) { std::this_thread::sleep_for(std::chrono::milliseconds(2)); });
        // These ignore the stop token: only the halt can end them (their emit throws Halted).
        for (int p = 0; p < 4; ++p)
            dispatcher.addProducer("stubborn", [](Emitter<Index> &out) {
                for (Index i = 0;; ++i)
                    out.emit("slow", i);
            });
        dispatcher.start();
        QVERIFY(eventually([&] { return dispatcher.metrics().total >= 16; }));
        const auto before = std::chrono::steady_clock::now();
        QVERIFY(!dispatcher.shutdown(std::chrono::milliseconds(50)));
        QVERIFY(std::chrono::steady_clock::now() - before < std::chrono::seconds(5));
        for (std::size_t p = 0; p < dispatcher.producerCount(); ++p)
            QVERIFY(!dispatcher.producer(static_cast<ProducerId>(p)).isRunning());
        QCOMPARE(dispatcher.metrics().errors, Index {0}); // being halted is no error
    }

    // A route that takes 300 ms per event with 63 events queued: shutdown(100 ms) stops the stage
    // between two events of its batch, not after all of them (18.8 s before).
    void shutdownWaitsForTheEventInHandOnly()
    {
        const Watchdog watchdog("shutdownWaitsForTheEventInHandOnly");
        IndexDispatcher dispatcher({.bufferSize = 64, .waitStrategy = "blocking"});
        std::atomic<int> handled {0};
        dispatcher.route("slow", [&](const Event<Index> &) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            handled.fetch_add(1);
        });
        dispatcher.addProducer("burst", [](Emitter<Index> &out) {
            for (Index i = 0; i < 63; ++i)
                out.emit("slow", i);
        });
        dispatcher.start();
        QVERIFY(eventually([&] { return dispatcher.metrics().total == 63; }));
        const auto before = std::chrono::steady_clock::now();
        QVERIFY(!dispatcher.shutdown(std::chrono::milliseconds(100)));
        const auto took = std::chrono::steady_clock::now() - before;
        QVERIFY2(took < std::chrono::milliseconds(ringflow::test::kThreadSanitizer ? 2500 : 1000),
            qPrintable(QString("shutdown took %1 ms")
                           .arg(std::chrono::duration_cast<std::chrono::milliseconds>(took).count())));
        QVERIFY2(handled.load() < 8, qPrintable(QString("%1 events handled").arg(handled.load())));
        QCOMPARE(dispatcher.metrics().processed, Index(handled.load()));
    }

    void anExceptionEscapingAProducerIsReported()
    {
        const Watchdog watchdog("anExceptionEscapingAProducerIsReported");
        SharedLog<DispatchError> log;
        IndexDispatcher dispatcher({.onError = recordIn(log)});
        std::atomic<int> seen {0};
        dispatcher.route("a", [&](const Event<Index> &) { seen.fetch_add(1, std::memory_order_relaxed); });
        dispatcher.addProducer("fragile", [](Emitter<Index> &out) {
            for (Index i = 0; i < 10; ++i)
                out.emit("a", i);
            throw std::runtime_error("source closed");
        });
        dispatcher.addProducer("sturdy", [](Emitter<Index> &out) {
            for (Index i = 0; i < 10; ++i)
                out.emit("a", i);
        });
        dispatcher.start();
        QVERIFY(dispatcher.join());
        QCOMPARE(seen.load(), 20);
        const std::vector<DispatchError> errors = log.values();
        QCOMPARE(errors.size(), std::size_t {1});
        QCOMPARE(errors.front().source, ErrorSource::Producer);
        QCOMPARE(errors.front().index, std::size_t {0});
        QCOMPARE(errors.front().describe(), std::string("producer 'fragile' failed: source closed"));
        QCOMPARE(dispatcher.metrics().errors, Index {1});
    }

    void destructionStopsRunningProducers()
    {
        const Watchdog watchdog("destructionStopsRunningProducers");
        std::atomic<Index> seen {0};
        {
            IndexDispatcher dispatcher({.bufferSize = 32});
            dispatcher.route("tick", [&](const Event<Index> &) { seen.fetch_add(1, std::memory_order_relaxed); });
            dispatcher.addProducer("ticker", emitUntilStopped("tick"));
            dispatcher.addProducer("stubborn", [](Emitter<Index> &out) {
                for (Index i = 0;; ++i)
                    out.emit("tick", i);
            });
            dispatcher.start();
            QVERIFY(eventually([&] { return seen.load() > 100; }));
        }
        QVERIFY(seen.load() > 100);
    }
};

QTEST_GUILESS_MAIN(DispatcherLifecycleTest)
#include "test_dispatcher_lifecycle.moc"
