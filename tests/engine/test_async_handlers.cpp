// Async batch handlers (onBatch returning a core::BatchTask) under load: every wait strategy, ring
// sizes from 1 up, more threads than cores, handlers whose work finishes on another thread. The
// stages check order, values and upstream marks as in test_topologies; the test thread asserts.

#include "test_support.h"

#include <QTest>

#include <condition_variable>
#include <deque>

using namespace ringflow;
using namespace ringflow::test;

namespace {

constexpr auto kDrainLimit = kThreadSanitizer ? 90s : 20s;

std::int64_t eventsFor(const QString &strategy, std::int64_t size)
{
    return handOffEvents(strategy, size, 1500, 6000);
}

/// A thread of the test's own that resumes the coroutines handed to it: the async work of a
/// handler then completes on a thread that is neither the pool's nor a stage's.
class Resumer {
public:
    Resumer() : m_thread([this] { work(); }) { }
    ~Resumer()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

    /// `co_await resumer.hop(delay)`: continues on the resumer's thread after `delay`.
    auto hop(std::chrono::microseconds delay = {})
    {
        struct Hop {
            Resumer &resumer;
            std::chrono::microseconds delay;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<> self) { resumer.push(self, delay); }
            void await_resume() const noexcept { }
        };
        return Hop {*this, delay};
    }

private:
    void push(std::coroutine_handle<> coroutine, std::chrono::microseconds delay)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_queue.push_back({coroutine, delay});
        }
        m_changed.notify_all();
    }
    void work()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_changed.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping with nothing in hand
            const auto [coroutine, delay] = m_queue.front();
            m_queue.pop_front();
            lock.unlock();
            std::this_thread::sleep_for(delay);
            coroutine.resume();
            lock.lock();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::pair<std::coroutine_handle<>, std::chrono::microseconds>> m_queue;
    bool m_stop = false;
    std::thread m_thread;
};

/// An async stage that checks what it gets (CheckingStage's rules), marks its events only after
/// its work has moved to the resumer's thread (every `hopEvery`-th batch) and records its batch
/// starts: downstream stages must never see an event before that mark.
struct AsyncCheckingStage {
    AsyncCheckingStage(int mark, std::vector<int> upstream, Resumer &hopper, int every)
        : check(mark, std::move(upstream)), resumer(hopper), hopEvery(every)
    {
    }

    CheckingStage check;
    Resumer &resumer;
    int hopEvery;
    std::int64_t batches = 0;
    std::int64_t startedEvents = 0; ///< sum of the batch sizes given to onBatchStart
    std::int64_t pendingBatch = -1; ///< the size announced by onBatchStart, -1 once handled
    std::string problem;

    void onBatchStart(std::int64_t batchSize, std::int64_t queueDepth)
    {
        if (problem.empty() && (pendingBatch != -1 || batchSize < 1 || queueDepth < batchSize))
            problem
                = "onBatchStart(" + std::to_string(batchSize) + ", " + std::to_string(queueDepth) + ") out of place";
        pendingBatch = batchSize;
        startedEvents += batchSize;
    }

    core::BatchTask onBatch(const core::EventBatch<Event> &batch, std::int64_t first)
    {
        if (problem.empty() && pendingBatch != std::int64_t(batch.size()))
            problem = "batch at " + std::to_string(first) + " of " + std::to_string(batch.size())
                + " events was announced as " + std::to_string(pendingBatch);
        if (hopEvery > 0 && ++batches % hopEvery == 0)
            co_await resumer.hop();
        std::int64_t sequence = first;
        for (Event &event : batch)
            check.onEvent(event, sequence++, false);
        pendingBatch = -1;
    }

    std::string verdict(std::int64_t events) const
    {
        if (!problem.empty())
            return problem;
        if (startedEvents != events)
            return "batch starts announced " + std::to_string(startedEvents) + " of " + std::to_string(events);
        return check.verdict(events);
    }
};

/// A synchronous per-event stage with a batch start hook: the sizes must add up to the events.
struct CountingBatchStarts : CheckingStage {
    using CheckingStage::CheckingStage;
    std::int64_t startedEvents = 0;
    std::int64_t nextStart = 0; ///< the sequence the next batch must start at
    std::string startProblem;

    void onBatchStart(std::int64_t batchSize, std::int64_t queueDepth)
    {
        if (startProblem.empty() && (nextStart != expected || batchSize < 1 || queueDepth < batchSize))
            startProblem = "onBatchStart(" + std::to_string(batchSize) + ", " + std::to_string(queueDepth)
                + ") before sequence " + std::to_string(expected);
        startedEvents += batchSize;
        nextStart = expected + batchSize;
    }
};

/// Throws from the batch holding `failAt`, either in onBatch's call or inside its coroutine.
struct FailingAsyncStage {
    std::int64_t failAt = 0;
    std::atomic<std::int64_t> seen {0};

    core::BatchTask onBatch(const core::EventBatch<Event> &batch, std::int64_t first)
    {
        const auto last = first + std::int64_t(batch.size()) - 1;
        if (first <= failAt && failAt <= last)
            throw std::runtime_error("batch " + std::to_string(first) + " failed");
        seen.fetch_add(std::int64_t(batch.size()), std::memory_order_relaxed);
        co_return;
    }
};

/// Keeps each batch in flight until `release` is set: its work completes on the resumer's thread.
struct HeldAsyncStage {
    Resumer &resumer;
    std::atomic<bool> &release;
    std::atomic<int> inFlight {0};
    std::atomic<std::int64_t> done {0};

    core::BatchTask onBatch(const core::EventBatch<Event> &batch, std::int64_t)
    {
        inFlight.fetch_add(1);
        while (!release.load())
            co_await resumer.hop(1000us);
        done.fetch_add(std::int64_t(batch.size()));
        inFlight.fetch_sub(1);
    }
};

} // namespace

class TestAsyncHandlers : public QObject {
    Q_OBJECT

private slots:
    void asyncStagesSeeEveryEventOnceInOrderAndGateDownstream_data() { addStrategyAndSizeRows(); }
    void asyncStagesSeeEveryEventOnceInOrderAndGateDownstream()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        const std::int64_t events = eventsFor(strategy, size);
        Resumer resumer;
        // sync 0 -> async 1 and async 2 (sharing a pool of 2) -> sync 3 waits for both.
        CountingBatchStarts first(0, {});
        AsyncCheckingStage middleA(1, {0}, resumer, 3);
        AsyncCheckingStage middleB(2, {0}, resumer, 0);
        CheckingStage last(3, {0, 1, 2});
        SingleDisruptor disruptor(size, makeStrategy(strategy));
        disruptor.setAsyncThreads(2);
        disruptor.handleEventsWith(first).then(middleA, middleB).then(last);
        const CpuContention contention(5);
        const std::string failure = publishAndDrain(disruptor, events, kDrainLimit);
        QVERIFY2(failure.empty(), failure.c_str());
        for (const std::string &verdict : {first.verdict(events), first.startProblem, middleA.verdict(events),
                 middleB.verdict(events), last.verdict(events)})
            QVERIFY2(verdict.empty(), verdict.c_str());
        QCOMPARE(first.startedEvents, events);
    }

    void asyncStageReadsStraightFromMultipleProducers_data() { addStrategyRows(); }
    void asyncStageReadsStraightFromMultipleProducers()
    {
        QFETCH(QString, strategy);
        constexpr int kProducers = 3;
        const std::int64_t perProducer = eventsFor(strategy, 64) / kProducers;
        Resumer resumer;
        struct CountingAsync {
            std::vector<std::int64_t> counts = std::vector<std::int64_t>(kProducers);
            std::int64_t expected = 0;
            std::string problem;
            Resumer *resumer = nullptr;
            core::BatchTask onBatch(const core::EventBatch<Event> &batch, std::int64_t first)
            {
                if (first != expected && problem.empty())
                    problem = "batch at " + std::to_string(first) + ", expected " + std::to_string(expected);
                co_await resumer->hop();
                for (const Event &event : batch) {
                    if (event.value != valueFor(counts[std::size_t(event.producer)]++) && problem.empty())
                        problem = "producer " + std::to_string(event.producer) + " out of order";
                }
                expected = first + std::int64_t(batch.size());
            }
        } consumer;
        consumer.resumer = &resumer;
        MultiDisruptor disruptor(16, makeStrategy(strategy));
        disruptor.handleEventsWith(consumer);
        const CpuContention contention(kProducers + 2);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                std::vector<std::jthread> producers;
                for (int p = 0; p < kProducers; ++p)
                    producers.emplace_back([&ring, p, perProducer] {
                        for (std::int64_t k = 0; k < perProducer; ++k) {
                            const std::int64_t sequence = ring.next();
                            ring[sequence].producer = p;
                            ring[sequence].value = valueFor(k);
                            ring.publish(sequence);
                        }
                    });
                producers.clear();
                if (!disruptor.shutdown(kDrainLimit))
                    throw std::runtime_error("shutdown did not drain the published events");
            });
        QVERIFY2(consumer.problem.empty(), consumer.problem.c_str());
        QCOMPARE(consumer.expected, perProducer * kProducers);
    }

    void asyncFailuresFollowTheStagePolicy_data() { addSwitchRows("halt", "continue", "halt"); }
    void asyncFailuresFollowTheStagePolicy()
    {
        QFETCH(bool, halt);
        constexpr std::int64_t kEvents = 200;
        FailingAsyncStage failing;
        failing.failAt = 57;
        CountingStage after;
        SharedLog<core::HandlerError> errors;
        SingleDisruptor disruptor(32, makeStrategy(QStringLiteral("blocking")));
        disruptor.setErrorHandler([&](const core::HandlerError &error) { errors.append(error); });
        const core::ExceptionPolicy policy = halt ? core::ExceptionPolicy::Halt : core::ExceptionPolicy::Continue;
        disruptor.handleEventsWith(core::configure(failing, {.name = "archive", .policy = policy, .maxBatchSize = 4}))
            .then(after);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                if (halt) {
                    try {
                        publishValues(ring, kEvents);
                    } catch (const core::Halted &) {
                    }
                    require(eventually([&] { return disruptor.hasFailed(); }), "the failure did not halt");
                    disruptor.halt();
                } else {
                    publishValues(ring, kEvents);
                    require(disruptor.shutdown(kDrainLimit), "shutdown did not drain");
                }
            });
        const auto entries = errors.values();
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(entries[0].stage, std::string("archive"));
        QVERIFY(entries[0].sequence <= 57 && entries[0].sequence > 57 - 4);
        QCOMPARE(entries[0].fatal, halt);
        QCOMPARE(disruptor.hasFailed(), halt);
        if (halt) {
            QVERIFY(after.events.load() <= entries[0].sequence); // nothing past the failed batch
        } else {
            const std::int64_t failedBatch = kEvents - failing.seen.load();
            QVERIFY(failedBatch >= 1 && failedBatch <= 4);
            QCOMPARE(after.events.load(), kEvents); // the failed batch counts as done
        }
    }

    void haltWaitsForAsyncWorkInFlight_data() { addSwitchRows("viaDestructor", "halt", "destructor"); }
    void haltWaitsForAsyncWorkInFlight()
    {
        QFETCH(bool, viaDestructor);
        Resumer resumer;
        std::atomic<bool> release {false};
        HeldAsyncStage held {resumer, release};
        CountingStage after;
        auto disruptor = std::make_unique<SingleDisruptor>(8, makeStrategy(QStringLiteral("sleeping")));
        disruptor->handleEventsWith(held).then(after);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(*disruptor); },
            [&] {
                publishValues(disruptor->start(), 3);
                require(eventually([&] { return held.inFlight.load() == 1; }), "no batch in flight");
                // halt(limit) gives up on the batch in flight and names its stage.
                const auto running = disruptor->halt(20ms);
                require(running == std::vector<std::string> {"stage-0"}, "halt(limit) did not name the stage");
                require(held.inFlight.load() == 1, "the batch in flight ended early");
                std::jthread releaser([&] {
                    std::this_thread::sleep_for(30ms);
                    release.store(true);
                });
                if (viaDestructor)
                    disruptor.reset();
                else
                    disruptor->halt();
                require(held.inFlight.load() == 0, "halt() returned before the batch in flight completed");
            });
        QVERIFY(held.done.load() >= 1);
        QVERIFY(after.events.load() <= held.done.load());
    }

    void haltBeforeStartAndNeverStartedAreSafe()
    {
        Resumer resumer;
        std::atomic<bool> release {true};
        HeldAsyncStage held {resumer, release};
        {
            SingleDisruptor neverStarted(8, makeStrategy(QStringLiteral("blocking")));
            neverStarted.handleEventsWith(held);
        }
        SingleDisruptor disruptor(8, makeStrategy(QStringLiteral("blocking")));
        disruptor.handleEventsWith(held);
        disruptor.halt();
        disruptor.start();
        disruptor.halt();
        QCOMPARE(held.done.load(), std::int64_t(0));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, disruptor.processors()[0]->run());
    }

    void batchStartSizesSumToTheEventsForBatchHandlers()
    {
        struct BatchStarts {
            std::int64_t announced = 0;
            std::int64_t handled = 0;
            std::int64_t pending = -1;
            bool mismatch = false;
            void onBatchStart(std::int64_t batchSize, std::int64_t queueDepth)
            {
                mismatch = mismatch || pending != -1 || queueDepth < batchSize || batchSize > 5;
                pending = batchSize;
                announced += batchSize;
            }
            void onBatch(const core::EventBatch<Event> &batch, std::int64_t)
            {
                mismatch = mismatch || pending != std::int64_t(batch.size());
                pending = -1;
                handled += std::int64_t(batch.size());
            }
        } stage;
        const std::int64_t events = scaled(20000);
        SingleDisruptor disruptor(64, makeStrategy(QStringLiteral("yielding")));
        disruptor.handleEventsWith(core::configure(stage, {.name = "batches", .maxBatchSize = 5}));
        const std::string failure = publishAndDrain(disruptor, events, kDrainLimit);
        QVERIFY2(failure.empty(), failure.c_str());
        QVERIFY(!stage.mismatch);
        QCOMPARE(stage.announced, events);
        QCOMPARE(stage.handled, events);
    }
};

QTEST_GUILESS_MAIN(TestAsyncHandlers)
#include "test_async_handlers.moc"
