// Rewindable batches: a handler throws core::RewindableException and gets the same batch again,
// whole, as the stage's RewindStrategy allows; after the last rewind the exception policy applies.
// Per-event, per-batch and async handlers, every wait strategy, small rings, more threads than cores.

#include "test_support.h"

#include <QTest>

using namespace ringflow;
using namespace ringflow::test;

namespace {

constexpr auto kDrainLimit = kThreadSanitizer ? 90s : 20s;

enum class Shape { PerEvent, PerBatch, Async };

/// Checks every delivery against the last: after a rewind the same first sequence and size, else
/// the batch right after the last one. Asks for rewinds in a pattern fixed by the batch's first
/// sequence (up to two per batch, one after each of its events on the second try), marks each
/// event as stage 0 and counts the deliveries that went through.
struct RewindingStage {
    std::int64_t announced = 0; ///< the size given to the last onBatchStart
    std::int64_t rewoundFirst = -1; ///< the first sequence of the batch being re-delivered, or -1
    std::int64_t rewoundSize = 0;
    std::int64_t nextFirst = 0; ///< where the next new batch must start
    std::int64_t rewindsOfBatch = 0;
    std::int64_t rewinds = 0;
    std::int64_t expected = 0; ///< next sequence within a delivery (per-event handler)
    std::string problem;

    void onBatchStart(std::int64_t batchSize, std::int64_t) { announced = batchSize; }

    void begin(std::int64_t first)
    {
        const std::int64_t wantFirst = rewoundFirst >= 0 ? rewoundFirst : nextFirst;
        if (problem.empty() && (first != wantFirst || (rewoundFirst >= 0 && announced != rewoundSize)))
            problem = "a delivery of " + std::to_string(announced) + " at " + std::to_string(first) + " where "
                + std::to_string(rewoundFirst >= 0 ? rewoundSize : -1) + " at " + std::to_string(wantFirst)
                + " was due";
        if (rewoundFirst < 0)
            rewindsOfBatch = 0;
        rewoundFirst = -1;
        expected = first;
    }
    /// Handles one event of the delivery that began at `first`; throws to ask for a rewind.
    void handle(Event &event, std::int64_t sequence, std::int64_t first)
    {
        if (problem.empty() && (sequence != expected || event.value != valueFor(sequence)))
            problem = "sequence " + std::to_string(sequence) + " out of place or wrong";
        expected = sequence + 1;
        event.marks[0] = sequence;
        const bool rewind = (first % 3 == 0 && rewindsOfBatch == 0) || (first % 5 == 1 && rewindsOfBatch < 2);
        if (rewind && sequence == first + announced - 1) {
            rewoundFirst = first;
            rewoundSize = announced;
            ++rewindsOfBatch;
            ++rewinds;
            throw core::RewindableException("again");
        }
        if (sequence == first + announced - 1)
            nextFirst = sequence + 1;
    }
};

struct PerEventRewinder : RewindingStage {
    std::int64_t first = 0;
    void onEvent(Event &event, std::int64_t sequence, bool)
    {
        if (sequence == nextFirst || sequence == rewoundFirst) {
            first = sequence;
            begin(sequence);
        }
        handle(event, sequence, first);
    }
};

struct PerBatchRewinder : RewindingStage {
    void onBatch(const core::EventBatch<Event> &batch, std::int64_t first)
    {
        begin(first);
        std::int64_t sequence = first;
        for (Event &event : batch)
            handle(event, sequence++, first);
    }
};

struct AsyncRewinder : RewindingStage {
    core::BatchTask onBatch(const core::EventBatch<Event> &batch, std::int64_t first)
    {
        begin(first);
        std::int64_t sequence = first;
        for (Event &event : batch)
            handle(event, sequence++, first);
        co_return;
    }
};

template <typename Stage>
std::string runRewinding(const QString &strategy, std::int64_t size, std::int64_t events, std::int64_t &rewinds)
{
    Stage stage;
    CheckingStage after(1, {0});
    SingleDisruptor disruptor(size, makeStrategy(strategy));
    disruptor
        .handleEventsWith(
            core::configure(stage, {.name = "rewinding", .maxBatchSize = 7, .rewind = core::RewindStrategy::always()}))
        .then(after);
    const CpuContention contention(3);
    std::string failure = publishAndDrain(disruptor, events, kDrainLimit);
    rewinds = stage.rewinds;
    if (failure.empty())
        failure = stage.problem;
    return failure.empty() ? after.verdict(events) : failure;
}

/// Asks for a rewind on every delivery of the batch that holds `sequence`.
struct AlwaysRewinding {
    std::int64_t sequence = 10;
    std::atomic<int> deliveries {0};
    std::atomic<std::int64_t> handled {0};
    void onBatch(const core::EventBatch<Event> &batch, std::int64_t first)
    {
        if (first <= sequence && sequence < first + std::int64_t(batch.size())) {
            deliveries.fetch_add(1);
            throw core::RewindableException("not yet");
        }
        handled.fetch_add(std::int64_t(batch.size()));
    }
};

} // namespace

class TestRewind : public QObject {
    Q_OBJECT

private slots:
    void rewoundBatchesComeAgainWholeAndNothingIsSkipped_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<qint64>("size");
        const char *shapes[] = {"onEvent", "onBatch", "async"};
        for (int shape = 0; shape < 3; ++shape) {
            for (const std::string_view name : core::kWaitStrategyNames) {
                for (const std::int64_t size : {std::int64_t {1}, std::int64_t {4}, bufferSizes().back()})
                    QTest::addRow("%s/%s/size=%lld", shapes[shape], name.data(), static_cast<long long>(size))
                        << shape << QString::fromLatin1(name.data(), qsizetype(name.size())) << qint64(size);
            }
        }
    }
    void rewoundBatchesComeAgainWholeAndNothingIsSkipped()
    {
        QFETCH(int, shape);
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        const std::int64_t events = scaled(strategy == QLatin1String("busy-spin") ? 300 : 3000);
        std::int64_t rewinds = 0;
        std::string failure;
        switch (Shape(shape)) {
        case Shape::PerEvent:
            failure = runRewinding<PerEventRewinder>(strategy, size, events, rewinds);
            break;
        case Shape::PerBatch:
            failure = runRewinding<PerBatchRewinder>(strategy, size, events, rewinds);
            break;
        case Shape::Async:
            failure = runRewinding<AsyncRewinder>(strategy, size, events, rewinds);
            break;
        }
        QVERIFY2(failure.empty(), failure.c_str());
        QVERIFY(rewinds > 0);
    }

    void afterTheLastRewindThePolicyApplies_data() { addSwitchRows("halt", "continue", "halt"); }
    void afterTheLastRewindThePolicyApplies()
    {
        QFETCH(bool, halt);
        AlwaysRewinding stage;
        SharedLog<core::HandlerError> errors;
        SingleDisruptor disruptor(64, makeStrategy(QStringLiteral("blocking")));
        disruptor.setErrorHandler([&](const core::HandlerError &error) { errors.append(error); });
        disruptor.handleEventsWith(core::configure(stage,
            {.name = "retrying",
                .policy = halt ? core::ExceptionPolicy::Halt : core::ExceptionPolicy::Continue,
                .maxBatchSize = 4,
                .rewind = core::RewindStrategy::upTo(2)}));
        auto &ring = disruptor.start();
        publishValues(ring, 40);
        if (halt)
            QVERIFY(eventually([&] { return disruptor.hasFailed(); }));
        else
            QVERIFY(disruptor.shutdown(kDrainLimit));
        disruptor.halt();
        QCOMPARE(stage.deliveries.load(), 3); // the first delivery and two rewinds
        const auto entries = errors.values();
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(entries[0].fatal, halt);
        QCOMPARE(core::exceptionMessage(entries[0].error), std::string("not yet"));
        if (!halt)
            QVERIFY(stage.handled.load() >= 36); // every batch but the failed one
    }

    void backOffSpacesTheDeliveriesAndAHaltCutsItShort_data() { addSwitchRows("async", "onBatch", "async"); }
    void backOffSpacesTheDeliveriesAndAHaltCutsItShort()
    {
        QFETCH(bool, async);
        struct Timed {
            std::vector<std::chrono::steady_clock::time_point> deliveries;
            void record(std::int64_t first)
            {
                if (first == 0) {
                    deliveries.push_back(std::chrono::steady_clock::now());
                    throw core::RewindableException("later");
                }
            }
        };
        struct SyncTimed : Timed {
            void onBatch(const core::EventBatch<Event> &, std::int64_t first) { record(first); }
        } syncStage;
        struct AsyncTimed : Timed {
            core::BatchTask onBatch(const core::EventBatch<Event> &, std::int64_t first)
            {
                record(first);
                co_return;
            }
        } asyncStage;
        Timed &timed = async ? static_cast<Timed &>(asyncStage) : syncStage;
        SingleDisruptor disruptor(8, makeStrategy(QStringLiteral("blocking")));
        const core::StageOptions options {.name = "timed", .rewind = core::RewindStrategy::always(30ms)};
        if (async)
            disruptor.handleEventsWith(core::configure(asyncStage, options));
        else
            disruptor.handleEventsWith(core::configure(syncStage, options));
        publishValues(disruptor.start(), 1);
        std::this_thread::sleep_for(100ms);
        const auto haltStarted = std::chrono::steady_clock::now();
        disruptor.halt();
        // A stage thread's pause ends at the halt; an async stage's back-off is a timer on the
        // executor, which the halt waits out.
        const auto bound = (async ? 30ms : 0ms) + (kThreadSanitizer ? 100ms : 25ms);
        QVERIFY(std::chrono::steady_clock::now() - haltStarted < bound);
        QVERIFY(timed.deliveries.size() >= 2);
        for (std::size_t i = 1; i < timed.deliveries.size(); ++i)
            QVERIFY(timed.deliveries[i] - timed.deliveries[i - 1] >= 30ms);
    }
};

QTEST_GUILESS_MAIN(TestRewind)
#include "test_rewind.moc"
