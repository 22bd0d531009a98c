// What a stage's handler failure does: under ExceptionPolicy::Continue it is reported and the
// run goes on, under ExceptionPolicy::Halt it stops the whole Disruptor; a failing error handler
// changes neither.

#include "test_support.h"

#include <QTest>

using namespace ringflow;
using namespace ringflow::test;

namespace {

/// What the tests check of a HandlerError.
struct ErrorEntry {
    std::string stage;
    core::FailurePhase phase;
    std::int64_t sequence;
    bool fatal;
    std::string message;
};

/// An error handler that records every HandlerError in `log`.
core::ErrorHandler recordIn(SharedLog<ErrorEntry> &log)
{
    return [&log](const core::HandlerError &error) {
        log.append({error.stage, error.phase, error.sequence, error.fatal, core::exceptionMessage(error.error)});
    };
}

/// Throws on every seventh event (counting from 3); counts the ones it handled.
struct FlakyHandler {
    static bool failsOn(std::int64_t sequence) { return sequence % 7 == 3; }
    std::vector<std::atomic<int>> *handled = nullptr;
    void onEvent(Event &, std::int64_t sequence, bool)
    {
        if (failsOn(sequence))
            throw std::runtime_error("boom at " + std::to_string(sequence));
        (*handled)[std::size_t(sequence)].fetch_add(1, std::memory_order_relaxed);
    }
};

} // namespace

class TestErrorPolicies : public QObject {
    Q_OBJECT

private slots:
    void continuePolicyReportsTheErrorAndProcessesEveryOtherEvent_data()
    {
        addSwitchRows("workerPool", "stage", "worker pool");
    }
    void continuePolicyReportsTheErrorAndProcessesEveryOtherEvent()
    {
        QFETCH(bool, workerPool);
        const std::int64_t events = 500;
        std::vector<std::atomic<int>> handled(events);
        FlakyHandler flaky {&handled}, flaky2 {&handled};
        CheckingStage after(1, {}); // marks 1, checks only order and values
        SharedLog<ErrorEntry> log;
        SingleDisruptor disruptor(16, makeStrategy("yielding"));
        disruptor.setErrorHandler(recordIn(log));
        const core::StageOptions options {.name = "flaky", .policy = core::ExceptionPolicy::Continue};
        if (workerPool)
            disruptor.handleEventsWithWorkerPool(options, flaky, flaky2).then(after);
        else
            disruptor.handleEventsWith(core::configure(flaky, options)).then(after);
        const std::string failure = publishAndDrain(disruptor, events, 20s);
        QVERIFY2(failure.empty(), failure.c_str());
        QVERIFY(!disruptor.hasFailed());
        std::vector<std::int64_t> reported;
        for (const ErrorEntry &entry : log.values()) {
            QVERIFY2(workerPool ? entry.stage.starts_with("flaky.") : entry.stage == "flaky", entry.stage.c_str());
            QCOMPARE(entry.phase, core::FailurePhase::Event);
            QVERIFY(!entry.fatal);
            QCOMPARE(entry.message, "boom at " + std::to_string(entry.sequence));
            reported.push_back(entry.sequence);
        }
        std::sort(reported.begin(), reported.end());
        std::vector<std::int64_t> expected;
        for (std::int64_t sequence = 0; sequence < events; ++sequence) {
            QCOMPARE(handled[std::size_t(sequence)].load(), FlakyHandler::failsOn(sequence) ? 0 : 1);
            if (FlakyHandler::failsOn(sequence))
                expected.push_back(sequence);
        }
        QCOMPARE(reported, expected);
        const std::string verdict = after.verdict(events); // a failed event still counts as processed
        QVERIFY2(verdict.empty(), verdict.c_str());
    }

    void haltPolicyHaltsTheWholeDisruptor_data() { addStrategyRows(); }
    void haltPolicyHaltsTheWholeDisruptor()
    {
        QFETCH(QString, strategy);
        constexpr std::int64_t kFailAt = 40;
        MultiDisruptor disruptor(16, makeStrategy(strategy));
        EndlessProducer producer;
        // Fails only once the producer waits in next(), so that the failure must release it.
        struct FragileStage {
            EndlessProducer *producer;
            const MultiDisruptor::Ring *ring;
            void onEvent(Event &, std::int64_t sequence, bool)
            {
                if (sequence != kFailAt)
                    return;
                eventually([this] { return ring->remainingCapacity() <= 0 && producer->inNext.load(); }, 10s);
                std::this_thread::sleep_for(10ms);
                throw std::runtime_error("fragile");
            }
        } fragile {&producer, &disruptor.ringBuffer()};
        CountingStage bystander, after;
        SharedLog<ErrorEntry> log;
        disruptor.setErrorHandler(recordIn(log));
        disruptor.handleEventsWith(core::configure(fragile, {.name = "fragile"}), bystander).then(after);
        bool stoppedByFailure = false;
        bool shutdownResult = true;
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                std::jthread thread([&] { producer.run(disruptor.start()); });
                stoppedByFailure = eventually([&] {
                    return producer.halted.load()
                        && std::none_of(disruptor.processors().begin(), disruptor.processors().end(),
                            [](const auto &p) { return p->isRunning(); });
                });
                shutdownResult = disruptor.shutdown(5s);
            });
        QVERIFY2(stoppedByFailure, "the failure did not stop every stage and the producer");
        QVERIFY(disruptor.hasFailed());
        QVERIFY(!shutdownResult);
        const std::vector<ErrorEntry> entries = log.values();
        QCOMPARE(entries.size(), std::size_t {1});
        QCOMPARE(entries[0].stage, std::string("fragile"));
        QCOMPARE(entries[0].sequence, kFailAt);
        QCOMPARE(entries[0].phase, core::FailurePhase::Event);
        QVERIFY(entries[0].fatal);
        QCOMPARE(entries[0].message, std::string("fragile"));
        QVERIFY(after.events.load() <= kFailAt); // never past the failed event
        QCOMPARE(bystander.shutdowns, 1);
        QCOMPARE(after.shutdowns, 1);
    }

    void throwingErrorHandlerDoesNotCrashTheStage()
    {
        const std::int64_t events = 200;
        std::vector<std::atomic<int>> handled(events);
        FlakyHandler flaky {&handled};
        CheckingStage after(1, {});
        SingleDisruptor disruptor(16, makeStrategy("blocking"));
        std::atomic<int> calls {0};
        disruptor.setErrorHandler([&](const core::HandlerError &) {
            calls.fetch_add(1);
            throw std::logic_error("the error handler itself fails");
        });
        disruptor.handleEventsWith(core::configure(flaky, {.name = "flaky", .policy = core::ExceptionPolicy::Continue}))
            .then(after);
        const std::string failure = publishAndDrain(disruptor, events, 20s);
        QVERIFY2(failure.empty(), failure.c_str());
        QCOMPARE(calls.load(), int((events + 3) / 7)); // sequences 3, 10, ..., 199
        const std::string verdict = after.verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
    }
};

QTEST_GUILESS_MAIN(TestErrorPolicies)
#include "test_error_policies.moc"
