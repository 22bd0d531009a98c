// Disruptor::halt() is documented as "safe to call any number of times, from any thread but a
// stage's". These tests call it from two threads at once (and during shutdown), as a watchdog or a
// signal-handling thread would. They live in their own executable because a thread stuck in
// std::thread::join cannot be released: the watchdog then aborts the process, which would hide
// the results of every other test in the same executable.

#include "test_support.h"

#include <QTest>

#include <latch>
#include <mutex>

using namespace ringflow;
using namespace ringflow::test;

namespace {

struct IdleStage {
    void onEvent(Event &, std::int64_t, bool) { }
};

constexpr int kRounds = 50;
constexpr auto kLimit = std::chrono::milliseconds(kThreadSanitizer ? 20s : 5s);

} // namespace

class TestHaltConcurrency : public QObject {
    Q_OBJECT

private slots:
    void stoppingFromTwoThreadsAtOnceReturnsInBoth_data()
    {
        addSwitchRows("secondIsShutdown", "halt + halt", "halt + shutdown");
    }
    void stoppingFromTwoThreadsAtOnceReturnsInBoth()
    {
        QFETCH(bool, secondIsShutdown);
        for (int round = 0; round < kRounds; ++round) {
            IdleStage a, b, c;
            SingleDisruptor disruptor(8, makeStrategy("blocking"));
            disruptor.handleEventsWith(a, b).then(c);
            std::atomic<int> returned {0};
            std::mutex errorMutex;
            std::string error; // e.g. std::system_error from joining a thread twice
            const auto stop = [&](bool shutdown) {
                try {
                    if (shutdown)
                        disruptor.shutdown(100ms); // gives up soon if halt() came first
                    else
                        disruptor.halt();
                    returned.fetch_add(1);
                } catch (const std::exception &e) {
                    const std::lock_guard lock(errorMutex);
                    error = e.what();
                }
            };
            const std::string failure = runBounded(
                currentScenario() + " round " + std::to_string(round), [&] { releaseAll(disruptor); },
                [&] {
                    publishValues(disruptor.start(), 16);
                    std::latch go(2);
                    std::jthread first([&] {
                        go.arrive_and_wait();
                        stop(false);
                    });
                    std::jthread second([&] {
                        go.arrive_and_wait();
                        stop(secondIsShutdown);
                    });
                },
                kLimit);
            QVERIFY2(failure.empty(), failure.c_str());
            QVERIFY2(error.empty(), ("stopping threw: " + error).c_str());
            QCOMPARE(returned.load(), 2);
            for (const auto &processor : disruptor.processors())
                QVERIFY(!processor->isRunning());
        }
    }
};

QTEST_GUILESS_MAIN(TestHaltConcurrency)
#include "test_halt_concurrency.moc"
