// Whole Disruptors under load: every topology the builder offers, with every wait strategy and
// ring sizes from 1 up, always with more threads than cores. Stages check what they receive
// (order, values, upstream marks) and report after the run; the test thread asserts.

#include "test_support.h"

#include "core/aggregate_handler.h"

#include <QTest>

using namespace ringflow;
using namespace ringflow::test;
using core::Disruptor;
using core::MultiProducerSequencer;
using core::SingleProducerSequencer;

namespace {

constexpr int kProducers = 3;
constexpr int kWorkers = 4;
constexpr auto kDrainLimit = kThreadSanitizer ? 90s : 20s;

/// Events per run. On rings of up to 4 slots nearly every event is a hand-off between threads,
/// and busy-spin yields only every 4096 spins, so with more threads than cores a hand-off may
/// cost a whole time slice: those runs get fewer events (each of them is stressed more anyway).
std::int64_t eventsFor(const QString &strategy, std::int64_t size, unsigned threads)
{
    std::int64_t events = size <= 4 ? 2000 : 8000;
    if (strategy == QLatin1String("busy-spin") && threads > cores())
        events /= 10;
    return scaled(events);
}

/// Starts `disruptor`, publishes `events` values from this one producer and drains with shutdown.
template <typename D>
std::string publishAndDrain(D &disruptor, std::int64_t events)
{
    return runBounded(
        currentScenario(), [&] { releaseAll(disruptor); },
        [&] {
            auto &ring = disruptor.start();
            publishValues(ring, events);
            if (!disruptor.shutdown(kDrainLimit))
                throw std::runtime_error("shutdown did not drain the published events");
        });
}

/// Records each producer's values in arrival order: they must come in that producer's order.
struct ProducerOrderStage {
    std::array<std::int64_t, kProducers> received {};
    std::int64_t expected = 0;
    std::string problem;

    void onEvent(Event &event, std::int64_t sequence, bool)
    {
        const auto producer = event.producer;
        if (problem.empty() && sequence != expected)
            problem = "got sequence " + std::to_string(sequence) + ", expected " + std::to_string(expected);
        if (producer < 0 || producer >= kProducers) {
            if (problem.empty())
                problem = "sequence " + std::to_string(sequence) + " has no producer";
        } else {
            if (problem.empty() && event.value != valueFor(received[producer]))
                problem = "producer " + std::to_string(producer) + "'s event " + std::to_string(received[producer])
                    + " arrived as value " + std::to_string(event.value);
            ++received[producer];
        }
        expected = sequence + 1;
    }
};

/// A worker of a pool: counts each sequence it handles and marks the event for the next stage.
struct PoolWorker {
    std::vector<std::atomic<int>> *handledPerSequence = nullptr;
    std::string problem;

    void onEvent(Event &event, std::int64_t sequence, bool)
    {
        if (sequence < 0 || sequence >= std::int64_t(handledPerSequence->size()))
            problem = "sequence " + std::to_string(sequence) + " was never published";
        else
            (*handledPerSequence)[std::size_t(sequence)].fetch_add(1, std::memory_order_relaxed);
        if (event.value != valueFor(sequence) && problem.empty())
            problem = "sequence " + std::to_string(sequence) + " carries value " + std::to_string(event.value);
        event.marks[1] = sequence;
    }
};

/// A batch handler that checks each batch: contiguous with the previous one, within the size cap,
/// split at the end of the ring only, carrying the producer's values. Marks events as stage 0.
struct BatchStage {
    BatchStage(std::int64_t size, std::int64_t maxBatch = 0) : bufferSize(size), maxAllowed(maxBatch) { }

    std::int64_t bufferSize;
    std::int64_t maxAllowed;
    std::int64_t expected = 0;
    std::int64_t largest = 0;
    std::string problem;

    void onBatch(const core::EventBatch<Event> &batch, std::int64_t first)
    {
        const auto size = std::int64_t(batch.size());
        if (problem.empty()) {
            if (first != expected)
                problem = "batch starts at " + std::to_string(first) + ", expected " + std::to_string(expected);
            else if (size == 0 || (maxAllowed > 0 && size > maxAllowed))
                problem = "batch of " + std::to_string(size) + " events";
            else if (!batch.second().empty() && (first + std::int64_t(batch.first().size())) % bufferSize != 0)
                problem = "the batch at " + std::to_string(first) + " splits away from the end of the ring";
        }
        std::int64_t sequence = first;
        for (Event &event : batch) {
            if (problem.empty() && event.value != valueFor(sequence))
                problem = "sequence " + std::to_string(sequence) + " carries value " + std::to_string(event.value);
            event.marks[0] = sequence++;
        }
        expected = sequence;
        largest = std::max(largest, size);
    }
};

/// A per-event handler that measures its runs: a run ends at endOfBatch.
struct RunLengthStage {
    std::int64_t expected = 0;
    std::int64_t run = 0;
    std::int64_t longest = 0;
    std::string problem;

    void onEvent(Event &event, std::int64_t sequence, bool endOfBatch)
    {
        if (problem.empty() && (sequence != expected || event.value != valueFor(sequence)))
            problem = "unexpected event at sequence " + std::to_string(sequence);
        expected = sequence + 1;
        ++run;
        if (endOfBatch) {
            longest = std::max(longest, run);
            run = 0;
        }
    }
};

/// A checking stage that also counts its lifecycle hooks (for AggregateHandler's forwarding).
struct HookedStage : CheckingStage {
    using CheckingStage::CheckingStage;
    int starts = 0;
    int shutdowns = 0;
    void onStart() { ++starts; }
    void onShutdown() { ++shutdowns; }
};

} // namespace

class TestTopologies : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString sizes;
        for (const std::int64_t size : bufferSizes())
            sizes += QString::number(size) + QLatin1Char(' ');
        qInfo("ring sizes %s(seed %llu, set RINGFLOW_TEST_SEED to change); %u cores", qPrintable(sizes),
            static_cast<unsigned long long>(sizeSeed()), cores());
    }

    void unicastConsumerSeesEverySequenceInOrder_data() { addStrategyAndSizeRows(); }
    void unicastConsumerSeesEverySequenceInOrder()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        Disruptor<Event, SingleProducerSequencer> disruptor(size, makeStrategy(strategy));
        CheckingStage consumer(0, {});
        disruptor.handleEventsWith(consumer);
        const CpuContention contention(2);
        const std::int64_t events = eventsFor(strategy, size, cores() + 1);
        const std::string failure = publishAndDrain(disruptor, events);
        QVERIFY2(failure.empty(), failure.c_str());
        const std::string verdict = consumer.verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
    }

    void pipelineStagesSeeEachEventAfterTheirUpstream_data() { addStrategyAndSizeRows(); }
    void pipelineStagesSeeEachEventAfterTheirUpstream()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        Disruptor<Event, SingleProducerSequencer> disruptor(size, makeStrategy(strategy));
        CheckingStage a(0, {}), b(1, {0}), c(2, {1});
        disruptor.handleEventsWith(a).then(b).then(c);
        const CpuContention contention(4);
        const std::int64_t events = eventsFor(strategy, size, 4);
        const std::string failure = publishAndDrain(disruptor, events);
        QVERIFY2(failure.empty(), failure.c_str());
        for (const CheckingStage *stage : {&a, &b, &c}) {
            const std::string verdict = stage->verdict(events);
            QVERIFY2(verdict.empty(), verdict.c_str());
        }
    }

    void multicastConsumersEachSeeEverySequence_data() { addStrategyAndSizeRows(); }
    void multicastConsumersEachSeeEverySequence()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        Disruptor<Event, SingleProducerSequencer> disruptor(size, makeStrategy(strategy));
        CheckingStage a(0, {}), b(1, {}), c(2, {});
        disruptor.handleEventsWith(a, b, c);
        const CpuContention contention(4);
        const std::int64_t events = eventsFor(strategy, size, 4);
        const std::string failure = publishAndDrain(disruptor, events);
        QVERIFY2(failure.empty(), failure.c_str());
        for (const CheckingStage *stage : {&a, &b, &c}) {
            const std::string verdict = stage->verdict(events);
            QVERIFY2(verdict.empty(), verdict.c_str());
        }
    }

    void diamondJoinSeesEachEventAfterBothBranches_data() { addStrategyAndSizeRows(); }
    void diamondJoinSeesEachEventAfterBothBranches()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        Disruptor<Event, SingleProducerSequencer> disruptor(size, makeStrategy(strategy));
        CheckingStage a(0, {}), b(1, {}), join(2, {0, 1});
        disruptor.handleEventsWith(a, b).then(join);
        const CpuContention contention(4);
        const std::int64_t events = eventsFor(strategy, size, 4);
        const std::string failure = publishAndDrain(disruptor, events);
        QVERIFY2(failure.empty(), failure.c_str());
        for (const CheckingStage *stage : {&a, &b, &join}) {
            const std::string verdict = stage->verdict(events);
            QVERIFY2(verdict.empty(), verdict.c_str());
        }
    }

    void multiProducerEventsArriveOnceAndInEachProducersOrder_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("batched");
        for (const std::string_view name : core::kWaitStrategyNames) {
            for (const std::int64_t size : bufferSizes()) {
                for (const bool batched : {false, true})
                    QTest::addRow(
                        "%s/size=%lld/%s", name.data(), static_cast<long long>(size), batched ? "next(n)" : "next()")
                        << QString::fromLatin1(name.data(), qsizetype(name.size())) << qint64(size) << batched;
            }
        }
    }
    void multiProducerEventsArriveOnceAndInEachProducersOrder()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        QFETCH(bool, batched);
        Disruptor<Event, MultiProducerSequencer> disruptor(size, makeStrategy(strategy));
        ProducerOrderStage consumer;
        disruptor.handleEventsWith(consumer);
        const CpuContention contention(kProducers + 1);
        const std::int64_t perProducer = eventsFor(strategy, size, kProducers + 1) / kProducers;

        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                std::vector<std::jthread> producers;
                for (int p = 0; p < kProducers; ++p) {
                    producers.emplace_back([&ring, p, perProducer, batched] {
                        for (std::int64_t k = 0; k < perProducer;) {
                            // Batches of 1..4 slots (as far as the ring and the remaining count allow).
                            const std::int64_t n
                                = batched ? std::min({ring.bufferSize(), perProducer - k, (k + p) % 4 + 1}) : 1;
                            const std::int64_t hi = ring.next(n);
                            for (std::int64_t sequence = hi - n + 1; sequence <= hi; ++sequence, ++k) {
                                ring[sequence].producer = p;
                                ring[sequence].value = valueFor(k);
                            }
                            if (batched)
                                ring.publish(hi - n + 1, hi);
                            else
                                ring.publish(hi);
                        }
                    });
                }
                producers.clear(); // joins
                if (!disruptor.shutdown(kDrainLimit))
                    throw std::runtime_error("shutdown did not drain the published events");
            });
        QVERIFY2(consumer.problem.empty(), consumer.problem.c_str());
        QCOMPARE(consumer.expected, perProducer * kProducers);
        for (int p = 0; p < kProducers; ++p)
            QCOMPARE(consumer.received[std::size_t(p)], perProducer);
    }

    void workerPoolHandlesEachEventExactlyOnce_data() { addStrategyAndSizeRows(); }
    void workerPoolHandlesEachEventExactlyOnce()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        const std::int64_t events = eventsFor(strategy, size, kWorkers + 2);
        std::vector<std::atomic<int>> handledPerSequence(static_cast<std::size_t>(events));
        Disruptor<Event, SingleProducerSequencer> disruptor(size, makeStrategy(strategy));
        std::array<PoolWorker, kWorkers> workers;
        std::vector<PoolWorker *> pool; // the run-time sized form of the builder
        for (PoolWorker &worker : workers) {
            worker.handledPerSequence = &handledPerSequence;
            pool.push_back(&worker);
        }
        CheckingStage afterPool(2, {1}); // workers mark slot 1
        disruptor.handleEventsWithWorkerPool({.name = "pool"}, std::span<PoolWorker *const>(pool)).then(afterPool);
        const CpuContention contention(kWorkers + 2);
        const std::string failure = publishAndDrain(disruptor, events);
        QVERIFY2(failure.empty(), failure.c_str());
        for (const PoolWorker &worker : workers)
            QVERIFY2(worker.problem.empty(), worker.problem.c_str());
        for (std::size_t sequence = 0; sequence < handledPerSequence.size(); ++sequence) {
            const int handled = handledPerSequence[sequence].load();
            QVERIFY2(handled == 1, qPrintable(QString("sequence %1 was handled %2 times").arg(sequence).arg(handled)));
        }
        const std::string verdict = afterPool.verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
    }

    void batchHandlerSeesContiguousBatchesSplitAtTheRingEnd_data() { addStrategyAndSizeRows(); }
    void batchHandlerSeesContiguousBatchesSplitAtTheRingEnd()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        Disruptor<Event, SingleProducerSequencer> disruptor(size, makeStrategy(strategy));
        BatchStage batches(size);
        CheckingStage after(1, {0});
        disruptor.handleEventsWith(batches).then(after);
        const CpuContention contention(3);
        const std::int64_t events = eventsFor(strategy, size, 3);
        const std::string failure = publishAndDrain(disruptor, events);
        QVERIFY2(failure.empty(), failure.c_str());
        QVERIFY2(batches.problem.empty(), batches.problem.c_str());
        QCOMPARE(batches.expected, events);
        QVERIFY(batches.largest <= size);
        const std::string verdict = after.verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
    }

    void maxBatchSizeCapsEveryBatch_data()
    {
        QTest::addColumn<bool>("batchHandler");
        QTest::addColumn<qint64>("maxBatchSize");
        QTest::addColumn<qint64>("expectedLargest");
        for (const bool batchHandler : {false, true}) {
            const char *kind = batchHandler ? "onBatch" : "onEvent";
            QTest::addRow("%s/max=1", kind) << batchHandler << qint64(1) << qint64(1);
            QTest::addRow("%s/max=3", kind) << batchHandler << qint64(3) << qint64(3);
            QTest::addRow("%s/max=16", kind) << batchHandler << qint64(16) << qint64(16);
            // Unlimited: the first batch is the whole backlog published before start.
            QTest::addRow("%s/unlimited", kind) << batchHandler << qint64(0) << qint64(64);
        }
    }
    void maxBatchSizeCapsEveryBatch()
    {
        QFETCH(bool, batchHandler);
        QFETCH(qint64, maxBatchSize);
        QFETCH(qint64, expectedLargest);
        constexpr std::int64_t kSize = 64;
        const std::int64_t events = scaled(5000);
        Disruptor<Event, SingleProducerSequencer> disruptor(kSize, makeStrategy("blocking"));
        BatchStage batches(kSize, maxBatchSize);
        RunLengthStage runs;
        const core::StageOptions options {.name = "capped", .maxBatchSize = maxBatchSize};
        if (batchHandler)
            disruptor.handleEventsWith(core::configure(batches, options));
        else
            disruptor.handleEventsWith(core::configure(runs, options));
        // A full ring waits before the stage starts, so its first wait sees a 64-event backlog.
        publishValues(disruptor.ringBuffer(), kSize);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                for (std::int64_t sequence = kSize; sequence < events; ++sequence)
                    ring.publishEvent([](Event &event, std::int64_t s) { event.value = valueFor(s); });
                if (!disruptor.shutdown(kDrainLimit))
                    throw std::runtime_error("shutdown did not drain the published events");
            });
        const std::string &problem = batchHandler ? batches.problem : runs.problem;
        QVERIFY2(problem.empty(), problem.c_str());
        QCOMPARE(batchHandler ? batches.expected : runs.expected, events);
        QCOMPARE(batchHandler ? batches.largest : runs.longest, expectedLargest);
    }

    void aggregateHandlerRunsEveryInnerHandlerInOrder_data() { addStrategyAndSizeRows(); }
    void aggregateHandlerRunsEveryInnerHandlerInOrder()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        Disruptor<Event, SingleProducerSequencer> disruptor(size, makeStrategy(strategy));
        // Each inner handler checks the mark of the one before it: they must run in order.
        HookedStage first(0, {}), second(1, {0}), third(2, {1});
        core::AggregateHandler aggregate(first, second, third);
        CheckingStage after(3, {2});
        disruptor.handleEventsWith(aggregate).then(after);
        const CpuContention contention(3);
        const std::int64_t events = eventsFor(strategy, size, 3);
        const std::string failure = publishAndDrain(disruptor, events);
        QVERIFY2(failure.empty(), failure.c_str());
        for (const HookedStage *inner : {&first, &second, &third}) {
            const std::string verdict = inner->verdict(events);
            QVERIFY2(verdict.empty(), verdict.c_str());
            QCOMPARE(inner->starts, 1);
            QCOMPARE(inner->shutdowns, 1);
        }
        const std::string verdict = after.verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTopologies)
#include "test_topologies.moc"
