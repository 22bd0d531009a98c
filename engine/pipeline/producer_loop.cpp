#include "producer_loop.h"

#include "core/thread_name.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <thread>

namespace ringflow::pipeline {

namespace {

using Clock = std::chrono::steady_clock;

// One event in this many carries a publish timestamp: enough for stable percentiles, and the
// clock read stays off the path of the other events.
constexpr std::uint64_t kLatencySampleMask = 63;

// Closer to its due time than this, a producer yields instead of sleeping: a sleep overshoots by
// tens of microseconds, which at high rates would be most of the interval.
constexpr std::int64_t kSleepAboveNs = 200'000;
constexpr std::int64_t kWakeEarlyNs = 100'000;

/// Keeps a producer on an absolute schedule, so sleep overshoots do not accumulate and low rates
/// stay accurate; a rate change starts a new schedule from now.
class Pacer {
public:
    explicit Pacer(const ProducerThreadSetup &setup) : m_setup(setup) { }

    /// Waits until the event numbered `published` is due at the live rate, or until `deadlineNs`;
    /// returns early when the producer is stopped, paused or its rate changes. True when it
    /// waited at all: the caller then checks stop, pause and deadline again before publishing.
    bool wait(std::uint64_t published, std::int64_t deadlineNs)
    {
        const double rate = m_setup.rate.load(std::memory_order_relaxed);
        if (rate <= 0) {
            m_rate = 0;
            return false;
        }
        std::int64_t now = nowNs();
        if (rate != m_rate) {
            m_rate = rate;
            m_startNs = now;
            m_startCount = published;
        }
        // In double, so that any rate in range gives a due time instead of an overflow; a due time
        // beyond the deadline is the deadline.
        const double dueNs
            = static_cast<double>(m_startNs) + static_cast<double>(published - m_startCount) * 1e9 / rate;
        const std::int64_t due
            = dueNs >= static_cast<double>(deadlineNs) ? deadlineNs : static_cast<std::int64_t>(dueNs);
        if (due <= now)
            return false;
        for (std::int64_t left = due - now; left > 0; left = due - nowNs()) {
            if (left <= kSleepAboveNs)
                std::this_thread::yield();
            else if (sleepFor(std::chrono::nanoseconds(left - kWakeEarlyNs), rate))
                break;
        }
        return true;
    }
    void restart() { m_rate = 0; }

private:
    // True when woken by a stop, a pause or a new rate rather than by the time passing.
    bool sleepFor(std::chrono::nanoseconds duration, double rate)
    {
        ProducerControl &control = m_setup.control;
        return control.sleepUntil(Clock::now() + duration, [&] {
            return control.stop.load(std::memory_order_acquire) || control.paused.load(std::memory_order_acquire)
                || m_setup.rate.load(std::memory_order_relaxed) != rate;
        });
    }

    const ProducerThreadSetup &m_setup;
    double m_rate = 0;
    std::int64_t m_startNs = 0;
    std::uint64_t m_startCount = 0;
};

void fill(const ProducerThreadSetup &setup, std::int64_t lo, std::int64_t hi, std::uint64_t value,
    std::uint32_t payloadSize) noexcept
{
    for (std::int64_t sequence = lo; sequence <= hi; ++sequence, ++value) {
        PipelineEvent &event = setup.ring[sequence];
        event.value = value;
        event.publishedNs = (value & kLatencySampleMask) == 0 ? nowNs() : 0;
        event.source = setup.source;
        event.channel = setup.channel;
        event.payloadSize = payloadSize;
        if (payloadSize > 0)
            std::memset(event.payload, static_cast<int>(value & 0xff), payloadSize);
    }
}

// Sleeps while the producer is paused; true when it was (its schedule must then start anew).
bool holdWhilePaused(ProducerControl &control)
{
    if (!control.paused.load(std::memory_order_acquire))
        return false;
    while (!control.sleepUntil(Clock::now() + std::chrono::seconds(1), [&] {
        return !control.paused.load(std::memory_order_acquire) || control.stop.load(std::memory_order_acquire);
    })) { }
    return true;
}

} // namespace

namespace {

/// The publishing loop, on the ring's own sequencer type: both are final, so claiming and
/// publishing are direct calls the compiler can inline, as in a hand-written producer.
template <typename S>
void publishAll(const ProducerThreadSetup &setup, S &sequencer)
{
    const ProducerPlan &plan = setup.plan;
    const std::uint64_t limit = plan.eventsPerThread > 0 ? static_cast<std::uint64_t>(plan.eventsPerThread)
                                                         : std::numeric_limits<std::uint64_t>::max();
    // Validation bounds the duration far below the int64 range of nanoseconds.
    const bool timed = plan.durationSeconds > 0;
    const std::int64_t deadline = timed ? nowNs() + static_cast<std::int64_t>(plan.durationSeconds * 1e9)
                                        : std::numeric_limits<std::int64_t>::max();
    const auto batch = static_cast<std::uint64_t>(std::clamp<std::int64_t>(plan.batch, 1, sequencer.bufferSize()));
    const std::uint32_t payloadSize
        = static_cast<std::uint32_t>(std::min<std::int64_t>(plan.payloadBytes, setup.payloadCapacity));

    Pacer pacer(setup);
    std::uint64_t value = 0;
    while (value < limit && !setup.control.stop.load(std::memory_order_acquire)) {
        if (holdWhilePaused(setup.control)) {
            pacer.restart();
            continue;
        }
        if (pacer.wait(value, deadline))
            continue; // stopped, paused, retuned or simply due: look again before publishing
        if (timed && nowNs() >= deadline)
            break;
        const std::uint64_t n = std::min(batch, limit - value);
        const std::int64_t hi = sequencer.next(static_cast<std::int64_t>(n));
        const std::int64_t lo = hi - static_cast<std::int64_t>(n) + 1;
        fill(setup, lo, hi, value, payloadSize);
        if (value == 0)
            setup.counters.firstPublishNs.store(nowNs(), std::memory_order_relaxed);
        sequencer.publish(lo, hi);
        value += n;
        addOwned(setup.counters.published, n);
    }
}

} // namespace

void runProducerThread(const ProducerThreadSetup &setup)
{
    core::setCurrentThreadName(setup.plan.id);
    core::Sequencer &sequencer = setup.ring.sequencer();
    try {
        if (auto *single = dynamic_cast<core::SingleProducerSequencer *>(&sequencer))
            publishAll(setup, *single);
        else if (auto *multi = dynamic_cast<core::MultiProducerSequencer *>(&sequencer))
            publishAll(setup, *multi);
        else
            publishAll(setup, sequencer);
    } catch (const core::Halted &) {
        // The pipeline was halted while this producer waited for space: nothing more to publish.
    }
    setup.counters.finished.store(true, std::memory_order_release);
}

} // namespace ringflow::pipeline
