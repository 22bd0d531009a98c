// The ring and its sequencers on their own, driven from the test thread: claims, publication,
// capacity, wrapping batches and halting, for the single- and the multi-producer sequencer.

#include "test_support.h"

#include "core/ring_buffer.h"

#include <QTest>

#include <memory>

using namespace ringflow;
using namespace ringflow::test;
using core::ClaimStatus;
using core::Sequence;

namespace {

using Ring = core::RingBuffer<std::int64_t, core::Sequencer>;

std::unique_ptr<core::Sequencer> makeSequencer(
    bool multi, std::int64_t size, std::unique_ptr<core::WaitStrategy> strategy = nullptr)
{
    if (!strategy)
        strategy = std::make_unique<core::BlockingWaitStrategy>();
    if (multi)
        return std::make_unique<core::MultiProducerSequencer>(size, std::move(strategy));
    return std::make_unique<core::SingleProducerSequencer>(size, std::move(strategy));
}

void addProducerRows()
{
    QTest::addColumn<bool>("multi");
    QTest::newRow("single-producer") << false;
    QTest::newRow("multi-producer") << true;
}

/// A ring gated by one consumer sequence the test moves by hand.
struct GatedRing {
    Sequence consumer;
    Ring ring;
    GatedRing(bool multi, std::int64_t size, std::unique_ptr<core::WaitStrategy> strategy = nullptr)
        : ring(makeSequencer(multi, size, std::move(strategy)))
    {
        const Sequence *gating[] = {&consumer};
        ring.sequencer().addGatingSequences(gating);
    }
};

} // namespace

class TestSequencer : public QObject {
    Q_OBJECT

private slots:
    void sequenceFillsAndAlignsToItsFalseSharingRange()
    {
        QCOMPARE(sizeof(Sequence), std::size_t {128});
        QCOMPARE(alignof(Sequence), std::size_t {128});
        // Heap and array placement must honour the alignment too (aligned operator new).
        const auto many = std::make_unique<Sequence[]>(3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(reinterpret_cast<std::uintptr_t>(&many[i]) % 128, std::uintptr_t {0});
            QCOMPARE(many[i].get(), Sequence::kInitial);
        }
        QCOMPARE(reinterpret_cast<const char *>(&many[1]) - reinterpret_cast<const char *>(&many[0]), 128);
    }

    void sequenceCountsAtomically()
    {
        Sequence sequence(5);
        QCOMPARE(sequence.fetchAdd(3), std::int64_t {5});
        QVERIFY(!sequence.compareAndSet(5, 9));
        QVERIFY(sequence.compareAndSet(8, 9));
        QCOMPARE(sequence.get(), std::int64_t {9});
    }

    void ringRejectsSizesThatAreNotPowersOfTwo_data() { addProducerRows(); }
    void ringRejectsSizesThatAreNotPowersOfTwo()
    {
        QFETCH(bool, multi);
        for (const std::int64_t size : {0, 3, 6, -4, 1000}) {
            try {
                Ring ring(makeSequencer(multi, size));
                QFAIL(qPrintable(QString("size %1 was accepted").arg(size)));
            } catch (const std::invalid_argument &e) {
                QVERIFY2(std::string(e.what()).find(std::to_string(size)) != std::string::npos, e.what());
            }
        }
    }

    void ringCreatesEverySlotUpFrontWithTheFactory()
    {
        std::int64_t made = 0;
        const core::RingBuffer<std::int64_t, core::SingleProducerSequencer> ring(
            8, std::make_unique<core::BusySpinWaitStrategy>(), [&made] { return 100 + made++; });
        QCOMPARE(made, std::int64_t {8});
        for (std::int64_t sequence = 0; sequence < 8; ++sequence) {
            QCOMPARE(ring[sequence], 100 + sequence);
            QCOMPARE(&ring[sequence + 8], &ring[sequence]); // the same slot one lap later
        }
    }

    void claimsAndPublishesAdvanceTheCursor_data() { addProducerRows(); }
    void claimsAndPublishesAdvanceTheCursor()
    {
        QFETCH(bool, multi);
        GatedRing gated(multi, 8);
        Ring &ring = gated.ring;
        QCOMPARE(ring.cursor(), std::int64_t {-1});
        QCOMPARE(ring.remainingCapacity(), std::int64_t {8});

        QCOMPARE(ring.next(), std::int64_t {0});
        ring.publish(0);
        QCOMPARE(ring.cursor(), std::int64_t {0});
        QVERIFY(ring.sequencer().isAvailable(0));
        QCOMPARE(ring.remainingCapacity(), std::int64_t {7});

        QCOMPARE(ring.next(3), std::int64_t {3});
        ring.publish(1, 3);
        QCOMPARE(ring.cursor(), std::int64_t {3});
        for (std::int64_t sequence = 0; sequence <= 3; ++sequence)
            QVERIFY(ring.sequencer().isAvailable(sequence));
        QVERIFY(!ring.sequencer().isAvailable(4));
        QCOMPARE(ring.remainingCapacity(), std::int64_t {4});

        const core::ClaimResult claim = ring.tryNext(2);
        QCOMPARE(claim.status, ClaimStatus::Claimed);
        QVERIFY(bool(claim));
        QCOMPARE(claim.sequence, std::int64_t {5});
        ring.publish(4, 5);
        QCOMPARE(ring.remainingCapacity(), std::int64_t {2});

        gated.consumer.set(3); // the consumer has finished 0..3
        QCOMPARE(ring.remainingCapacity(), std::int64_t {6});
    }

    void tryNextReportsFullWhileTheGatingSequenceDoesNotMove_data()
    {
        QTest::addColumn<bool>("multi");
        QTest::addColumn<qint64>("size");
        for (const bool multi : {false, true})
            for (const qint64 size : {1, 2, 4, 16})
                QTest::addRow("%s/size=%lld", multi ? "multi" : "single", size) << multi << size;
    }
    void tryNextReportsFullWhileTheGatingSequenceDoesNotMove()
    {
        QFETCH(bool, multi);
        QFETCH(qint64, size);
        GatedRing gated(multi, size);
        Ring &ring = gated.ring;
        for (std::int64_t i = 0; i < size; ++i) {
            const core::ClaimResult claim = ring.tryNext();
            QCOMPARE(claim.status, ClaimStatus::Claimed);
            QCOMPARE(claim.sequence, i);
            ring.publish(i);
        }
        QCOMPARE(ring.remainingCapacity(), std::int64_t {0});
        for (int attempt = 0; attempt < 3; ++attempt) // a failed claim must not consume anything
            QCOMPARE(ring.tryNext().status, ClaimStatus::Full);

        gated.consumer.set(size / 2); // frees size/2 + 1 slots
        const std::int64_t freed = size / 2 + 1;
        if (freed < size)
            QCOMPARE(ring.tryNext(freed + 1).status, ClaimStatus::Full);
        const core::ClaimResult claim = ring.tryNext(freed);
        QCOMPARE(claim.status, ClaimStatus::Claimed);
        QCOMPARE(claim.sequence, size - 1 + freed);
        QCOMPARE(ring.tryNext().status, ClaimStatus::Full);
    }

    void claimingMoreThanTheRingHoldsThrows_data()
    {
        QTest::addColumn<bool>("multi");
        QTest::addColumn<qint64>("n");
        for (const bool multi : {false, true})
            for (const qint64 n : {5, 64, 0, -1})
                QTest::addRow("%s/n=%lld", multi ? "multi" : "single", n) << multi << n;
    }
    void claimingMoreThanTheRingHoldsThrows()
    {
        QFETCH(bool, multi);
        QFETCH(qint64, n);
        GatedRing gated(multi, 4);
        bool nextThrew = false;
        bool tryNextThrew = false;
        // Bounded: a sequencer that accepted n > size would wait for capacity that never comes.
        RF_RUN_BOUNDED(
            currentScenario(), [&] { gated.ring.sequencer().halt(); },
            [&] {
                try {
                    gated.ring.next(n);
                } catch (const std::invalid_argument &) {
                    nextThrew = true;
                }
                try {
                    gated.ring.tryNext(n);
                } catch (const std::invalid_argument &) {
                    tryNextThrew = true;
                }
            });
        QVERIFY(nextThrew);
        QVERIFY(tryNextThrew);
        QCOMPARE(gated.ring.cursor(), std::int64_t {-1}); // nothing was claimed on the way
        QCOMPARE(gated.ring.remainingCapacity(), std::int64_t {4});
    }

    void multiProducerAvailabilityStopsAtTheFirstUnpublishedSlot()
    {
        GatedRing gated(true, 8);
        Ring &ring = gated.ring;
        const core::Sequencer &sequencer = ring.sequencer();
        QCOMPARE(ring.next(5), std::int64_t {4});
        QCOMPARE(ring.cursor(), std::int64_t {4}); // multi-producer: the cursor is the highest claim
        ring.publish(0);
        ring.publish(1);
        ring.publish(3, 4); // 2 is still being filled by a slower producer
        QVERIFY(sequencer.isAvailable(0));
        QVERIFY(sequencer.isAvailable(1));
        QVERIFY(!sequencer.isAvailable(2));
        QVERIFY(sequencer.isAvailable(3));
        QVERIFY(sequencer.isAvailable(4));
        QCOMPARE(sequencer.highestPublishedSequence(0, 4), std::int64_t {1});
        QCOMPARE(sequencer.highestPublishedSequence(2, 4), std::int64_t {1});
        QCOMPARE(sequencer.highestPublishedSequence(3, 4), std::int64_t {4});
        ring.publish(2);
        QCOMPARE(sequencer.highestPublishedSequence(0, 4), std::int64_t {4});

        // One lap later the same slots belong to new sequences: the old lap must not count.
        gated.consumer.set(4);
        QCOMPARE(ring.next(5), std::int64_t {9});
        QVERIFY(!sequencer.isAvailable(8));
        QVERIFY(!sequencer.isAvailable(9));
        ring.publish(9);
        QVERIFY(!sequencer.isAvailable(5));
        QCOMPARE(sequencer.highestPublishedSequence(5, 9), std::int64_t {4});
        QVERIFY(sequencer.isAvailable(9));
        QVERIFY(!sequencer.isAvailable(1)); // slot 1 now holds sequence 9
    }

    void singleProducerAvailabilityFollowsTheCursor()
    {
        GatedRing gated(false, 4);
        Ring &ring = gated.ring;
        QCOMPARE(ring.next(3), std::int64_t {2});
        QVERIFY(!ring.sequencer().isAvailable(0)); // claimed is not published
        ring.publish(0, 2);
        QVERIFY(ring.sequencer().isAvailable(2));
        QVERIFY(!ring.sequencer().isAvailable(3));
        QCOMPARE(ring.sequencer().highestPublishedSequence(0, 2), std::int64_t {2});
        QVERIFY(!ring.sequencer().publishesOutOfOrder());
    }

    void batchWrapsTheEndOfTheRingAsTwoPieces_data()
    {
        QTest::addColumn<qint64>("lo");
        QTest::addColumn<qint64>("hi");
        QTest::addColumn<qint64>("firstSize");
        QTest::newRow("inside the ring") << qint64(2) << qint64(5) << qint64(4);
        QTest::newRow("ends at the last slot") << qint64(4) << qint64(7) << qint64(4);
        QTest::newRow("wraps") << qint64(6) << qint64(9) << qint64(2);
        QTest::newRow("wraps on a later lap") << qint64(23) << qint64(28) << qint64(1);
        QTest::newRow("whole ring from the middle") << qint64(5) << qint64(12) << qint64(3);
        QTest::newRow("one event") << qint64(7) << qint64(7) << qint64(1);
    }
    void batchWrapsTheEndOfTheRingAsTwoPieces()
    {
        QFETCH(qint64, lo);
        QFETCH(qint64, hi);
        QFETCH(qint64, firstSize);
        std::int64_t slot = 0;
        const core::RingBuffer<std::int64_t, core::SingleProducerSequencer> ring(
            8, std::make_unique<core::BusySpinWaitStrategy>(), [&slot] { return slot++; });
        const core::EventBatch<std::int64_t> batch = ring.batch(lo, hi);
        QCOMPARE(qint64(batch.size()), hi - lo + 1);
        QCOMPARE(qint64(batch.first().size()), firstSize);
        QCOMPARE(qint64(batch.second().size()), hi - lo + 1 - firstSize);
        QCOMPARE(batch.first().data(), &ring[lo]); // no copy: the pieces are views of the slots
        if (!batch.second().empty())
            QCOMPARE(batch.second().data(), &ring[0]);
        std::int64_t sequence = lo;
        for (const std::int64_t &event : batch) {
            QCOMPARE(&event, &ring[sequence]);
            QCOMPARE(event, sequence % 8);
            ++sequence;
        }
        QCOMPARE(sequence, hi + 1);
        QCOMPARE(batch[std::size_t(hi - lo)], hi % 8);
    }

    void haltMakesTryNextReportHalted_data() { addProducerRows(); }
    void haltMakesTryNextReportHalted()
    {
        QFETCH(bool, multi);
        GatedRing gated(multi, 4);
        QCOMPARE(gated.ring.tryNext().status, ClaimStatus::Claimed);
        QVERIFY(!gated.ring.sequencer().isHalted());
        gated.ring.sequencer().halt();
        QVERIFY(gated.ring.sequencer().isHalted());
        const core::ClaimResult claim = gated.ring.tryNext();
        QCOMPARE(claim.status, ClaimStatus::Halted);
        QVERIFY(!claim);
    }

    void haltReleasesAProducerBlockedInNext_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<bool>("multi");
        for (const std::string_view name : core::kWaitStrategyNames)
            for (const bool multi : {false, true})
                QTest::addRow("%s/%s", name.data(), multi ? "multi" : "single")
                    << QString::fromLatin1(name.data(), qsizetype(name.size())) << multi;
    }
    void haltReleasesAProducerBlockedInNext()
    {
        QFETCH(QString, strategy);
        QFETCH(bool, multi);
        GatedRing gated(multi, 2, makeStrategy(strategy));
        Ring &ring = gated.ring;
        const std::int64_t filled = ring.next(2); // full: the consumer never moves
        ring.publish(filled - 1, filled);

        std::atomic<bool> entered {false};
        std::atomic<bool> released {false};
        std::atomic<bool> claimed {false};
        RF_RUN_BOUNDED(
            currentScenario(), [&] { ring.sequencer().halt(); },
            [&] {
                std::thread producer([&] {
                    entered.store(true);
                    try {
                        ring.next();
                        claimed.store(true);
                    } catch (const core::Halted &) {
                        released.store(true);
                    }
                });
                // Give the producer time to get past its first check and into the wait strategy.
                eventually([&] { return entered.load(); });
                std::this_thread::sleep_for(20ms);
                const bool stillBlocked = !released.load() && !claimed.load();
                ring.sequencer().halt();
                producer.join();
                if (!stillBlocked)
                    throw std::runtime_error("next() returned although the ring was full");
            });
        QVERIFY(released.load());
        QVERIFY(!claimed.load());
    }

    void remainingCapacityFollowsTheSlowestGatingSequence_data() { addProducerRows(); }
    void remainingCapacityFollowsTheSlowestGatingSequence()
    {
        QFETCH(bool, multi);
        GatedRing gated(multi, 8);
        Sequence slow;
        const Sequence *more[] = {&slow};
        gated.ring.sequencer().addGatingSequences(more);
        gated.ring.publish(0, gated.ring.next(6));
        gated.consumer.set(5);
        QCOMPARE(gated.ring.remainingCapacity(), std::int64_t {2}); // `slow` has consumed nothing
        slow.set(3);
        QCOMPARE(gated.ring.remainingCapacity(), std::int64_t {6});
        QVERIFY(gated.ring.sequencer().removeGatingSequence(&slow));
        QCOMPARE(gated.ring.remainingCapacity(), std::int64_t {8});
        QVERIFY(!gated.ring.sequencer().removeGatingSequence(&slow));
    }

    void makeWaitStrategyKnowsEveryListedName()
    {
        for (const std::string_view name : core::kWaitStrategyNames) {
            const auto strategy = core::makeWaitStrategy(name);
            QVERIFY2(strategy, name.data());
            QCOMPARE(strategy->name(), name);
        }
        QVERIFY(!core::makeWaitStrategy("no-such-strategy"));
    }
};

QTEST_GUILESS_MAIN(TestSequencer)
#include "test_sequencer.moc"
