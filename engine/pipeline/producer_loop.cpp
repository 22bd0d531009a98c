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

/// What one producer thread reads while it publishes, copied out of the setup so that the hot
/// loop reads its own stack, and the control state it last saw.
struct ProducerState {
    explicit ProducerState(const ProducerThreadSetup &setup) : setup(setup), control(setup.control) { refresh(); }

    /// True when stop(), pause(), resume() or a new rate happened since the last look: cheap,
    /// one load of a line that only those write.
    bool changed() const noexcept { return control.changes.load(std::memory_order_acquire) != seenChanges; }

    /// Reads the control state again.
    void refresh() noexcept
    {
        // The count first: a change after this load bumps it again, so none is missed.
        seenChanges = control.changes.load(std::memory_order_acquire);
        stopped = control.stop.load(std::memory_order_acquire);
        paused = control.paused.load(std::memory_order_acquire);
        rate = setup.rate.load(std::memory_order_relaxed);
    }

    const ProducerThreadSetup &setup;
    ProducerControl &control;
    std::uint64_t seenChanges = 0;
    bool stopped = false;
    bool paused = false;
    double rate = 0; ///< events/s, 0: as fast as possible
};

/// Keeps a producer on an absolute schedule, so sleep overshoots do not accumulate and low rates
/// stay accurate; a rate change starts a new schedule from now.
class Pacer {
public:
    /// Waits until the event numbered `published` is due at `state.rate` (> 0), or until
    /// `deadlineNs`; returns early when the producer's control state changes. True when it waited
    /// at all: the caller then looks at the state and the deadline again before publishing.
    bool wait(const ProducerState &state, std::uint64_t published, std::int64_t deadlineNs)
    {
        std::int64_t now = nowNs();
        if (state.rate != m_rate) {
            m_rate = state.rate;
            m_startNs = now;
            m_startCount = published;
        }
        // In double, so that any rate in range gives a due time instead of an overflow; a due time
        // beyond the deadline is the deadline.
        const double dueNs
            = static_cast<double>(m_startNs) + static_cast<double>(published - m_startCount) * 1e9 / m_rate;
        const std::int64_t due
            = dueNs >= static_cast<double>(deadlineNs) ? deadlineNs : static_cast<std::int64_t>(dueNs);
        if (due <= now)
            return false;
        for (std::int64_t left = due - now; left > 0; left = due - nowNs()) {
            if (left <= kSleepAboveNs)
                std::this_thread::yield();
            else if (state.control.sleepUntil(
                         Clock::now() + std::chrono::nanoseconds(left - kWakeEarlyNs), [&] { return state.changed(); }))
                break;
        }
        return true;
    }
    void restart() { m_rate = 0; }

private:
    double m_rate = 0;
    std::int64_t m_startNs = 0;
    std::uint64_t m_startCount = 0;
};

void fill(PipelineRing &ring, const ProducerThreadSetup &setup, std::int64_t lo, std::int64_t hi, std::uint64_t value,
    std::uint32_t payloadSize) noexcept
{
    const std::uint32_t source = setup.source;
    const std::uint32_t channel = setup.channel;
    for (std::int64_t sequence = lo; sequence <= hi; ++sequence, ++value) {
        PipelineEvent &event = ring[sequence];
        event.value = value;
        event.publishedNs = (value & kLatencySampleMask) == 0 ? nowNs() : 0;
        event.source = source;
        event.channel = channel;
        event.payloadSize = payloadSize;
        if (payloadSize > 0)
            std::memset(setup.payloads.at(sequence), static_cast<int>(value & 0xff), payloadSize);
    }
}

// Sleeps while the producer is paused and not stopped; true when it was (its schedule must then
// start anew).
bool holdWhilePaused(ProducerState &state)
{
    if (!state.paused)
        return false;
    while (state.paused && !state.stopped) {
        state.control.sleepUntil(Clock::now() + std::chrono::seconds(1), [&] { return state.changed(); });
        state.refresh();
    }
    return true;
}

/// The publishing loop, on the ring's own sequencer type: both are final, so claiming and
/// publishing are direct calls the compiler can inline, as in a hand-written producer.
template <typename S>
void publishAll(const ProducerThreadSetup &setup, S &sequencer)
{
    const ProducerPlan &plan = setup.plan;
    PipelineRing &ring = setup.ring;
    std::atomic<std::uint64_t> &published = setup.counters.published;
    const std::uint64_t limit = plan.eventsPerThread > 0 ? static_cast<std::uint64_t>(plan.eventsPerThread)
                                                         : std::numeric_limits<std::uint64_t>::max();
    // Validation bounds the duration far below the int64 range of nanoseconds.
    const bool timed = plan.durationSeconds > 0;
    const std::int64_t deadline = timed ? nowNs() + static_cast<std::int64_t>(plan.durationSeconds * 1e9)
                                        : std::numeric_limits<std::int64_t>::max();
    const auto batch = static_cast<std::uint64_t>(std::clamp<std::int64_t>(plan.batch, 1, sequencer.bufferSize()));
    const std::uint32_t payloadSize
        = static_cast<std::uint32_t>(std::min<std::int64_t>(plan.payloadBytes, setup.payloads.capacity));

    ProducerState state(setup);
    Pacer pacer;
    std::uint64_t value = 0;
    while (value < limit) {
        if (state.changed())
            state.refresh();
        if (state.stopped)
            break;
        if (holdWhilePaused(state)) {
            pacer.restart();
            continue;
        }
        if (state.rate > 0 && pacer.wait(state, value, deadline))
            continue; // retuned, paused, stopped or simply due: look again before publishing
        if (timed && nowNs() >= deadline)
            break;
        const std::uint64_t n = std::min(batch, limit - value);
        const std::int64_t hi = sequencer.next(static_cast<std::int64_t>(n));
        const std::int64_t lo = hi - static_cast<std::int64_t>(n) + 1;
        fill(ring, setup, lo, hi, value, payloadSize);
        if (value == 0)
            setup.counters.firstPublishNs.store(nowNs(), std::memory_order_relaxed);
        sequencer.publish(lo, hi);
        value += n;
        addOwned(published, n);
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
