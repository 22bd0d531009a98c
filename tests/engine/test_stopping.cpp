// How long stopping takes, with real threads: a halt stops a stage between two events even inside
// a batch, a halt with a limit names the stages whose handler has not returned instead of hanging,
// and destroying a Disruptor waits for the producers it released from next().

#include "test_support.h"

#include <QTest>

#include <memory>

using namespace ringflow;
using namespace ringflow::test;

namespace {

using Clock = std::chrono::steady_clock;

/// Scheduling slack on top of a computed bound: the machine is shared, and TSan is slow.
constexpr auto kSlack = kThreadSanitizer ? 1500ms : 600ms;
constexpr auto kPerEvent = 300ms;

/// Sleeps kPerEvent on every event, as a stage waiting on I/O would.
struct SlowStage {
    std::atomic<std::int64_t> handled {0};
    void onEvent(Event &, std::int64_t, bool)
    {
        std::this_thread::sleep_for(kPerEvent);
        handled.fetch_add(1);
    }
};

struct SlowBatchStage {
    std::atomic<std::int64_t> handled {0};
    void onBatch(const core::EventBatch<Event> &batch, std::int64_t)
    {
        std::this_thread::sleep_for(kPerEvent * static_cast<int>(batch.size()));
        handled.fetch_add(static_cast<std::int64_t>(batch.size()));
    }
};

/// Holds its first event until released: a handler that, as far as the test is concerned, never returns.
struct StuckStage {
    std::atomic<bool> inHandler {false};
    std::atomic<bool> released {false};
    std::atomic<int> shutdowns {0};
    void onEvent(Event &, std::int64_t, bool)
    {
        inHandler.store(true);
        while (!released.load())
            std::this_thread::sleep_for(1ms);
    }
    void onShutdown() { shutdowns.fetch_add(1); }
};

/// The watchdog's way out of a scenario with a stuck stage: release the handler, then everything.
template <typename D>
auto releasing(StuckStage &stuck, D &disruptor)
{
    return [&stuck, &disruptor] {
        stuck.released.store(true);
        releaseAll(disruptor);
    };
}

template <typename F>
Clock::duration timed(F &&f)
{
    const auto start = Clock::now();
    f();
    return Clock::now() - start;
}

QString millis(Clock::duration d)
{
    return QString::number(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

/// Destroys a running Disruptor of `D` while `producers` threads are blocked in next() on its full
/// ring; returns how many of them left next() with Halted.
template <typename D>
int destroyWithParkedProducers(const QString &strategy, int producers)
{
    StallingStage stalled; // outlives the Disruptor
    auto disruptor = std::make_unique<D>(8, makeStrategy(strategy));
    stalled.sequencer = &disruptor->ringBuffer().sequencer();
    disruptor->handleEventsWith(stalled);
    auto &ring = disruptor->start();
    publishValues(ring, 8); // the stage holds the first event: the ring stays full
    std::atomic<int> halted {0};
    std::vector<std::jthread> threads;
    for (int p = 0; p < producers; ++p) {
        threads.emplace_back([&ring, &halted] {
            try {
                ring.next();
            } catch (const core::Halted &) {
                halted.fetch_add(1); // and nothing more with the ring: it is being destroyed
            }
        });
    }
    const core::Sequencer &sequencer = disruptor->ringBuffer().sequencer();
    if (!eventually([&] { return sequencer.waitingProducers() == producers; }))
        throw std::runtime_error("the producers never blocked in next()");
    disruptor.reset();
    threads.clear();
    return halted.load();
}

} // namespace

class TestStopping : public QObject {
    Q_OBJECT

private slots:
    void shutdownStopsBetweenTheEventsOfABatch_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<QString>("shape");
        for (const std::string_view name : core::kWaitStrategyNames) {
            for (const char *shape : {"stage", "worker pool", "batches of 2"})
                QTest::newRow((std::string(name) + ", " + shape).c_str())
                    << QString::fromLatin1(name.data(), qsizetype(name.size())) << QString(shape);
        }
    }
    // The library's worst case: shutdown(100 ms) with 63 events queued for a stage that takes
    // 300 ms per event used to wait for the whole batch in hand (18.8 s).
    void shutdownStopsBetweenTheEventsOfABatch()
    {
        QFETCH(QString, strategy);
        QFETCH(QString, shape);
        SingleDisruptor disruptor(64, makeStrategy(strategy));
        SlowStage stage, worker0, worker1;
        SlowBatchStage batches;
        int inHand = 1; // events a halt may wait for
        if (shape == "stage") {
            disruptor.handleEventsWith(stage);
        } else if (shape == "worker pool") {
            disruptor.handleEventsWithWorkerPool(worker0, worker1);
        } else {
            disruptor.handleEventsWith(core::configure(batches, {.name = "batches", .maxBatchSize = 2}));
            inHand = 2;
        }
        const auto handled = [&] { return stage.handled + worker0.handled + worker1.handled + batches.handled; };
        Clock::duration took {};
        bool drained = true;
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                // Published before the stages start, so that they see one batch of 63 events.
                publishValues(disruptor.ringBuffer(), 63);
                disruptor.start();
                took = timed([&] { drained = disruptor.shutdown(100ms); });
            });
        QVERIFY(!drained);
        qInfo("shutdown(100 ms) took %s", qPrintable(millis(took)));
        const auto bound = 100ms + kPerEvent * inHand + kSlack;
        QVERIFY2(took < bound, qPrintable("shutdown took " + millis(took) + ", more than " + millis(bound)));
        QVERIFY2(handled() < 8, qPrintable(QString("%1 events handled after the halt").arg(handled())));
        if (shape == "stage") // a halted stage publishes exactly the events it handled
            QCOMPARE(disruptor.processors().front()->sequence().get(), stage.handled.load() - 1);
    }

    void haltWithALimitNamesTheStagesStillRunning()
    {
        StuckStage stuck;
        CountingStage free;
        SingleDisruptor disruptor(8, makeStrategy("blocking"));
        disruptor.handleEventsWith(core::configure(stuck, {.name = "stuck"}), core::configure(free, {.name = "free"}));
        std::vector<std::string> running;
        std::vector<std::string> runningAgain;
        std::vector<std::string> afterRelease {"not called"};
        bool stuckRunning = false;
        bool freeRunning = true;
        Clock::duration took {};
        RF_RUN_BOUNDED(currentScenario(), releasing(stuck, disruptor), [&] {
            publishValues(disruptor.start(), 1);
            eventually([&] { return stuck.inHandler.load() && free.events.load() == 1; });
            took = timed([&] { running = disruptor.halt(200ms); });
            runningAgain = disruptor.halt(20ms);
            stuckRunning = disruptor.processors().front()->isRunning();
            freeRunning = disruptor.processors().back()->isRunning();
            stuck.released.store(true);
            afterRelease = disruptor.halt(30s);
        });
        QCOMPARE(running, std::vector<std::string> {"stuck"});
        QCOMPARE(runningAgain, std::vector<std::string> {"stuck"});
        QVERIFY(stuckRunning);
        QVERIFY(!freeRunning);
        QVERIFY2(took >= 200ms && took < 200ms + kSlack, qPrintable("halt(200 ms) took " + millis(took)));
        QVERIFY(afterRelease.empty());
        QCOMPARE(stuck.shutdowns.load(), 1);
        QCOMPARE(free.shutdowns, 1);
        QVERIFY(disruptor.halt(0ms).empty());
    }

    // shutdown(timeout, joinLimit) returns although a handler never does; the destructor joins it
    // once it returns, here released from another thread while the destructor waits.
    void shutdownWithAJoinLimitReturnsAndTheDestructorJoinsLater()
    {
        StuckStage stuck;
        CountingStage after;
        auto disruptor = std::make_unique<MultiDisruptor>(8, makeStrategy("atomic-wait"));
        disruptor->handleEventsWith(core::configure(stuck, {.name = "journal"})).then(after);
        MultiDisruptor *raw = disruptor.get(); // for the watchdog only
        MultiDisruptor::ShutdownOutcome outcome;
        Clock::duration took {};
        RF_RUN_BOUNDED(currentScenario(), releasing(stuck, *raw), [&] {
            publishValues(disruptor->start(), 3);
            eventually([&] { return stuck.inHandler.load(); });
            took = timed([&] { outcome = disruptor->shutdown(100ms, 100ms); });
            std::jthread releaser([&] {
                std::this_thread::sleep_for(50ms);
                stuck.released.store(true);
            });
            disruptor.reset();
        });
        QVERIFY(!outcome.drained);
        QCOMPARE(outcome.stillRunning, std::vector<std::string> {"journal"});
        QVERIFY2(took < 200ms + kSlack, qPrintable("shutdown(100 ms, 100 ms) took " + millis(took)));
        QCOMPARE(stuck.shutdowns.load(), 1);
        QCOMPARE(after.shutdowns, 1);
        QCOMPARE(after.events.load(), std::int64_t {0});
    }

    // One thread waits in halt() for a stuck handler; another's halt(limit) still returns in time.
    void aBoundedHaltReturnsWhileAnotherThreadWaitsInHalt()
    {
        StuckStage stuck;
        SingleDisruptor disruptor(8, makeStrategy("yielding"));
        disruptor.handleEventsWith(core::configure(stuck, {.name = "stuck"}));
        std::vector<std::string> running;
        Clock::duration took {};
        RF_RUN_BOUNDED(currentScenario(), releasing(stuck, disruptor), [&] {
            publishValues(disruptor.start(), 1);
            eventually([&] { return stuck.inHandler.load(); });
            std::jthread waiter([&] { disruptor.halt(); });
            std::this_thread::sleep_for(20ms); // the waiter is in halt() now, most likely
            took = timed([&] { running = disruptor.halt(100ms); });
            stuck.released.store(true);
        });
        QCOMPARE(running, std::vector<std::string> {"stuck"});
        QVERIFY2(took < 100ms + kSlack, qPrintable("halt(100 ms) took " + millis(took)));
        QCOMPARE(stuck.shutdowns.load(), 1);
    }

    void destroyingWaitsForProducersParkedInNext_data()
    {
        addStrategyAndSwitchRows("multi", "single producer", "multi producer");
    }
    // Many rounds, more threads than cores: the destructor used to free the wait strategy while
    // producers it had just woken were still inside it (ThreadSanitizer saw the race).
    void destroyingWaitsForProducersParkedInNext()
    {
        QFETCH(QString, strategy);
        QFETCH(bool, multi);
        const int producers = multi ? static_cast<int>(2 * cores() + 2) : 1;
        const int rounds = kThreadSanitizer ? 15 : 60;
        for (int round = 0; round < rounds; ++round) {
            int halted = 0;
            const std::string failure = runBounded(
                currentScenario() + " round " + std::to_string(round), [] {},
                [&] {
                    halted = multi ? destroyWithParkedProducers<MultiDisruptor>(strategy, producers)
                                   : destroyWithParkedProducers<SingleDisruptor>(strategy, producers);
                });
            QVERIFY2(failure.empty(), failure.c_str());
            QCOMPARE(halted, producers);
        }
    }
};

QTEST_GUILESS_MAIN(TestStopping)
#include "test_stopping.moc"
