#include "../engine/test_support.h"
#include "watchdog.h"

#include <dispatch/job_pool.h>

#include <QTest>

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace ringflow::dispatch;
using ringflow::test::eventually;
using testing::Watchdog;

namespace {

void sleepMicroseconds(int us)
{
    std::this_thread::sleep_for(std::chrono::microseconds(us));
}

/// A gate jobs wait at until the test opens it.
class Gate {
public:
    void wait()
    {
        std::unique_lock lock(m_mutex);
        m_opened.wait(lock, [this] { return m_open; });
    }
    void open()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_opened.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_opened;
    bool m_open = false;
};

} // namespace

class JobPoolTest : public QObject {
    Q_OBJECT

private slots:
    void runningJobsNeverExceedTheWorkers()
    {
        const Watchdog watchdog("runningJobsNeverExceedTheWorkers");
        constexpr std::size_t kWorkers = 6; // three times the cores of the test machines
        constexpr int kJobs = 600;
        JobPool pool(kWorkers);
        std::atomic<int> running {0};
        std::atomic<int> maxRunning {0};
        std::atomic<int> done {0};
        std::mt19937 random(42);
        std::uniform_int_distribution<int> duration(0, 300);
        std::size_t maxInFlight = 0;
        for (int i = 0; i < kJobs; ++i) {
            pool.dispatch([&, us = duration(random)] {
                const int now = running.fetch_add(1) + 1;
                int seen = maxRunning.load();
                while (now > seen && !maxRunning.compare_exchange_weak(seen, now)) { }
                sleepMicroseconds(us);
                running.fetch_sub(1);
                done.fetch_add(1);
            });
            maxInFlight = std::max(maxInFlight, pool.inFlight());
        }
        pool.barrier();
        QCOMPARE(done.load(), kJobs);
        QCOMPARE(pool.completedJobs(), std::uint64_t {kJobs});
        QVERIFY2(maxRunning.load() <= int(kWorkers), "more jobs ran at once than there are workers");
        QVERIFY2(maxInFlight <= kWorkers, "more jobs were accepted than there are workers");
        // Not a bound, a sanity check that the pool runs jobs in parallel at all.
        QVERIFY(maxRunning.load() >= 2);
    }

    void dispatchBlocksWhileAllWorkersAreBusy()
    {
        const Watchdog watchdog("dispatchBlocksWhileAllWorkersAreBusy");
        JobPool pool(2);
        Gate gate;
        pool.dispatch([&] { gate.wait(); });
        pool.dispatch([&] { gate.wait(); });
        QCOMPARE(pool.inFlight(), std::size_t {2});

        std::atomic<bool> thirdAccepted {false};
        std::atomic<bool> thirdRan {false};
        std::thread dispatcher([&] {
            pool.dispatch([&] { thirdRan = true; });
            thirdAccepted = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QVERIFY2(!thirdAccepted.load(), "dispatch() returned although both workers were busy");
        QCOMPARE(pool.inFlight(), std::size_t {2});

        gate.open();
        dispatcher.join();
        QVERIFY(thirdAccepted.load());
        pool.barrier();
        QVERIFY(thirdRan.load());
        QCOMPARE(pool.completedJobs(), std::uint64_t {3});
    }

    void phasesDoNotOverlap()
    {
        const Watchdog watchdog("phasesDoNotOverlap");
        constexpr int kPhases = 5;
        constexpr int kJobsPerPhase = 40;
        JobPool pool(4);
        // Tickets order every job start and end on one global clock.
        std::atomic<int> clock {0};
        struct Span {
            int start = -1;
            int end = -1;
        };
        std::vector<std::vector<Span>> spans(kPhases, std::vector<Span>(kJobsPerPhase));
        std::mt19937 random(7);
        std::uniform_int_distribution<int> duration(0, 500);
        for (int phase = 0; phase < kPhases; ++phase) {
            for (int job = 0; job < kJobsPerPhase; ++job) {
                pool.dispatch([&clock, &span = spans[phase][job], us = duration(random)] {
                    span.start = clock.fetch_add(1);
                    sleepMicroseconds(us);
                    span.end = clock.fetch_add(1);
                });
            }
            pool.barrier();
        }
        for (int phase = 0; phase + 1 < kPhases; ++phase) {
            const auto byEnd = [](const Span &a, const Span &b) { return a.end < b.end; };
            const auto byStart = [](const Span &a, const Span &b) { return a.start < b.start; };
            const int lastEnd = std::max_element(spans[phase].begin(), spans[phase].end(), byEnd)->end;
            const int firstStart = std::min_element(spans[phase + 1].begin(), spans[phase + 1].end(), byStart)->start;
            QVERIFY2(lastEnd < firstStart, qPrintable(QString("phase %1 overlaps the next one").arg(phase)));
        }
        const auto ran = [](const Span &s) { return s.start >= 0 && s.end > s.start; };
        for (const auto &phase : spans)
            QVERIFY(std::all_of(phase.begin(), phase.end(), ran));
    }

    void barrierRethrowsTheFirstErrorAndCountsTheOthers()
    {
        const Watchdog watchdog("barrierRethrowsTheFirstErrorAndCountsTheOthers");
        JobPool pool(3);
        std::atomic<int> succeeded {0};
        for (int i = 0; i < 20; ++i) {
            pool.dispatch([&, i] {
                if (i % 4 == 1)
                    throw std::runtime_error("job " + std::to_string(i) + " failed");
                succeeded.fetch_add(1);
            });
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.barrier());
        QCOMPARE(succeeded.load(), 15);
        QCOMPARE(pool.failedJobs(), std::uint64_t {5});
        QCOMPARE(pool.completedJobs(), std::uint64_t {20});

        // The error belonged to the phase: the next phase starts clean.
        for (int i = 0; i < 10; ++i)
            pool.dispatch([&] { succeeded.fetch_add(1); });
        pool.barrier();
        QCOMPARE(succeeded.load(), 25);
        QCOMPARE(pool.failedJobs(), std::uint64_t {5});
    }

    void aFailingPoolDoesNotDisturbAnother()
    {
        const Watchdog watchdog("aFailingPoolDoesNotDisturbAnother");
        constexpr int kJobs = 200;
        JobPool failing(2, "failing");
        JobPool healthy(2, "healthy");
        std::atomic<int> healthyDone {0};
        std::thread feedFailing([&] {
            for (int i = 0; i < kJobs; ++i)
                failing.dispatch([] {
                    sleepMicroseconds(50);
                    throw std::runtime_error("always fails");
                });
        });
        for (int i = 0; i < kJobs; ++i)
            healthy.dispatch([&] {
                sleepMicroseconds(50);
                healthyDone.fetch_add(1);
            });
        feedFailing.join();
        healthy.barrier(); // does not throw: the other pool's errors are not its own
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, failing.barrier());
        QCOMPARE(healthyDone.load(), kJobs);
        QCOMPARE(healthy.failedJobs(), std::uint64_t {0});
        QCOMPARE(failing.failedJobs(), std::uint64_t {kJobs});

        // The failing pool itself keeps its workers.
        std::atomic<bool> ran {false};
        failing.dispatch([&] { ran = true; });
        failing.barrier();
        QVERIFY(ran.load());
    }

    void finalizeWaitsStopsAndIsIdempotent()
    {
        const Watchdog watchdog("finalizeWaitsStopsAndIsIdempotent");
        JobPool pool(2);
        std::atomic<int> done {0};
        for (int i = 0; i < 10; ++i)
            pool.dispatch([&] {
                sleepMicroseconds(2000);
                done.fetch_add(1);
            });
        pool.dispatch([] { throw std::runtime_error("late failure"); });
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.finalize());
        QCOMPARE(done.load(), 10);
        pool.finalize(); // again: nothing left to wait for or to rethrow
        QVERIFY_THROWS_EXCEPTION(std::logic_error, pool.dispatch([] {}));
        pool.barrier(); // idle, and the error was already handed out
    }

    void destructionFinishesDispatchedJobs()
    {
        const Watchdog watchdog("destructionFinishesDispatchedJobs");
        std::atomic<int> done {0};
        {
            JobPool pool(3);
            for (int i = 0; i < 12; ++i)
                pool.dispatch([&] {
                    sleepMicroseconds(1000);
                    done.fetch_add(1);
                });
            pool.dispatch([] { throw std::runtime_error("dropped by the destructor"); });
        }
        QCOMPARE(done.load(), 12);
    }

    void aJobCannotWaitForItsOwnPool()
    {
        const Watchdog watchdog("aJobCannotWaitForItsOwnPool");
        JobPool pool(1);
        JobPool other(1);
        std::atomic<bool> otherRan {false};
        pool.dispatch([&] { pool.dispatch([] {}); });
        QVERIFY_THROWS_EXCEPTION(std::logic_error, pool.barrier());
        pool.dispatch([&] { pool.barrier(); });
        QVERIFY_THROWS_EXCEPTION(std::logic_error, pool.barrier());
        // Another pool is fair game.
        pool.dispatch([&] { other.dispatch([&] { otherRan = true; }); });
        pool.barrier();
        other.barrier();
        QVERIFY(otherRan.load());
    }

    void aPoolHasAtLeastOneWorker()
    {
        const Watchdog watchdog("aPoolHasAtLeastOneWorker");
        JobPool pool(0);
        QCOMPARE(pool.workers(), std::size_t {1});
        std::atomic<bool> ran {false};
        pool.dispatch([&] { ran = true; });
        pool.finalize();
        QVERIFY(ran.load());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, JobPool(1).dispatch(nullptr));
    }
};

QTEST_GUILESS_MAIN(JobPoolTest)
#include "test_job_pool.moc"
