// EventPoller: pull-based consumption on the caller's thread. poll() reports Idle, Gating and
// Processing as LMAX's does; the poller gates producers like any stage and a stage can follow it;
// under load (more threads than cores, every wait strategy, ring sizes from 1 up) it sees every
// event of several producers exactly once, in order.

#include "test_support.h"

#include <QTest>

using namespace ringflow;
using namespace ringflow::test;

namespace {

constexpr auto kDrainLimit = kThreadSanitizer ? 60s : 20s;
constexpr int kProducers = 3;

/// Events per producer: fewer for busy-spin and tiny rings, where with more threads than cores a
/// hand-off may cost a whole time slice.
std::int64_t eventsFor(const QString &strategy, std::int64_t size)
{
    std::int64_t events = size <= 4 ? 2000 : 10000;
    if (strategy == QLatin1String("busy-spin"))
        events /= 10;
    return scaled(events);
}

/// The poller's handler: consecutive sequences from 0, the producer's value, each producer's
/// events in its order; marks each event as stage 0 for the stage after the poller.
struct PolledChecks {
    std::int64_t expected = 0;
    std::array<std::int64_t, kProducers> received {};
    std::string problem;

    bool operator()(Event &event, std::int64_t sequence, bool)
    {
        if (problem.empty()) {
            if (sequence != expected)
                problem = "polled sequence " + std::to_string(sequence) + ", expected " + std::to_string(expected);
            else if (event.value != valueFor(sequence))
                problem = "sequence " + std::to_string(sequence) + " carries value " + std::to_string(event.value);
            else if (event.producer < 0 || event.producer >= kProducers)
                problem = "sequence " + std::to_string(sequence) + " has no producer";
            else if (event.marks[3] != received[std::size_t(event.producer)]++)
                problem = "producer " + std::to_string(event.producer) + "'s events arrived out of order";
        }
        event.marks[0] = sequence;
        expected = sequence + 1;
        return true;
    }
};

/// A stage that lets its events through only once `open` is set.
struct GateStage {
    std::atomic<bool> open {false};
    void onEvent(Event &, std::int64_t, bool)
    {
        while (!open.load(std::memory_order_acquire))
            std::this_thread::sleep_for(1ms);
    }
};

} // namespace

class TestPoller : public QObject {
    Q_OBJECT

private slots:
    // Idle with nothing claimed, Gating while a claimed slot is not published, Processing once it
    // is; the handler's false ends the poll after that event, and a throwing handler gets the same
    // event again.
    void pollReportsIdleGatingAndProcessing()
    {
        core::RingBuffer<Event, core::MultiProducerSequencer> ring(4, makeStrategy("blocking"));
        auto poller = ring.newPoller();
        std::vector<std::int64_t> seen;
        auto record = [&](Event &, std::int64_t sequence, bool) {
            seen.push_back(sequence);
            return true;
        };
        QCOMPARE(poller->poll(record), core::PollState::Idle);
        const std::int64_t claimed = ring.next();
        QCOMPARE(poller->poll(record), core::PollState::Gating);
        ring.publish(claimed);
        ring.publishEvents(2, [](Event &, std::int64_t) {});
        QCOMPARE(poller->poll([&](Event &, std::int64_t sequence, bool) {
            seen.push_back(sequence);
            return sequence != 1; // stops after 1
        }),
            core::PollState::Processing);
        QCOMPARE(seen, (std::vector<std::int64_t> {0, 1}));
        QCOMPARE(poller->sequence().get(), std::int64_t {1});
        auto failOnce = [failed = false](Event &, std::int64_t, bool) mutable {
            if (!std::exchange(failed, true))
                throw std::runtime_error("handler failed");
            return true;
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, poller->poll(failOnce));
        QCOMPARE(poller->sequence().get(), std::int64_t {1}); // event 2 not handled
        QCOMPARE(poller->poll(record), core::PollState::Processing);
        QCOMPARE(seen.back(), std::int64_t {2});
        QCOMPARE(poller->poll(record), core::PollState::Idle);
    }

    // The poller gates producers: a ring it has not polled fills up and then refuses.
    void producersWaitForThePoller()
    {
        core::RingBuffer<Event, core::SingleProducerSequencer> ring(4, makeStrategy("blocking"));
        auto poller = ring.newPoller();
        ring.publishEvents(4, [](Event &, std::int64_t) {});
        QVERIFY(!ring.hasAvailableCapacity(1));
        QCOMPARE(ring.tryPublishEvent([](Event &, std::int64_t) {}).status, core::ClaimStatus::Full);
        std::int64_t handled = 0;
        QCOMPARE(poller->poll([&](Event &, std::int64_t, bool) { return ++handled < 2; }), core::PollState::Processing);
        QVERIFY(ring.hasAvailableCapacity(2));
        QVERIFY(!ring.hasAvailableCapacity(3));
    }

    // After an upstream stage, the poller reports Gating until that stage has handled the event.
    void aPollerAfterAStageWaitsForIt()
    {
        SingleDisruptor disruptor(8, makeStrategy("blocking"));
        GateStage gate;
        auto &poller = disruptor.handleEventsWith(gate).thenPoller();
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                ring.publishEvent([](Event &event, std::int64_t) { event.value = 1; });
                const auto polled = [](Event &, std::int64_t, bool) { return true; };
                if (poller.poll(polled) != core::PollState::Gating)
                    throw std::runtime_error("the poller did not wait for its upstream stage");
                gate.open.store(true, std::memory_order_release);
                if (!eventually([&] { return poller.poll(polled) == core::PollState::Processing; }))
                    throw std::runtime_error("the poller never got the event");
                if (!disruptor.shutdown(kDrainLimit))
                    throw std::runtime_error("shutdown did not drain");
            });
    }

    // Several producers, a poller polling on its own thread and a stage after the poller: the
    // poller sees every event once, in order; the stage sees each only after the poller.
    void thePollerSeesEveryEventOnceInOrder_data() { addStrategyAndSizeRows(); }
    void thePollerSeesEveryEventOnceInOrder()
    {
        QFETCH(QString, strategy);
        QFETCH(qint64, size);
        const std::int64_t perProducer = eventsFor(strategy, size);
        const std::int64_t events = perProducer * kProducers;
        MultiDisruptor disruptor(size, makeStrategy(strategy));
        auto &poller = disruptor.createPoller();
        CheckingStage after(1, {0});
        disruptor.after(poller).handleEventsWith(after);
        PolledChecks checks;
        CpuContention contention(kProducers + 2);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                std::vector<std::thread> producers;
                for (int p = 0; p < kProducers; ++p)
                    producers.emplace_back([&ring, p, perProducer] {
                        for (std::int64_t n = 0; n < perProducer; ++n)
                            ring.publishEvent([&](Event &event, std::int64_t sequence) {
                                event = {valueFor(sequence), p, {-1, -1, -1, n}};
                            });
                    });
                std::thread polling([&] {
                    while (checks.expected < events && !ring.sequencer().isHalted()) {
                        if (poller.poll(checks) != core::PollState::Processing)
                            std::this_thread::yield();
                    }
                });
                for (std::thread &producer : producers)
                    producer.join();
                polling.join();
                if (!disruptor.shutdown(kDrainLimit))
                    throw std::runtime_error("shutdown did not drain the published events");
            });
        QVERIFY2(checks.problem.empty(), checks.problem.c_str());
        QCOMPARE(checks.expected, events);
        for (const std::int64_t received : checks.received)
            QCOMPARE(received, perProducer);
        const std::string verdict = after.verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPoller)
#include "test_poller.moc"
