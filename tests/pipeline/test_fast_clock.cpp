// The runtime's cheap clock agrees with steady_clock, and busy work lasts what it says.
#include "pipeline/fast_clock.h"
#include "pipeline/workload.h"

#include <QtTest>

#include <algorithm>
#include <thread>
#include <vector>

using namespace ringflow::pipeline;

class TestFastClock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreesWithTheSteadyClock()
    {
        // Readings compared over 300 ms: the rate was measured against steady_clock, so they may
        // part by its error (about 10^-4) plus the time between the two reads.
        for (int i = 0; i < 4; ++i) {
            const std::int64_t before = FastClock::steadyNs();
            const std::int64_t fast = FastClock::nowNs();
            const std::int64_t after = FastClock::steadyNs();
            QVERIFY2(fast >= before - 2'000'000 && fast <= after + 2'000'000,
                qPrintable(QString("fast %1, steady %2..%3").arg(fast).arg(before).arg(after)));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    void neverRunsBackwardsOnOneThread()
    {
        std::int64_t last = FastClock::nowNs();
        for (int i = 0; i < 1'000'000; ++i) {
            const std::int64_t now = FastClock::nowNs();
            QVERIFY(now >= last);
            last = now;
        }
    }

    void busyWorkLastsWhatItSays_data()
    {
        QTest::addColumn<qint64>("cost");
        QTest::newRow("100 ns") << qint64 {100};
        QTest::newRow("4 us") << qint64 {4000};
        QTest::newRow("50 us") << qint64 {50'000};
    }

    void busyWorkLastsWhatItSays()
    {
        QFETCH(qint64, cost);
#if defined(__SANITIZE_THREAD__)
        // ThreadSanitizer instruments every atomic load of the clock loop, which alone takes
        // longer than the shortest cost; the sanitizer build checks races, the normal build times.
        if (cost < 1000)
            QSKIP("instrumented clock reads take longer than this cost");
#endif
        // Each call timed alone; the tenth percentile, since another thread taking the core makes a
        // call longer, never shorter. The bound is generous; ringflow-pipeline-bench's busy-cost
        // case has the exact figures.
        std::vector<double> durations;
        for (int i = 0; i < 200; ++i) {
            const std::int64_t start = FastClock::steadyNs();
            busyWork(cost);
            durations.push_back(static_cast<double>(FastClock::steadyNs() - start));
        }
        std::nth_element(durations.begin(), durations.begin() + 20, durations.end());
        const double typical = durations[20];
        const double ratio = typical / static_cast<double>(cost);
        QVERIFY2(ratio > 0.8 && ratio < 1.3, qPrintable(QString("%1 ns for %2 ns").arg(typical).arg(cost)));
    }
};

QTEST_APPLESS_MAIN(TestFastClock)
#include "test_fast_clock.moc"
