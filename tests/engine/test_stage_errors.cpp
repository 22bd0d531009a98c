// Per-stage error handlers (StageOptions::onError, handleExceptionsFor(h).with(...)) beside the
// Disruptor-wide one, and the two halting scopes: ExceptionPolicy::HaltStage stops one stage,
// Halt (HaltDisruptor) the whole Disruptor. Failing stages of every kind run in parallel under load.

#include "test_support.h"

#include <QTest>

using namespace ringflow;
using namespace ringflow::test;

namespace {

constexpr auto kDrainLimit = kThreadSanitizer ? 90s : 20s;

/// Throws on every event whose sequence is `offset` modulo 5, naming itself.
struct FailingEvery5 {
    std::int64_t offset = 0;
    std::string label;
    void onEvent(Event &, std::int64_t sequence, bool)
    {
        if (sequence % 5 == offset)
            throw std::runtime_error(label + " " + std::to_string(sequence));
    }
};

struct AsyncFailingEvery5 {
    std::string label;
    core::BatchTask onBatch(const core::EventBatch<Event> &, std::int64_t first)
    {
        if (first % 5 == 4)
            throw std::runtime_error(label + " " + std::to_string(first));
        co_return;
    }
};

/// Collects the errors given to one handler; each must come from one of `stages` and carry a
/// message from that stage's handler (which starts with the stage's name).
struct ErrorSink {
    explicit ErrorSink(std::vector<std::string> from) : stages(std::move(from)) { }

    std::vector<std::string> stages;
    SharedLog<std::string> problems;
    std::atomic<std::int64_t> count {0};

    core::ErrorHandler handler()
    {
        return [this](const core::HandlerError &error) {
            count.fetch_add(1, std::memory_order_relaxed);
            const std::string message = core::exceptionMessage(error.error);
            const std::string label = error.stage.substr(0, error.stage.find('.'));
            if (std::find(stages.begin(), stages.end(), error.stage) == stages.end()
                || !message.starts_with(label + " ") || error.fatal)
                problems.append(error.stage + ": " + message);
        };
    }
    std::string verdict() const
    {
        const auto found = problems.values();
        return found.empty() ? std::string() : stages.front() + "'s handler got " + found.front();
    }
};

/// How many of the sequences 0..events-1 are `remainder` modulo 5.
std::int64_t countModulo5(std::int64_t events, std::int64_t remainder)
{
    return (events - remainder + 4) / 5;
}

core::StageOptions continuing(const char *name)
{
    return {.name = name, .policy = core::ExceptionPolicy::Continue};
}

} // namespace

class TestStageErrors : public QObject {
    Q_OBJECT

private slots:
    void eachStageErrorHandlerGetsItsStagesErrorsOnly_data() { addStrategyRows(); }
    void eachStageErrorHandlerGetsItsStagesErrorsOnly()
    {
        QFETCH(QString, strategy);
        const std::int64_t events = scaled(strategy == QLatin1String("busy-spin") ? 500 : 5000);
        FailingEvery5 byOptions {1, "options"}, byWith {2, "with"}, byDisruptor {3, "disruptor"};
        FailingEvery5 worker0 {0, "pool"}, worker1 {0, "pool"};
        AsyncFailingEvery5 async {"async"};
        ErrorSink optionsSink({"options"}), withSink({"with"}), asyncSink({"async"});
        ErrorSink disruptorSink({"disruptor", "pool.0"}), workerSink({"pool.1"});
        CheckingStage last(0, {});
        core::StageOptions withOwnHandler = continuing("options");
        withOwnHandler.onError = optionsSink.handler();
        core::StageOptions asyncOptions = continuing("async");
        asyncOptions.maxBatchSize = 1; // one error per failing event, as for the others
        asyncOptions.onError = disruptorSink.handler(); // overridden by handleExceptionsFor below
        SingleDisruptor disruptor(64, makeStrategy(strategy));
        disruptor.setErrorHandler(disruptorSink.handler());
        disruptor.setAsyncThreads(2);
        auto firsts = disruptor.handleEventsWith(core::configure(byOptions, withOwnHandler),
            core::configure(byWith, continuing("with")), core::configure(byDisruptor, continuing("disruptor")),
            core::configure(async, asyncOptions));
        auto pool = disruptor.handleEventsWithWorkerPool(continuing("pool"), worker0, worker1);
        (firsts & pool).then(last);
        disruptor.handleExceptionsFor(byWith).with(withSink.handler());
        disruptor.handleExceptionsFor(async).with(asyncSink.handler());
        disruptor.handleExceptionsFor(worker1).with(workerSink.handler());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, disruptor.handleExceptionsFor(byOptions.label));
        const CpuContention contention(9);
        const std::string failure = publishAndDrain(disruptor, events, kDrainLimit);
        QVERIFY2(failure.empty(), failure.c_str());
        const std::string verdict = last.verdict(events);
        QVERIFY2(verdict.empty(), verdict.c_str());
        for (const ErrorSink *sink : {&optionsSink, &withSink, &asyncSink, &disruptorSink, &workerSink})
            QVERIFY2(sink->verdict().empty(), sink->verdict().c_str());
        QCOMPARE(optionsSink.count.load(), countModulo5(events, 1));
        QCOMPARE(withSink.count.load(), countModulo5(events, 2));
        QCOMPARE(asyncSink.count.load(), countModulo5(events, 4));
        // The pool's workers split the failing events between them; worker 0's go to the Disruptor's.
        QCOMPARE(
            disruptorSink.count.load() + workerSink.count.load(), countModulo5(events, 3) + countModulo5(events, 0));
    }

    void haltStageStopsThatStageOnly_data() { addSwitchRows("async", "onEvent", "async"); }
    void haltStageStopsThatStageOnly()
    {
        QFETCH(bool, async);
        constexpr std::int64_t kSize = 64;
        FailingEvery5 failing {4, "failing"}; // fails on event 4
        AsyncFailingEvery5 asyncFailing {"failing"}; // fails on the batch at 4 (batches of one)
        CountingStage parallel, downstream;
        SharedLog<core::HandlerError> errors;
        SingleDisruptor disruptor(kSize, makeStrategy(QStringLiteral("blocking")));
        disruptor.setErrorHandler([&](const core::HandlerError &error) { errors.append(error); });
        const core::StageOptions options {
            .name = "failing", .policy = core::ExceptionPolicy::HaltStage, .maxBatchSize = 1};
        auto group = async ? disruptor.handleEventsWith(core::configure(asyncFailing, options))
                           : disruptor.handleEventsWith(core::configure(failing, options));
        group.then(downstream);
        disruptor.handleEventsWith(parallel);
        EndlessProducer producer;
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                std::jthread publisher([&] { producer.run(ring); });
                // The failed stage holds the ring at sequence 3: the producer fills it and blocks.
                require(eventually([&] { return producer.published.load() == 4 + kSize && producer.inNext.load(); }),
                    "the producer did not block at a full ring");
                require(eventually([&] { return parallel.events.load() == 4 + kSize; }),
                    "the parallel stage did not get every published event");
                std::this_thread::sleep_for(20ms);
                require(producer.published.load() == 4 + kSize, "the producer went past the stopped stage");
                require(disruptor.hasFailed() && !disruptor.ringBuffer().sequencer().isHalted(),
                    "HaltStage halted the ring");
                require(!disruptor.drain(10ms), "a drain past a stopped stage succeeded");
                disruptor.halt();
                publisher.join();
                require(producer.halted.load(), "the producer was not released with Halted");
            });
        QCOMPARE(downstream.events.load(), std::int64_t(4));
        const auto entries = errors.values();
        QCOMPARE(entries.size(), std::size_t(1));
        QVERIFY(entries[0].fatal);
        QCOMPARE(entries[0].sequence, std::int64_t(4));
    }

    void haltDisruptorIsHalt()
    {
        static_assert(core::ExceptionPolicy::HaltDisruptor == core::ExceptionPolicy::Halt);
        FailingEvery5 failing {4, "failing"};
        CountingStage parallel;
        SingleDisruptor disruptor(64, makeStrategy(QStringLiteral("blocking")));
        disruptor.setErrorHandler([](const core::HandlerError &) {});
        disruptor.handleEventsWith(
            core::configure(failing, {.name = "failing", .policy = core::ExceptionPolicy::HaltDisruptor}), parallel);
        publishValues(disruptor.start(), 10);
        QVERIFY(eventually([&] { return disruptor.ringBuffer().sequencer().isHalted(); }));
        QVERIFY(disruptor.hasFailed());
    }
};

QTEST_GUILESS_MAIN(TestStageErrors)
#include "test_stage_errors.moc"
