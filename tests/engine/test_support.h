#pragma once

// Shared by the engine's and the dispatcher's tests: a watchdog that turns a deadlock into a
// failure, event counts that fit the time budget (also under ThreadSanitizer), the data rows, a
// checked event type, the producers and stages that several tests use, and a log for other threads.

#include "core/disruptor.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <initializer_list>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace ringflow::test {

using namespace std::chrono_literals;

#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif
#else
inline constexpr bool kThreadSanitizer = false;
#endif

/// `events` normally; half under TSan, whose every atomic access is 5-15x slower. The
/// environment variable RINGFLOW_TEST_SCALE multiplies it further, e.g. 20 for a soak run.
inline std::int64_t scaled(std::int64_t events)
{
    double factor = kThreadSanitizer ? 0.5 : 1.0;
    if (const char *scale = std::getenv("RINGFLOW_TEST_SCALE"))
        factor *= std::max(0.0, std::atof(scale));
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(static_cast<double>(events) * factor));
}

inline unsigned cores()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

/// How long a scenario may take before the watchdog declares a deadlock: far above the normal
/// run time, yet several failing rows still fit CTest's 300 s per executable.
inline constexpr auto kScenarioLimit = kThreadSanitizer ? 120s : 30s;

/// Stops every stage and every producer of `disruptor` without joining its threads. Unlike
/// Disruptor::halt() this may run while another thread is inside halt(), shutdown() or the
/// destructor, which is exactly where a watchdog fires.
template <typename D>
void releaseAll(D &disruptor) noexcept
{
    disruptor.ringBuffer().sequencer().halt();
    for (const auto &processor : disruptor.processors())
        processor->halt();
}

/// Runs `scenario` on its own thread and waits at most `limit` for it. On expiry `release` must
/// unblock it (typically releaseAll) and the run fails. A scenario that even then does not return
/// within a grace period aborts the process: a stuck thread cannot be cancelled, and a crash that
/// names the scenario is better than a silent hang until CTest's timeout.
/// Returns an empty string on success, otherwise the failure, naming the scenario.
template <typename Scenario, typename Release>
std::string runBounded(
    const std::string &name, Release &&release, Scenario &&scenario, std::chrono::milliseconds limit = kScenarioLimit)
{
    std::promise<std::exception_ptr> outcome;
    std::future<std::exception_ptr> done = outcome.get_future();
    std::thread runner([&] {
        try {
            scenario();
            outcome.set_value(nullptr);
        } catch (...) {
            outcome.set_value(std::current_exception());
        }
    });
    std::string failure;
    if (done.wait_for(limit) == std::future_status::timeout) {
        release();
        failure = "scenario '" + name + "' did not finish within " + std::to_string(limit.count())
            + " ms (deadlock?); it was halted";
        if (done.wait_for(limit) == std::future_status::timeout) {
            std::fprintf(stderr, "FATAL: %s, and halting did not release it\n", failure.c_str());
            std::abort();
        }
    }
    runner.join();
    if (const std::exception_ptr error = done.get(); error && failure.empty()) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception &e) {
            failure = "scenario '" + name + "' threw: " + e.what();
        } catch (...) {
            failure = "scenario '" + name + "' threw a non-standard exception";
        }
    }
    return failure;
}

/// For checks inside a runBounded scenario, which runs on a thread of its own where QVERIFY cannot
/// fail the test: runBounded reports the throw.
inline void require(bool condition, const char *what)
{
    if (!condition)
        throw std::runtime_error(what);
}

/// Fails the current test function (with the scenario's name) when runBounded() reports a failure.
#define RF_RUN_BOUNDED(name, release, scenario)                                                                        \
    do {                                                                                                               \
        const std::string rfFailure = ringflow::test::runBounded((name), (release), (scenario));                       \
        if (!rfFailure.empty())                                                                                        \
            QFAIL(rfFailure.c_str());                                                                                  \
    } while (false)

/// The current test function and data row, to name a scenario in failure messages.
inline std::string currentScenario()
{
    std::string name = QTest::currentTestFunction();
    if (const char *row = QTest::currentDataTag())
        name += std::string("(") + row + ")";
    return name;
}

/// Events per run: `small` on rings of up to 4 slots, `large` on bigger ones, a tenth of that for
/// busy-spin, scaled(). On rings of up to 4 slots nearly every event is a hand-off between threads,
/// and busy-spin yields only every 4096 spins, so with more threads than cores (CpuContention sees
/// to that) a hand-off may cost a whole time slice: those runs get fewer events (each of them is
/// stressed more anyway).
inline std::int64_t handOffEvents(const QString &strategy, std::int64_t size, std::int64_t small, std::int64_t large)
{
    std::int64_t events = size <= 4 ? small : large;
    if (strategy == QLatin1String("busy-spin"))
        events /= 10;
    return scaled(events);
}

/// Polls `condition` until it holds or `limit` passes; for waiting on other threads' progress.
template <typename Condition>
bool eventually(Condition &&condition, std::chrono::milliseconds limit = kScenarioLimit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(200us);
    }
    return true;
}

inline std::unique_ptr<core::WaitStrategy> makeStrategy(const QString &name)
{
    return core::makeWaitStrategy(name.toStdString());
}

/// The seed of the random ring sizes: fixed so that a failing row can be rerun, and overridable
/// (RINGFLOW_TEST_SEED) to explore other sizes.
inline std::uint64_t sizeSeed()
{
    if (const char *seed = std::getenv("RINGFLOW_TEST_SEED"))
        return std::strtoull(seed, nullptr, 10);
    return 20240611;
}

/// Ring sizes 1, 2 and 4 (the edge cases where every event wraps), plus two random powers of two
/// up to 1024.
inline std::vector<std::int64_t> bufferSizes()
{
    std::mt19937_64 random(sizeSeed());
    std::vector<int> exponents {3, 4, 5, 6, 7, 8, 9, 10};
    std::shuffle(exponents.begin(), exponents.end(), random); // two distinct sizes
    std::vector<std::int64_t> sizes {1, 2, 4};
    for (int i = 0; i < 2; ++i)
        sizes.push_back(std::int64_t {1} << exponents[std::size_t(i)]);
    return sizes;
}

/// Columns "strategy" (QString) and "size" (qint64): every wait strategy with every ring size.
inline void addStrategyAndSizeRows()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<qint64>("size");
    for (const std::string_view strategy : core::kWaitStrategyNames) {
        for (const std::int64_t size : bufferSizes()) {
            const QString name = QString::fromLatin1(strategy.data(), qsizetype(strategy.size()));
            QTest::addRow("%s/size=%lld", qPrintable(name), static_cast<long long>(size)) << name << qint64(size);
        }
    }
}

/// Keeps runnable threads competing for the CPU so that, together with `threadsInUse` stage and
/// producer threads, there are more threads than cores: hand-offs then also happen while the
/// thread being waited for is descheduled.
class CpuContention {
public:
    explicit CpuContention(unsigned threadsInUse)
    {
        for (unsigned i = threadsInUse; i <= cores(); ++i)
            m_threads.emplace_back([this] {
                while (!m_stop.load(std::memory_order_relaxed))
                    std::this_thread::yield();
            });
    }
    ~CpuContention()
    {
        m_stop.store(true, std::memory_order_relaxed);
        for (std::thread &thread : m_threads)
            thread.join();
    }
    CpuContention(const CpuContention &) = delete;
    CpuContention &operator=(const CpuContention &) = delete;

private:
    std::atomic<bool> m_stop {false};
    std::vector<std::thread> m_threads;
};

/// The value a producer writes for its n-th event: not the sequence itself, so a consumer that
/// reads a stale or wrong slot notices.
constexpr std::int64_t valueFor(std::int64_t n)
{
    return n * 7 + 3;
}

/// An event that records who handled it. Stage k writes the sequence into marks[k], so a
/// downstream stage can check that its upstream handled this very lap of the slot. The fields are
/// plain on purpose: the ring's sequences must order them, and TSan reports it if they do not.
struct Event {
    std::int64_t value = -1;
    std::int64_t producer = -1;
    std::array<std::int64_t, 4> marks {-1, -1, -1, -1};
};

/// A stage that checks everything it receives: consecutive sequences from 0, the producer's
/// value, and a mark from each upstream stage; then it leaves its own mark. Records the first
/// problem instead of asserting, since it runs on a stage thread.
struct CheckingStage {
    int mark = 0; // the marks[] slot this stage writes
    std::vector<int> upstream; // the marks[] slots that must already hold the sequence
    std::int64_t expected = 0;
    std::string problem;

    CheckingStage(int ownMark, std::vector<int> upstreamMarks) : mark(ownMark), upstream(std::move(upstreamMarks)) { }

    void onEvent(Event &event, std::int64_t sequence, bool)
    {
        if (problem.empty()) {
            if (sequence != expected)
                problem = "got sequence " + std::to_string(sequence) + ", expected " + std::to_string(expected);
            else if (event.value != valueFor(sequence))
                problem = "sequence " + std::to_string(sequence) + " carries value " + std::to_string(event.value);
            for (const int u : upstream) {
                if (problem.empty() && event.marks[u] != sequence)
                    problem = "sequence " + std::to_string(sequence) + " arrived before upstream stage "
                        + std::to_string(u) + " handled it";
            }
        }
        event.marks[mark] = sequence;
        expected = sequence + 1;
    }

    /// Empty when exactly `events` events arrived, all in order and marked.
    std::string verdict(std::int64_t events) const
    {
        if (!problem.empty())
            return "stage " + std::to_string(mark) + ": " + problem;
        if (expected != events)
            return "stage " + std::to_string(mark) + " saw " + std::to_string(expected) + " of "
                + std::to_string(events) + " events";
        return {};
    }
};

using SingleDisruptor = core::Disruptor<Event, core::SingleProducerSequencer>;
using MultiDisruptor = core::Disruptor<Event, core::MultiProducerSequencer>;

/// A single producer: publishes valueFor(0..events-1), alternating one-slot claims with batched
/// next(n)/publish(lo, hi) claims of up to 4 slots.
template <typename Ring>
void publishValues(Ring &ring, std::int64_t events)
{
    std::int64_t published = 0;
    for (std::int64_t round = 0; published < events; ++round) {
        const std::int64_t n = std::min({ring.bufferSize(), events - published, round % 4 + 1});
        const std::int64_t hi = ring.next(n);
        const std::int64_t lo = hi - n + 1;
        for (std::int64_t sequence = lo; sequence <= hi; ++sequence)
            ring[sequence].value = valueFor(sequence);
        if (n == 1)
            ring.publish(hi);
        else
            ring.publish(lo, hi);
        published += n;
    }
}

/// Under runBounded: starts `disruptor`, publishes valueFor(0..events-1) from this one producer and
/// drains with shutdown(`drainLimit`). Empty on success, otherwise the failure, naming the scenario.
template <typename D>
std::string publishAndDrain(D &disruptor, std::int64_t events, std::chrono::milliseconds drainLimit)
{
    return runBounded(
        currentScenario(), [&] { releaseAll(disruptor); },
        [&] {
            publishValues(disruptor.start(), events);
            if (!disruptor.shutdown(drainLimit))
                throw std::runtime_error("shutdown did not drain the published events");
        });
}

/// A producer that publishes until its ring is halted, as a real one would.
struct EndlessProducer {
    std::atomic<std::int64_t> published {0};
    std::atomic<bool> inNext {false};
    std::atomic<bool> halted {false};

    template <typename Ring>
    void run(Ring &ring)
    {
        try {
            for (;;) {
                inNext.store(true);
                const std::int64_t sequence = ring.next();
                inNext.store(false);
                ring[sequence].value = valueFor(sequence);
                ring.publish(sequence);
                published.fetch_add(1, std::memory_order_relaxed);
            }
        } catch (const core::Halted &) {
            halted.store(true);
        }
    }
};

/// Counts events and lifecycle hooks; checks that no event comes outside onStart..onShutdown.
struct CountingStage {
    int starts = 0;
    int shutdowns = 0;
    std::atomic<std::int64_t> events {0}; // polled by the test thread
    bool outsideLifecycle = false;
    void onStart() { ++starts; }
    void onShutdown() { ++shutdowns; }
    void onEvent(Event &, std::int64_t, bool)
    {
        outsideLifecycle = outsideLifecycle || starts != 1 || shutdowns != 0;
        events.fetch_add(1, std::memory_order_relaxed);
    }
};

/// Holds its first event until the ring is halted: a stage that never finishes on its own.
struct StallingStage {
    const core::Sequencer *sequencer = nullptr;
    int shutdowns = 0;
    void onEvent(Event &, std::int64_t, bool)
    {
        while (!sequencer->isHalted())
            std::this_thread::sleep_for(1ms);
    }
    void onShutdown() { ++shutdowns; }
};

/// Column "strategy" (QString): one row per wait strategy.
inline void addStrategyRows()
{
    QTest::addColumn<QString>("strategy");
    for (const std::string_view name : core::kWaitStrategyNames)
        QTest::newRow(name.data()) << QString::fromLatin1(name.data(), qsizetype(name.size()));
}

/// Column `column` (QString): one row per value, named after it.
inline void addTextRows(const char *column, std::initializer_list<const char *> values)
{
    QTest::addColumn<QString>(column);
    for (const char *value : values)
        QTest::newRow(value) << QString::fromLatin1(value);
}

/// Column `column` (bool): a row named `whenFalse`, then one named `whenTrue`.
inline void addSwitchRows(const char *column, const char *whenFalse, const char *whenTrue)
{
    QTest::addColumn<bool>(column);
    QTest::newRow(whenFalse) << false;
    QTest::newRow(whenTrue) << true;
}

/// Columns "strategy" (QString) and `column` (bool): every wait strategy twice, as rows
/// "<strategy>/<whenFalse>" and "<strategy>/<whenTrue>".
inline void addStrategyAndSwitchRows(const char *column, const char *whenFalse, const char *whenTrue)
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<bool>(column);
    for (const std::string_view name : core::kWaitStrategyNames) {
        const QString strategy = QString::fromLatin1(name.data(), qsizetype(name.size()));
        QTest::addRow("%s/%s", name.data(), whenFalse) << strategy << false;
        QTest::addRow("%s/%s", name.data(), whenTrue) << strategy << true;
    }
}

/// Values appended from any thread (errors arrive on stage and producer threads), read after.
template <typename T>
class SharedLog {
public:
    void append(T value)
    {
        const std::lock_guard lock(m_mutex);
        m_values.push_back(std::move(value));
    }
    std::vector<T> values() const
    {
        const std::lock_guard lock(m_mutex);
        return m_values;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<T> m_values;
};

} // namespace ringflow::test
