// Whole Disruptors under load: every topology the builder offers, with every wait strategy and
// ring sizes from 1 up, always with more threads than cores. Stages check what they receive
// (order, values, upstream marks) and report after the run; the test thread asserts.

#include "test_support.h"

#include <QTest>

#include <deque>
#include <memory>

using namespace ringflow;
using namespace ringflow::test;

namespace {

constexpr int kProducers = 3;
constexpr int kWorkers = 4;
constexpr auto kDrainLimit = kThreadSanitizer ? 90s : 20s;

std::int64_t eventsFor(const QString &strategy, std::int64_t size)
{
    return handOffEvents(strategy, size, 2000, 8000);
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

/// The first verdict of `stages` that is not empty.
template <typename Stages>
std::string firstProblem(const Stages &stages, std::int64_t events)
{
    for (const CheckingStage &stage : stages) {
        if (std::string verdict = stage.verdict(events); !verdict.empty())
            return verdict;
    }
    return {};
}

/// A graph of stages on one single-producer ring: it adds its stages to the Disruptor and, after
/// the run, says what went wrong (empty when every check held).
class Topology {
public:
    virtual ~Topology() = default;
    /// The producer's and the stages' threads.
    virtual unsigned threads() const = 0;
    virtual void wire(SingleDisruptor &disruptor) = 0;
    virtual std::string verdict(std::int64_t events) const = 0;
};

/// Checking stages only: each sees every event, in order, after the stages it is wired after.
class CheckedStages final : public Topology {
public:
    using Wiring = void (*)(SingleDisruptor &, std::deque<CheckingStage> &);

    /// Stage k writes marks[k] and checks the marks of `upstream[k]`.
    CheckedStages(const std::vector<std::vector<int>> &upstream, Wiring wiring) : m_wiring(wiring)
    {
        for (std::size_t k = 0; k < upstream.size(); ++k)
            m_stages.emplace_back(int(k), upstream[k]);
    }
    unsigned threads() const override { return unsigned(m_stages.size()) + 1; }
    void wire(SingleDisruptor &disruptor) override { m_wiring(disruptor, m_stages); }
    std::string verdict(std::int64_t events) const override { return firstProblem(m_stages, events); }

private:
    Wiring m_wiring;
    std::deque<CheckingStage> m_stages; // stable addresses: the Disruptor references them
};

/// A worker that measures its claims: the events of one claim come in a row, the last with
/// endOfBatch set.
struct ClaimingWorker {
    std::vector<std::atomic<int>> *handledPerSequence = nullptr;
    std::int64_t run = 0;
    std::int64_t longest = 0;
    std::int64_t previous = -1;
    std::string problem;

    void onEvent(Event &, std::int64_t sequence, bool endOfBatch)
    {
        if (run > 0 && sequence != previous + 1 && problem.empty())
            problem = "a claim went from " + std::to_string(previous) + " to " + std::to_string(sequence);
        previous = sequence;
        ++run;
        (*handledPerSequence)[std::size_t(sequence)].fetch_add(1, std::memory_order_relaxed);
        if (endOfBatch) {
            longest = std::max(longest, run);
            run = 0;
        }
    }
};

/// A worker pool (built from a run-time sized list), then a stage: each event is handled by exactly
/// one worker, and the stage sees it only after that worker has.
class WorkerPoolThenStage final : public Topology {
public:
    explicit WorkerPoolThenStage(std::int64_t events) : m_handledPerSequence(std::size_t(events))
    {
        for (PoolWorker &worker : m_workers) {
            worker.handledPerSequence = &m_handledPerSequence;
            m_pool.push_back(&worker);
        }
    }
    unsigned threads() const override { return kWorkers + 2; }
    void wire(SingleDisruptor &disruptor) override
    {
        disruptor.handleEventsWithWorkerPool({.name = "pool"}, std::span<PoolWorker *const>(m_pool)).then(m_after);
    }
    std::string verdict(std::int64_t events) const override
    {
        for (const PoolWorker &worker : m_workers) {
            if (!worker.problem.empty())
                return worker.problem;
        }
        for (std::size_t sequence = 0; sequence < m_handledPerSequence.size(); ++sequence) {
            if (const int handled = m_handledPerSequence[sequence].load(); handled != 1)
                return "sequence " + std::to_string(sequence) + " was handled " + std::to_string(handled) + " times";
        }
        return m_after.verdict(events);
    }

private:
    std::vector<std::atomic<int>> m_handledPerSequence;
    std::array<PoolWorker, kWorkers> m_workers;
    std::vector<PoolWorker *> m_pool;
    CheckingStage m_after {2, {1}}; // workers mark slot 1
};

/// A batch handler, then a stage: contiguous batches no larger than the ring, split only at its end.
class BatchesThenStage final : public Topology {
public:
    explicit BatchesThenStage(std::int64_t size) : m_size(size), m_batches(size) { }
    unsigned threads() const override { return 3; }
    void wire(SingleDisruptor &disruptor) override { disruptor.handleEventsWith(m_batches).then(m_after); }
    std::string verdict(std::int64_t events) const override
    {
        if (!m_batches.problem.empty())
            return m_batches.problem;
        if (m_batches.expected != events)
            return "the batch handler saw " + std::to_string(m_batches.expected) + " of " + std::to_string(events)
                + " events";
        if (m_batches.largest > m_size)
            return "a batch of " + std::to_string(m_batches.largest) + " events on a ring of " + std::to_string(m_size);
        return m_after.verdict(events);
    }

private:
    std::int64_t m_size;
    BatchStage m_batches;
    CheckingStage m_after {1, {0}};
};

/// An AggregateHandler of three checking handlers, then a stage: the inner handlers run in order
/// (each checks the mark of the one before it) and each gets its lifecycle hooks once.
class AggregateThenStage final : public Topology {
public:
    unsigned threads() const override { return 3; }
    void wire(SingleDisruptor &disruptor) override { disruptor.handleEventsWith(m_aggregate).then(m_after); }
    std::string verdict(std::int64_t events) const override
    {
        for (const HookedStage &inner : m_inner) {
            if (std::string verdict = inner.verdict(events); !verdict.empty())
                return verdict;
            if (inner.starts != 1 || inner.shutdowns != 1)
                return "inner handler " + std::to_string(inner.mark) + " started " + std::to_string(inner.starts)
                    + " times and shut down " + std::to_string(inner.shutdowns) + " times";
        }
        return m_after.verdict(events);
    }

private:
    std::array<HookedStage, 3> m_inner {HookedStage(0, {}), HookedStage(1, {0}), HookedStage(2, {1})};
    core::AggregateHandler<HookedStage, HookedStage, HookedStage> m_aggregate {m_inner[0], m_inner[1], m_inner[2]};
    CheckingStage m_after {3, {2}};
};

/// The topologies every wait strategy and ring size is tried with.
struct TopologyRow {
    const char *name;
    std::unique_ptr<Topology> (*make)(std::int64_t size, std::int64_t events);
};

const TopologyRow kTopologies[] = {
    {"unicast",
        [](std::int64_t, std::int64_t) -> std::unique_ptr<Topology> {
            return std::make_unique<CheckedStages>(
                std::vector<std::vector<int>> {{}}, [](SingleDisruptor &d, auto &s) { d.handleEventsWith(s[0]); });
        }},
    {"pipeline",
        [](std::int64_t, std::int64_t) -> std::unique_ptr<Topology> {
            return std::make_unique<CheckedStages>(std::vector<std::vector<int>> {{}, {0}, {1}},
                [](SingleDisruptor &d, auto &s) { d.handleEventsWith(s[0]).then(s[1]).then(s[2]); });
        }},
    {"multicast",
        [](std::int64_t, std::int64_t) -> std::unique_ptr<Topology> {
            return std::make_unique<CheckedStages>(std::vector<std::vector<int>> {{}, {}, {}},
                [](SingleDisruptor &d, auto &s) { d.handleEventsWith(s[0], s[1], s[2]); });
        }},
    {"diamond",
        [](std::int64_t, std::int64_t) -> std::unique_ptr<Topology> {
            return std::make_unique<CheckedStages>(std::vector<std::vector<int>> {{}, {}, {0, 1}},
                [](SingleDisruptor &d, auto &s) { d.handleEventsWith(s[0], s[1]).then(s[2]); });
        }},
    {"worker pool",
        [](std::int64_t, std::int64_t events) -> std::unique_ptr<Topology> {
            return std::make_unique<WorkerPoolThenStage>(events);
        }},
    {"batch handler",
        [](std::int64_t size, std::int64_t) -> std::unique_ptr<Topology> {
            return std::make_unique<BatchesThenStage>(size);
        }},
    {"aggregate",
        [](std::int64_t, std::int64_t) -> std::unique_ptr<Topology> { return std::make_unique<AggregateThenStage>(); }},
};

/// Publishes a full ring before `disruptor` starts, so the first wait of its stages sees the whole
/// ring as a backlog, then the rest of `events` while they run, and drains. Runs as a runBounded
/// scenario.
void runFromAFullRing(SingleDisruptor &disruptor, std::int64_t events)
{
    const std::int64_t size = disruptor.ringBuffer().bufferSize();
    publishValues(disruptor.ringBuffer(), size);
    auto &ring = disruptor.start();
    for (std::int64_t sequence = size; sequence < events; ++sequence)
        ring.publishEvent([](Event &event, std::int64_t s) { event.value = valueFor(s); });
    if (!disruptor.shutdown(kDrainLimit))
        throw std::runtime_error("shutdown did not drain the published events");
}

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

    void everyTopologyDeliversEachEventOnceInOrder_data()
    {
        QTest::addColumn<int>("topology");
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<qint64>("size");
        for (int topology = 0; topology < int(std::size(kTopologies)); ++topology) {
            for (const std::string_view name : core::kWaitStrategyNames) {
                for (const std::int64_t size : bufferSizes())
                    QTest::addRow(
                        "%s/%s/size=%lld", kTopologies[topology].name, name.data(), static_cast<long long>(size))
                        << topology << QString::fromLatin1(name.data(), qsizetype(name.size())) << qint64(size);
            }
        }
    }
    void everyTopologyDeliversEachEventOnceInOrder()
    {
        QFETCH(int, topology);
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        const std::int64_t events = eventsFor(strategy, size);
        const std::unique_ptr<Topology> graph = kTopologies[topology].make(size, events);
        SingleDisruptor disruptor(size, makeStrategy(strategy));
        graph->wire(disruptor);
        const CpuContention contention(graph->threads());
        const std::string failure = publishAndDrain(disruptor, events, kDrainLimit);
        QVERIFY2(failure.empty(), failure.c_str());
        const std::string verdict = graph->verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
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
        MultiDisruptor disruptor(size, makeStrategy(strategy));
        ProducerOrderStage consumer;
        disruptor.handleEventsWith(consumer);
        const CpuContention contention(kProducers + 1);
        const std::int64_t perProducer = eventsFor(strategy, size) / kProducers;

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

    void workersClaimTheirShareOfABacklog()
    {
        // A full ring waits before the pool starts: after its first look, a worker claims its share
        // of what is unclaimed (half, for two), capped at kMaxClaim, in one compare-and-set.
        constexpr std::int64_t kSize = 64;
        const std::int64_t events = scaled(20000);
        SingleDisruptor disruptor(kSize, makeStrategy("blocking"));
        std::vector<std::atomic<int>> handledPerSequence(static_cast<std::size_t>(events));
        std::array<ClaimingWorker, 2> workers;
        std::vector<ClaimingWorker *> pool;
        for (ClaimingWorker &worker : workers) {
            worker.handledPerSequence = &handledPerSequence;
            pool.push_back(&worker);
        }
        disruptor.handleEventsWithWorkerPool({.name = "pool"}, std::span<ClaimingWorker *const>(pool));
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); }, [&] { runFromAFullRing(disruptor, events); });
        std::int64_t longest = 0;
        for (const ClaimingWorker &worker : workers) {
            QVERIFY2(worker.problem.empty(), worker.problem.c_str());
            QCOMPARE(worker.run, 0); // every claim ended with endOfBatch
            longest = std::max(longest, worker.longest);
        }
        using Worker = core::WorkProcessor<SingleDisruptor::Ring, ClaimingWorker>;
        QCOMPARE(longest, Worker::kMaxClaim);
        for (std::size_t sequence = 0; sequence < handledPerSequence.size(); ++sequence)
            QVERIFY2(handledPerSequence[sequence].load() == 1,
                qPrintable(QStringLiteral("sequence %1 handled %2 times")
                               .arg(sequence)
                               .arg(handledPerSequence[sequence].load())));
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
        SingleDisruptor disruptor(kSize, makeStrategy("blocking"));
        BatchStage batches(kSize, maxBatchSize);
        RunLengthStage runs;
        const core::StageOptions options {.name = "capped", .maxBatchSize = maxBatchSize};
        if (batchHandler)
            disruptor.handleEventsWith(core::configure(batches, options));
        else
            disruptor.handleEventsWith(core::configure(runs, options));
        // A full ring waits before the stage starts, so its first wait sees a 64-event backlog.
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); }, [&] { runFromAFullRing(disruptor, events); });
        const std::string &problem = batchHandler ? batches.problem : runs.problem;
        QVERIFY2(problem.empty(), problem.c_str());
        QCOMPARE(batchHandler ? batches.expected : runs.expected, events);
        QCOMPARE(batchHandler ? batches.largest : runs.longest, expectedLargest);
    }
};

QTEST_GUILESS_MAIN(TestTopologies)
#include "test_topologies.moc"
