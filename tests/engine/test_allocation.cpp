// The hot path allocates nothing: every global allocation function is replaced by a counting one,
// and while a started Disruptor publishes and consumes a million events the count must stay 0.
// The same replacement shows where a ring's slots lie in their array (padded at both ends).

#include "test_support.h"

#include <QTest>

#include <cstdlib>
#include <new>

namespace {

// Counted only while the measured window is open; relaxed is enough because the window is opened
// and closed around thread hand-offs (start of publishing, consumers' sequences) that order it.
std::atomic<bool> g_counting {false};
std::atomic<std::int64_t> g_allocations {0};
std::atomic<std::int64_t> g_deallocations {0};
// The latest array allocation, to see where a ring's slots lie within theirs.
std::atomic<const char *> g_lastArray {nullptr};
std::atomic<std::size_t> g_lastArrayBytes {0};

void *allocate(std::size_t size, std::size_t alignment = 0)
{
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    size = std::max<std::size_t>(size, 1);
    void *memory = nullptr;
    if (alignment <= alignof(std::max_align_t))
        memory = std::malloc(size);
    else if (posix_memalign(&memory, alignment, size) != 0)
        memory = nullptr;
    if (!memory)
        throw std::bad_alloc();
    return memory;
}

void *allocateNoThrow(std::size_t size, std::size_t alignment = 0) noexcept
{
    try {
        return allocate(size, alignment);
    } catch (...) {
        return nullptr;
    }
}

void release(void *memory) noexcept
{
    if (memory && g_counting.load(std::memory_order_relaxed))
        g_deallocations.fetch_add(1, std::memory_order_relaxed);
    std::free(memory); // also right for posix_memalign memory
}

std::size_t alignmentOf(std::align_val_t alignment)
{
    return static_cast<std::size_t>(alignment);
}

} // namespace

// The replaceable global allocation functions ([new.delete]): plain, array, nothrow, aligned,
// and the sized and aligned deallocation forms.
void *operator new(std::size_t size)
{
    return allocate(size);
}
void *operator new[](std::size_t size)
{
    void *memory = allocate(size);
    g_lastArrayBytes.store(size, std::memory_order_relaxed);
    g_lastArray.store(static_cast<const char *>(memory), std::memory_order_relaxed);
    return memory;
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size);
}
void *operator new(std::size_t size, std::align_val_t a)
{
    return allocate(size, alignmentOf(a));
}
void *operator new[](std::size_t size, std::align_val_t a)
{
    return allocate(size, alignmentOf(a));
}
void *operator new(std::size_t size, std::align_val_t a, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size, alignmentOf(a));
}
void *operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size, alignmentOf(a));
}
void operator delete(void *memory) noexcept
{
    release(memory);
}
void operator delete[](void *memory) noexcept
{
    release(memory);
}
void operator delete(void *memory, std::size_t) noexcept
{
    release(memory);
}
void operator delete[](void *memory, std::size_t) noexcept
{
    release(memory);
}
void operator delete(void *memory, const std::nothrow_t &) noexcept
{
    release(memory);
}
void operator delete[](void *memory, const std::nothrow_t &) noexcept
{
    release(memory);
}
void operator delete(void *memory, std::align_val_t) noexcept
{
    release(memory);
}
void operator delete[](void *memory, std::align_val_t) noexcept
{
    release(memory);
}
void operator delete(void *memory, std::size_t, std::align_val_t) noexcept
{
    release(memory);
}
void operator delete[](void *memory, std::size_t, std::align_val_t) noexcept
{
    release(memory);
}
void operator delete(void *memory, std::align_val_t, const std::nothrow_t &) noexcept
{
    release(memory);
}
void operator delete[](void *memory, std::align_val_t, const std::nothrow_t &) noexcept
{
    release(memory);
}

using namespace ringflow;
using namespace ringflow::test;

namespace {

/// What the measured window saw.
struct Window {
    std::int64_t allocations = 0;
    std::int64_t deallocations = 0;
};

class CountingWindow {
public:
    CountingWindow()
    {
        g_allocations.store(0);
        g_deallocations.store(0);
        g_counting.store(true, std::memory_order_seq_cst);
    }
    Window close()
    {
        g_counting.store(false, std::memory_order_seq_cst);
        return {g_allocations.load(), g_deallocations.load()};
    }
    ~CountingWindow() { g_counting.store(false); }
};

/// Sums the values it sees, so that the handler has an effect the compiler must keep.
struct SummingStage {
    std::int64_t sum = 0;
    std::int64_t events = 0;
    void onEvent(Event &event, std::int64_t, bool)
    {
        sum += event.value;
        ++events;
    }
};

// Keeps a pointer "used" so that an allocation made to test the counters is not elided.
void *volatile g_sink = nullptr;

/// Polls without allocating (no std::function, no strings) until every stage reached `sequence`.
template <typename D>
void waitUntilConsumed(const D &disruptor, std::int64_t sequence)
{
    for (const auto &processor : disruptor.processors()) {
        while (processor->sequence().get() < sequence && !disruptor.hasFailed())
            std::this_thread::sleep_for(50us);
    }
}

} // namespace

class TestAllocation : public QObject {
    Q_OBJECT

    // The slots of a ring of `size` events of type T must lie inside its array (the latest one
    // allocated) with at least kFalseSharingRange bytes of it on either side.
    template <typename T>
    void checkSlotPadding(std::int64_t size)
    {
        core::RingBuffer<T, core::SingleProducerSequencer> ring(size, makeStrategy("blocking"));
        const char *array = g_lastArray.load(std::memory_order_relaxed);
        const char *arrayEnd = array + g_lastArrayBytes.load(std::memory_order_relaxed);
        const auto *first = reinterpret_cast<const char *>(&ring[0]);
        const auto *end = reinterpret_cast<const char *>(&ring[size - 1] + 1);
        QVERIFY2(array <= first && end <= arrayEnd, "the slots are not in the latest array allocation");
        QVERIFY(first - array >= std::ptrdiff_t(core::kFalseSharingRange));
        QVERIFY(arrayEnd - end >= std::ptrdiff_t(core::kFalseSharingRange));
    }

    template <typename S>
    void checkPublishingAndPollingAllocateNothing()
    {
        core::RingBuffer<Event, S> ring(64, makeStrategy("blocking"));
        auto poller = ring.newPoller();
        const std::array<std::int64_t, 3> items {1, 2, 3};
        const auto fill = [](Event &event, std::int64_t sequence) { event.value = valueFor(sequence); };
        std::int64_t published = 0;
        std::int64_t refused = 0;
        std::int64_t sum = 0;
        const auto poll = [&](Event &event, std::int64_t, bool) {
            sum += event.value;
            return true;
        };
        CountingWindow window;
        while (published < scaled(1'000'000)) {
            while (ring.hasAvailableCapacity(8)) {
                ring.publishEvents(items, [](Event &event, std::int64_t, std::int64_t item) { event.value = item; });
                ring.publishEvents(2, fill);
                published += 5;
            }
            for (core::ClaimResult claim = ring.tryPublishEvents(2, fill); claim;
                 claim = ring.tryPublishEvents(2, fill))
                published += 2;
            if (ring.tryPublishEvent(fill))
                ++published;
            else
                ++refused;
            while (poller->poll(poll) == core::PollState::Processing) { }
        }
        const Window seen = window.close();
        QCOMPARE(seen.allocations, std::int64_t {0});
        QCOMPARE(seen.deallocations, std::int64_t {0});
        QVERIFY(refused > 0); // the full ring was met
        QCOMPARE(poller->sequence().get(), ring.cursor()); // the poller did drain it
        QVERIFY(sum > 0);
    }

private slots:
    void countersSeeEveryFormOfAllocation()
    {
        // Without this, a zero below could also mean "the replacement is not in use".
        CountingWindow window;
        g_sink = ::operator new(8);
        ::operator delete(g_sink);
        g_sink = ::operator new[](8, std::nothrow);
        ::operator delete[](g_sink, std::nothrow);
        g_sink = ::operator new (256, std::align_val_t {256});
        ::operator delete (g_sink, std::align_val_t {256});
        auto sequence = std::make_unique<core::Sequence>(); // over-aligned: aligned new
        g_sink = sequence.get();
        sequence.reset();
        {
            std::vector<std::int64_t> vector(100);
            g_sink = vector.data();
        }
        const Window seen = window.close();
        QCOMPARE(seen.allocations, std::int64_t {5});
        QCOMPARE(seen.deallocations, std::int64_t {5});
    }

    void slotsKeepAFalseSharingRangeFromEitherEndOfTheirArray_data()
    {
        QTest::addColumn<qint64>("size");
        for (const qint64 size : {1, 2, 64, 1024})
            QTest::addRow("size=%lld", static_cast<long long>(size)) << size;
    }
    void slotsKeepAFalseSharingRangeFromEitherEndOfTheirArray()
    {
        QFETCH(qint64, size);
        struct Wide {
            char bytes[200];
        };
        checkSlotPadding<char>(size);
        checkSlotPadding<Event>(size);
        checkSlotPadding<Wide>(size);
    }

    void publishingAndConsumingAllocatesNothing_data()
    {
        addStrategyAndSwitchRows("diamond", "1P-1C", "1P-3C diamond");
    }
    void publishingAndConsumingAllocatesNothing()
    {
        QFETCH(QString, strategy);
        QFETCH(bool, diamond);
        constexpr std::int64_t kSize = 1024;
        const std::int64_t events = scaled(1'000'000);
        SingleDisruptor disruptor(kSize, makeStrategy(strategy));
        SummingStage a, b, c;
        if (diamond)
            disruptor.handleEventsWith(a, b).then(c);
        else
            disruptor.handleEventsWith(a);
        Window seen;
        std::int64_t expectedSum = 0;
        RF_RUN_BOUNDED(
            currentScenario(), [&] { releaseAll(disruptor); },
            [&] {
                auto &ring = disruptor.start();
                // Warm-up: threads started, every slot and code path touched once.
                publishValues(ring, 4 * kSize);
                waitUntilConsumed(disruptor, 4 * kSize - 1);

                CountingWindow window;
                for (std::int64_t round = 0, n = 0; n < events; ++round) {
                    if (round % 2 == 0) { // batched and single claims, as real producers mix them
                        const std::int64_t hi = ring.next(3);
                        for (std::int64_t sequence = hi - 2; sequence <= hi; ++sequence)
                            ring[sequence].value = valueFor(sequence);
                        ring.publish(hi - 2, hi);
                        n += 3;
                    } else {
                        ring.publishEvent(
                            [](Event &event, std::int64_t sequence) { event.value = valueFor(sequence); });
                        ++n;
                    }
                }
                waitUntilConsumed(disruptor, ring.cursor());
                seen = window.close();
                if (!disruptor.shutdown(10s))
                    throw std::runtime_error("shutdown did not drain");
                for (std::int64_t sequence = 0; sequence <= ring.cursor(); ++sequence)
                    expectedSum += valueFor(sequence);
            });
        QCOMPARE(seen.allocations, std::int64_t {0});
        QCOMPARE(seen.deallocations, std::int64_t {0});
        QCOMPARE(a.sum, expectedSum); // the stages did see every event
        if (diamond) {
            QCOMPARE(b.sum, expectedSum);
            QCOMPARE(c.sum, expectedSum);
        }
    }

    // The other ways to publish and the poller: on one thread, a producer fills the ring with
    // every publishing call and a poller drains it, a million events in all.
    void tryPublishingRangesAndPollingAllocateNothing_data()
    {
        addSwitchRows("multi", "single producer", "multi producer");
    }
    void tryPublishingRangesAndPollingAllocateNothing()
    {
        QFETCH(bool, multi);
        if (multi)
            checkPublishingAndPollingAllocateNothing<core::MultiProducerSequencer>();
        else
            checkPublishingAndPollingAllocateNothing<core::SingleProducerSequencer>();
    }
};

QTEST_GUILESS_MAIN(TestAllocation)
#include "test_allocation.moc"
