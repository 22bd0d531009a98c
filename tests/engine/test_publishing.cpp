// The publishing calls beyond next()/publish(): tryPublishEvent(s), publishEvents and
// hasAvailableCapacity. Under load (more producer threads than cores, every wait strategy, ring
// sizes from 1 up) a try-publish never waits and never loses a slot it claimed, and a range
// published in one call arrives whole and in order; the edge cases (full, halted, a translator
// that throws) are checked one by one.

#include "test_support.h"

#include <QTest>

#include <deque>
#include <memory>

using namespace ringflow;
using namespace ringflow::test;

namespace {

constexpr auto kDrainLimit = kThreadSanitizer ? 60s : 20s;

/// Attempts per producer: fewer for busy-spin and tiny rings, where every hand-off may cost a time
/// slice with more threads than cores.
std::int64_t attemptsFor(const QString &strategy, std::int64_t size)
{
    std::int64_t attempts = size <= 4 ? 1500 : 5000;
    if (strategy == QLatin1String("busy-spin"))
        attempts /= 5;
    return scaled(attempts);
}

unsigned producerCount()
{
    return cores() + 2; // more producers than cores
}

/// Checks that each producer's events arrive in that producer's order, each once: a producer
/// writes its number and its own running count of published events. Events published by one
/// call carry the call's first count in marks[2] and their place in the call in marks[3]; such a
/// call's events must occupy consecutive sequences.
struct PerProducerOrderStage {
    explicit PerProducerOrderStage(unsigned producers) : received(producers, 0) { }

    std::vector<std::int64_t> received;
    std::int64_t expected = 0;
    std::int64_t previousProducer = -1;
    std::string problem;

    void onEvent(Event &event, std::int64_t sequence, bool)
    {
        if (!problem.empty())
            return;
        const std::int64_t producer = event.producer;
        if (sequence != expected)
            problem = "got sequence " + std::to_string(sequence) + ", expected " + std::to_string(expected);
        else if (producer < 0 || producer >= std::int64_t(received.size()))
            problem = "sequence " + std::to_string(sequence) + " has no producer";
        else if (event.value != received[std::size_t(producer)])
            problem = "producer " + std::to_string(producer) + "'s event "
                + std::to_string(received[std::size_t(producer)]) + " arrived as " + std::to_string(event.value);
        else if (event.marks[3] > 0 && previousProducer != producer)
            problem = "the call of producer " + std::to_string(producer) + " that began with event "
                + std::to_string(event.marks[2]) + " was split at sequence " + std::to_string(sequence);
        if (problem.empty())
            ++received[std::size_t(producer)];
        previousProducer = producer;
        expected = sequence + 1;
    }
};

/// Runs produce(p) for p = 0..count-1, each on a thread of its own, and joins them.
template <typename Produce>
void onThreads(unsigned count, Produce &&produce)
{
    std::vector<std::thread> threads;
    for (unsigned p = 0; p < count; ++p)
        threads.emplace_back([&produce, p] { produce(p); });
    for (std::thread &thread : threads)
        thread.join();
}

/// What one try-publishing producer did.
struct TryTally {
    std::int64_t attempts = 0;
    std::int64_t accepted = 0; ///< attempts that published
    std::int64_t refused = 0; ///< attempts that reported Full
    std::int64_t events = 0; ///< events published (a batch attempt publishes several)
    std::int64_t other = 0; ///< any other answer (Halted): must not happen while running
};

/// Makes `attempts` try-publishes, alternating single events with batches of up to 3.
template <typename Ring>
TryTally tryPublishFrom(Ring &ring, std::int64_t producer, std::int64_t attempts)
{
    TryTally tally;
    for (; tally.attempts < attempts; ++tally.attempts) {
        const std::int64_t first = tally.events;
        std::int64_t place = 0;
        auto translate = [&](Event &event, std::int64_t) {
            event.producer = producer;
            event.value = tally.events++;
            event.marks[2] = first;
            event.marks[3] = place++;
        };
        const std::int64_t batch = std::min<std::int64_t>(ring.bufferSize(), tally.attempts % 3 + 1);
        const core::ClaimResult result
            = batch == 1 ? ring.tryPublishEvent(translate) : ring.tryPublishEvents(batch, translate);
        if (result.status == core::ClaimStatus::Claimed)
            ++tally.accepted;
        else if (result.status == core::ClaimStatus::Full)
            ++tally.refused;
        else
            ++tally.other;
    }
    return tally;
}

/// Publishes `calls` ranges of 1 to 4 events (as a range or as a count) with plain publishEvents.
template <typename Ring>
void publishRangesFrom(Ring &ring, std::int64_t producer, std::int64_t calls)
{
    std::int64_t published = 0;
    for (std::int64_t call = 0; call < calls; ++call) {
        const std::int64_t length = std::min<std::int64_t>(ring.bufferSize(), call % 4 + 1);
        const std::int64_t first = published;
        if (call % 2 == 0) {
            std::array<std::int64_t, 4> places {0, 1, 2, 3};
            ring.publishEvents(
                std::span(places).first(std::size_t(length)), [&](Event &event, std::int64_t, std::int64_t place) {
                    event = {published++, producer, {-1, -1, first, place}};
                });
        } else {
            std::int64_t place = 0;
            ring.publishEvents(length, [&](Event &event, std::int64_t) {
                event = {published++, producer, {-1, -1, first, place++}};
            });
        }
    }
}

/// Counts the events it receives and keeps the first one until `release` is set (or the ring is
/// halted): a consumer that stalls the ring.
struct HoldingStage {
    const core::Sequencer *sequencer = nullptr;
    std::atomic<bool> release {false};
    std::atomic<std::int64_t> events {0};
    void onEvent(Event &, std::int64_t, bool)
    {
        while (!release.load(std::memory_order_acquire) && !sequencer->isHalted())
            std::this_thread::sleep_for(1ms);
        events.fetch_add(1, std::memory_order_relaxed);
    }
};

} // namespace

class TestPublishing : public QObject {
    Q_OBJECT

    // With the only consumer stalled on its first event, producers trying to publish fill the ring
    // exactly once, then every attempt is refused at once; after the halt, attempts report Halted.
    template <typename D>
    void checkTryPublishWithAStalledConsumer(const QString &strategy, std::int64_t size, unsigned producers)
    {
        D disruptor(size, makeStrategy(strategy));
        HoldingStage stage;
        stage.sequencer = &disruptor.ringBuffer().sequencer();
        disruptor.handleEventsWith(stage);
        const std::int64_t attempts = scaled(20'000);
        std::vector<TryTally> tallies(producers);
        const std::string failure = runBounded(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                onThreads(producers, [&](unsigned p) { tallies[p] = tryPublishFrom(ring, p, attempts); });
            },
            kThreadSanitizer ? 40s : 10s); // a publish that waited would wait for ever
        QVERIFY2(failure.empty(), failure.c_str());
        std::int64_t events = 0;
        for (const TryTally &tally : tallies) {
            QCOMPARE(tally.attempts, attempts);
            QCOMPARE(tally.accepted + tally.refused, attempts);
            QCOMPARE(tally.other, std::int64_t {0});
            events += tally.events;
        }
        QCOMPARE(events, size); // the stalled stage holds sequence -1: exactly one ring's worth fits
        QVERIFY(!disruptor.ringBuffer().hasAvailableCapacity(1));
        disruptor.halt();
        bool translated = false;
        const core::ClaimResult halted
            = disruptor.ringBuffer().tryPublishEvent([&](Event &, std::int64_t) { translated = true; });
        QCOMPARE(halted.status, core::ClaimStatus::Halted);
        QVERIFY(!translated);
    }

private slots:
    void tryPublishNeverWaitsForAStalledConsumer_data() { addStrategyAndSwitchRows("multi", "1P", "manyP"); }
    void tryPublishNeverWaitsForAStalledConsumer()
    {
        QFETCH(QString, strategy);
        QFETCH(bool, multi);
        for (const std::int64_t size : bufferSizes()) {
            if (multi)
                checkTryPublishWithAStalledConsumer<MultiDisruptor>(strategy, size, producerCount());
            else
                checkTryPublishWithAStalledConsumer<SingleDisruptor>(strategy, size, 1);
            if (QTest::currentTestFailed())
                return;
        }
    }

    // Many producers try to publish into a ring that a checking consumer drains: every event that
    // was accepted arrives exactly once, in its producer's order, a batch in one piece; every
    // attempt was either accepted or refused.
    void tryPublishLosesNoClaimedSlot_data() { addStrategyAndSizeRows(); }
    void tryPublishLosesNoClaimedSlot()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        const unsigned producers = producerCount();
        const std::int64_t attempts = attemptsFor(strategy, size);
        MultiDisruptor disruptor(size, makeStrategy(strategy));
        PerProducerOrderStage stage(producers);
        disruptor.handleEventsWith(stage);
        std::vector<TryTally> tallies(producers);
        CpuContention contention(producers + 1);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                onThreads(producers, [&](unsigned p) { tallies[p] = tryPublishFrom(ring, p, attempts); });
                if (!disruptor.shutdown(kDrainLimit))
                    throw std::runtime_error("shutdown did not drain the published events");
            });
        QVERIFY2(stage.problem.empty(), stage.problem.c_str());
        std::int64_t events = 0;
        for (unsigned p = 0; p < producers; ++p) {
            QCOMPARE(tallies[p].accepted + tallies[p].refused, attempts);
            QCOMPARE(tallies[p].other, std::int64_t {0});
            QCOMPARE(stage.received[p], tallies[p].events);
            events += tallies[p].events;
        }
        QVERIFY(events > 0);
        QCOMPARE(stage.expected, events);
    }

    // publishEvents from many producers: every range arrives whole, in order, each event once.
    void publishEventsKeepsRangesWhole_data() { addStrategyAndSizeRows(); }
    void publishEventsKeepsRangesWhole()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        const unsigned producers = producerCount();
        const std::int64_t calls = attemptsFor(strategy, size) / 4;
        MultiDisruptor disruptor(size, makeStrategy(strategy));
        PerProducerOrderStage stage(producers);
        disruptor.handleEventsWith(stage);
        CpuContention contention(producers + 1);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                onThreads(producers, [&](unsigned p) { publishRangesFrom(ring, p, calls); });
                if (!disruptor.shutdown(kDrainLimit))
                    throw std::runtime_error("shutdown did not drain the published events");
            });
        QVERIFY2(stage.problem.empty(), stage.problem.c_str());
        std::int64_t perProducer = 0;
        for (std::int64_t call = 0; call < calls; ++call)
            perProducer += std::min<std::int64_t>(size, call % 4 + 1);
        for (unsigned p = 0; p < producers; ++p)
            QCOMPARE(stage.received[p], perProducer);
        QCOMPARE(disruptor.ringBuffer().cursor(), perProducer * producers - 1);
    }

    // One translator call per event, in sequence order, then one publish of the whole range.
    void publishEventsTranslatesEachEventOnceThenPublishesTheRange()
    {
        core::RingBuffer<Event, core::MultiProducerSequencer> ring(8, makeStrategy("blocking"));
        std::vector<std::int64_t> translated;
        const std::vector<std::int64_t> values {10, 20, 30};
        ring.publishEvents(values, [&](Event &event, std::int64_t sequence, std::int64_t value) {
            // Nothing of the range is visible while it is being filled.
            QVERIFY(!ring.sequencer().isAvailable(sequence - std::int64_t(translated.size())));
            event.value = value;
            translated.push_back(sequence);
        });
        QCOMPARE(translated, (std::vector<std::int64_t> {0, 1, 2}));
        for (std::int64_t sequence = 0; sequence < 3; ++sequence) {
            QVERIFY(ring.sequencer().isAvailable(sequence));
            QCOMPARE(ring[sequence].value, values[std::size_t(sequence)]);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ring.publishEvents(9, [](Event &, std::int64_t) {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ring.tryPublishEvents(0, [](Event &, std::int64_t) {}));
    }

    // A translator that throws still leaves every claimed slot published, as publishEvent does.
    void aThrowingTranslatorStillPublishesEveryClaimedSlot()
    {
        core::RingBuffer<Event, core::SingleProducerSequencer> ring(8, makeStrategy("blocking"));
        const auto throwAt = [](std::int64_t failing) {
            return [failing](Event &, std::int64_t sequence) {
                if (sequence == failing)
                    throw std::runtime_error("translator failed");
            };
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ring.publishEvents(3, throwAt(1)));
        QCOMPARE(ring.cursor(), std::int64_t {2});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ring.tryPublishEvents(2, throwAt(3)));
        QCOMPARE(ring.cursor(), std::int64_t {4});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ring.tryPublishEvent(throwAt(5)));
        QCOMPARE(ring.cursor(), std::int64_t {5});
    }

    // hasAvailableCapacity follows the slowest gating sequence; a full ring refuses without
    // calling the translator, whole batches only.
    void capacityFollowsTheSlowestConsumer()
    {
        core::RingBuffer<Event, core::MultiProducerSequencer> ring(8, makeStrategy("blocking"));
        core::Sequence consumer;
        const core::Sequence *const gating[] {&consumer};
        ring.sequencer().addGatingSequences(gating);
        QVERIFY(ring.hasAvailableCapacity(8));
        ring.publishEvents(5, [](Event &, std::int64_t) {});
        QVERIFY(ring.hasAvailableCapacity(3));
        QVERIFY(!ring.hasAvailableCapacity(4));
        int calls = 0;
        const auto count = [&](Event &, std::int64_t) { ++calls; };
        QCOMPARE(ring.tryPublishEvents(4, count).status, core::ClaimStatus::Full);
        QCOMPARE(calls, 0);
        const core::ClaimResult three = ring.tryPublishEvents(3, count);
        QVERIFY(three);
        QCOMPARE(three.sequence, std::int64_t {7});
        QCOMPARE(calls, 3);
        QCOMPARE(ring.tryPublishEvent(count).status, core::ClaimStatus::Full);
        consumer.set(1);
        QVERIFY(ring.hasAvailableCapacity(2));
        QVERIFY(!ring.hasAvailableCapacity(3));
        QCOMPARE(ring.tryPublishEvent(count).sequence, std::int64_t {8});
    }
};

QTEST_GUILESS_MAIN(TestPublishing)
#include "test_publishing.moc"
