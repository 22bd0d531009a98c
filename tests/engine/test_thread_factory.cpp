// The thread factory of a Disruptor's stages: called once per stage thread (each worker of a pool
// included, and each thread of the async stages' pool) with the stage's name; pinnedThreads() names and pins the
// threads where the OS allows and reports a refused pin without failing the stage.

#include "test_support.h"

#include "core/thread_stack.h"

#include <QTest>

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <set>
#include <thread>

using namespace ringflow;
using namespace ringflow::test;

namespace {

/// The CPUs the calling thread may run on.
std::set<int> currentAffinity()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    std::set<int> cpus;
    if (pthread_getaffinity_np(pthread_self(), sizeof(set), &set) != 0)
        return cpus;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &set))
            cpus.insert(cpu);
    }
    return cpus;
}

/// The stack size of the calling thread.
std::size_t currentThreadStack()
{
    std::size_t size = 0;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstacksize(&attr, &size);
        pthread_attr_destroy(&attr);
    }
    return size;
}

/// The stack size of a thread started now with std::thread.
std::size_t newThreadsStack()
{
    std::size_t size = 0;
    std::thread([&size] { size = currentThreadStack(); }).join();
    return size;
}

std::string currentThreadName()
{
    char name[16] {};
    pthread_getname_np(pthread_self(), name, sizeof(name));
    return name;
}

/// Records, on its own thread, the thread's name and affinity at start, and counts events.
struct ThreadProbe {
    std::string name;
    std::set<int> affinity;
    std::atomic<std::int64_t> events {0};
    void onStart()
    {
        name = currentThreadName();
        affinity = currentAffinity();
    }
    void onEvent(Event &, std::int64_t, bool) { events.fetch_add(1, std::memory_order_relaxed); }
};

/// Publishes `events` events and drains; true when every stage saw them.
template <typename D>
bool runEvents(D &disruptor, std::int64_t events)
{
    auto &ring = disruptor.start();
    for (std::int64_t n = 0; n < events; ++n)
        ring.publishEvent([](Event &event, std::int64_t sequence) { event.value = valueFor(sequence); });
    return disruptor.shutdown(10s);
}

} // namespace

class TestThreadFactory : public QObject {
    Q_OBJECT

private slots:
    void theFactoryMakesEveryStageThreadOnce()
    {
        SharedLog<std::string> made;
        core::ThreadFactory factory = [&](const std::string &stage, std::function<void()> body) {
            made.append(stage);
            return core::namedThread(stage, std::move(body));
        };
        SingleDisruptor disruptor(64, makeStrategy("blocking"), {}, factory);
        ThreadProbe journal, pool0, pool1;
        disruptor.handleEventsWith(core::configure(journal, {.name = "journal"}))
            .thenWorkerPool({.name = "pool"}, pool0, pool1);
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                if (!runEvents(disruptor, 100))
                    throw std::runtime_error("shutdown did not drain");
            });
        QCOMPARE(made.values(), (std::vector<std::string> {"journal", "pool.0", "pool.1"}));
        QCOMPARE(journal.name, std::string("journal"));
        QCOMPARE(pool0.name, std::string("pool.0"));
        QCOMPARE(pool1.name, std::string("pool.1"));
        QCOMPARE(journal.events.load(), std::int64_t {100});
        QCOMPARE(pool0.events.load() + pool1.events.load(), std::int64_t {100});
    }

    // The async pool of a Disruptor's async stages ("async.0", "async.1"...) is made by the same
    // factory, after the stages' threads; the async stage's batches run on those threads.
    void theFactoryMakesTheAsyncPoolsThreads()
    {
        SharedLog<std::string> made;
        core::ThreadFactory factory = [&](const std::string &stage, std::function<void()> body) {
            made.append(stage);
            return core::namedThread(stage, std::move(body));
        };
        struct AsyncProbe {
            SharedLog<std::string> *threads = nullptr;
            std::atomic<std::int64_t> events {0};
            core::BatchTask onBatch(const core::EventBatch<Event> &batch, std::int64_t)
            {
                threads->append(currentThreadName());
                events.fetch_add(static_cast<std::int64_t>(batch.size()), std::memory_order_relaxed);
                co_return;
            }
        };
        SingleDisruptor disruptor(64, makeStrategy("blocking"), {}, factory);
        disruptor.setAsyncThreads(2);
        SharedLog<std::string> ranOn;
        ThreadProbe journal;
        AsyncProbe archive {&ranOn};
        disruptor.handleEventsWith(core::configure(journal, {.name = "journal"}))
            .then(core::configure(archive, {.name = "archive"}));
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                if (!runEvents(disruptor, 100))
                    throw std::runtime_error("shutdown did not drain");
            });
        QCOMPARE(made.values(), (std::vector<std::string> {"journal", "async.0", "async.1"}));
        QCOMPARE(archive.events.load(), std::int64_t {100});
        for (const std::string &thread : ranOn.values())
            QVERIFY2(thread == "async.0" || thread == "async.1", thread.c_str());
    }

    // A factory that makes no thread for the async pool fails start(), naming the thread.
    void aFactoryWithoutAnAsyncThreadFailsStart()
    {
        SingleDisruptor disruptor(
            8, makeStrategy("blocking"), {}, [](const std::string &name, std::function<void()> body) {
                return name.starts_with("async") ? std::thread() : core::namedThread(name, std::move(body));
            });
        struct AsyncCount {
            core::BatchTask onBatch(const core::EventBatch<Event> &, std::int64_t) { co_return; }
        } stage;
        disruptor.handleEventsWith(core::configure(stage, {.name = "archive"}));
        try {
            disruptor.start();
            QFAIL("start() accepted a factory that made no async thread");
        } catch (const std::logic_error &error) {
            QVERIFY(std::string(error.what()).find("'async.0'") != std::string::npos);
        }
    }

    // One stage pinned to one CPU this process may use, one left alone.
    void pinnedThreadsPinWhereTheOsAllows()
    {
        const std::set<int> allowed = currentAffinity();
        if (allowed.empty())
            QSKIP("this OS does not report thread affinity");
        const int cpu = *allowed.rbegin();
        SharedLog<std::string> failures;
        SingleDisruptor disruptor(64, makeStrategy("blocking"), {},
            core::pinnedThreads(
                [cpu](const std::string &stage) {
                    return stage == "pinned" ? std::vector<int> {cpu} : std::vector<int> {};
                },
                [&](const std::string &stage, std::error_code error) {
                    failures.append(stage + ": " + error.message());
                }));
        ThreadProbe pinned, free;
        disruptor.handleEventsWith(
            core::configure(pinned, {.name = "pinned"}), core::configure(free, {.name = "free"}));
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                if (!runEvents(disruptor, 100))
                    throw std::runtime_error("shutdown did not drain");
            });
        QCOMPARE(failures.values(), std::vector<std::string> {});
        QCOMPARE(pinned.affinity, (std::set<int> {cpu}));
        QCOMPARE(free.affinity, allowed);
        QCOMPARE(pinned.name, std::string("pinned"));
        QCOMPARE(pinned.events.load(), std::int64_t {100});
    }

    // A CPU the OS refuses: reported on the stage's thread, and the stage runs all the same.
    void aRefusedPinIsReportedNotFatal()
    {
        SharedLog<std::string> failures;
        SingleDisruptor disruptor(64, makeStrategy("blocking"), {},
            core::pinnedThreads([](const std::string &) { return std::vector<int> {CPU_SETSIZE - 1}; },
                [&](const std::string &stage, std::error_code error) {
                    failures.append(stage + (error ? ": refused" : ": no error"));
                }));
        ThreadProbe stage;
        disruptor.handleEventsWith(core::configure(stage, {.name = "nowhere"}));
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                if (!runEvents(disruptor, 100))
                    throw std::runtime_error("shutdown did not drain");
            });
        if (currentAffinity().count(CPU_SETSIZE - 1) != 0)
            QSKIP("this machine has a CPU numbered CPU_SETSIZE - 1");
        QCOMPARE(failures.values(), (std::vector<std::string> {"nowhere: refused"}));
        QCOMPARE(stage.events.load(), std::int64_t {100});
        QCOMPARE(stage.affinity, currentAffinity()); // left unpinned
    }

    // A factory that makes no thread fails start() by naming the stage; nothing hangs after.
    void aLimitedDefaultStackIsWhatNewThreadsGet()
    {
        // The process starts with glibc's default: the stack limit (8 MiB in a Debian shell).
        const std::size_t limited = std::min(newThreadsStack(), core::kRunThreadStackBytes);
        QVERIFY(core::limitDefaultThreadStack(core::kRunThreadStackBytes));
        QCOMPARE(newThreadsStack(), limited);
        // Never raised: a larger limit leaves the smaller default alone.
        QVERIFY(core::limitDefaultThreadStack(4 * core::kRunThreadStackBytes));
        QCOMPARE(newThreadsStack(), limited);
        // And a stage's thread, made by the default factory, runs on such a stack as well.
        std::size_t stageStack = 0;
        core::namedThread("stage", [&stageStack] { stageStack = currentThreadStack(); }).join();
        QCOMPARE(stageStack, limited);
    }

    void aFactoryWithoutAThreadFailsStart()
    {
        SingleDisruptor disruptor(
            8, makeStrategy("blocking"), {}, [](const std::string &, std::function<void()>) { return std::thread(); });
        CountingStage stage;
        disruptor.handleEventsWith(core::configure(stage, {.name = "lost"}));
        try {
            disruptor.start();
            QFAIL("start() accepted a factory that made no thread");
        } catch (const std::logic_error &error) {
            QVERIFY(std::string(error.what()).find("'lost'") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestThreadFactory)
#include "test_thread_factory.moc"
