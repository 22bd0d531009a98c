#include "producer_loop.h"

#include "core/thread_name.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <thread>

namespace ringflow::pipeline {

namespace {

// One event in this many carries a publish timestamp: enough for stable percentiles, and the
// clock read stays off the path of the other events.
constexpr std::uint64_t kLatencySampleMask = 63;

/// Keeps a producer on an absolute schedule, so sleep overshoots do not accumulate and low rates
/// stay accurate; a rate change starts a new schedule from now.
class Pacer {
public:
    void wait(double rate, std::uint64_t published)
    {
        if (rate <= 0) {
            m_rate = 0;
            return;
        }
        const std::int64_t now = nowNs();
        if (rate != m_rate) {
            m_rate = rate;
            m_startNs = now;
            m_startCount = published;
        }
        const auto due
            = m_startNs + static_cast<std::int64_t>(static_cast<double>(published - m_startCount) * 1e9 / rate);
        for (std::int64_t left = due - now; left > 0; left = due - nowNs()) {
            if (left > 200'000)
                std::this_thread::sleep_for(std::chrono::nanoseconds(left - 100'000));
            else
                std::this_thread::yield();
        }
    }
    void restart() { m_rate = 0; }

private:
    double m_rate = 0;
    std::int64_t m_startNs = 0;
    std::uint64_t m_startCount = 0;
};

} // namespace

void runProducerThread(const ProducerThreadSetup &setup)
{
    core::setCurrentThreadName(setup.plan.id);
    const ProducerPlan &plan = setup.plan;
    const std::uint64_t limit = plan.eventsPerThread > 0 ? static_cast<std::uint64_t>(plan.eventsPerThread)
                                                         : std::numeric_limits<std::uint64_t>::max();
    const std::int64_t deadline = plan.durationSeconds > 0
        ? nowNs() + static_cast<std::int64_t>(plan.durationSeconds * 1e9)
        : std::numeric_limits<std::int64_t>::max();
    const auto batch = static_cast<std::uint64_t>(std::clamp<std::int64_t>(plan.batch, 1, setup.ring.bufferSize()));
    const std::uint32_t payloadSize
        = static_cast<std::uint32_t>(std::min<std::int64_t>(plan.payloadBytes, setup.payloadCapacity));
    const bool timed = plan.durationSeconds > 0;

    Pacer pacer;
    std::uint64_t value = 0;
    try {
        while (value < limit && !setup.control.stop.load(std::memory_order_acquire)) {
            if (setup.control.paused.load(std::memory_order_acquire)) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                pacer.restart();
                continue;
            }
            if (timed && nowNs() >= deadline)
                break;
            pacer.wait(setup.rate.load(std::memory_order_relaxed), value);
            const std::uint64_t n = std::min(batch, limit - value);
            const std::int64_t hi = setup.ring.next(static_cast<std::int64_t>(n));
            const std::int64_t lo = hi - static_cast<std::int64_t>(n) + 1;
            for (std::int64_t sequence = lo; sequence <= hi; ++sequence, ++value) {
                PipelineEvent &event = setup.ring[sequence];
                event.value = value;
                event.publishedNs = (value & kLatencySampleMask) == 0 ? nowNs() : 0;
                event.source = setup.source;
                event.channel = setup.channel;
                event.payloadSize = payloadSize;
                std::memset(event.payload, static_cast<int>(value & 0xff), payloadSize);
            }
            setup.ring.publish(lo, hi);
            addOwned(setup.counters.published, n);
        }
    } catch (const core::Halted &) {
        // The pipeline was halted while this producer waited for space: nothing more to publish.
    }
    setup.counters.finished.store(true, std::memory_order_release);
}

} // namespace ringflow::pipeline
