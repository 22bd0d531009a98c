#include "latency.h"

#include "accumulator.h"
#include "mutex_queue.h"
#include "timing.h"
#include "wait_variants.h"

#include "core/disruptor.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

namespace ringflow::bench {

namespace {

// One event is in flight at a time: the capacity only has to be the same on both sides.
constexpr std::int64_t kPingPongCapacity = 1024;

using PingPongDisruptor = core::Disruptor<ValueEvent, core::SingleProducerSequencer>;
using Ring = PingPongDisruptor::Ring;

std::int64_t nanosecondsBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count();
}

void send(Ring &ring, std::int64_t value)
{
    const std::int64_t sequence = ring.next();
    ring[sequence].value = value;
    ring.publish(sequence);
}

// The stage on the ping ring: answers every ping on the pong ring.
struct Ponger {
    Ring &pong;
    Accumulator total;
    void onEvent(const ValueEvent &event, std::int64_t, bool)
    {
        total.add(event.value);
        send(pong, event.value);
    }
};

// The stage on the pong ring: times the round trip that just ended and starts the next one.
struct Pinger {
    Pinger(Ring &pingRing, std::int64_t roundTrips) : ping(pingRing), rounds(roundTrips)
    {
        samplesNs.reserve(static_cast<std::size_t>(rounds));
    }

    Ring &ping;
    const std::int64_t rounds;
    std::vector<std::int64_t> samplesNs;
    Accumulator total;
    std::int64_t outOfOrder = 0;
    Clock::time_point sentAt;
    Clock::time_point finishedAt; // stamped here, so the main thread's polling does not count
    std::atomic<bool> done {false};

    void start()
    {
        sentAt = Clock::now();
        send(ping, 0);
    }
    void onEvent(const ValueEvent &event, std::int64_t, bool)
    {
        samplesNs.push_back(nanosecondsBetween(sentAt, Clock::now()));
        if (event.value != total.count)
            ++outOfOrder;
        total.add(event.value);
        if (total.count == rounds) {
            finishedAt = Clock::now();
            done.store(true, std::memory_order_release);
            return;
        }
        sentAt = Clock::now();
        send(ping, total.count);
    }
};

std::unique_ptr<core::WaitStrategy> makeWait(const std::string &name)
{
    auto waitStrategy = makeBenchWaitStrategy(name);
    if (!waitStrategy)
        throw std::invalid_argument("unknown wait strategy '" + name + "'");
    return waitStrategy;
}

RunResult finish(RunResult result, std::vector<std::int64_t> &samplesNs, std::int64_t outOfOrder,
    const Accumulator &pinger, const Accumulator &ponger)
{
    expectTotal(result.failure, "the ponger", ponger, result.events, sumBelow(result.events));
    expectTotal(result.failure, "the pinger", pinger, result.events, sumBelow(result.events));
    if (outOfOrder != 0)
        result.failure
            += (result.failure.empty() ? "" : "; ") + std::to_string(outOfOrder) + " pongs answered the wrong ping";
    if (!samplesNs.empty())
        result.latency = percentiles(samplesNs);
    return result;
}

} // namespace

Latency percentiles(std::vector<std::int64_t> &samplesNs)
{
    const auto at = [&](double quantile) {
        const auto index = std::min(samplesNs.size() - 1, static_cast<std::size_t>(quantile * samplesNs.size()));
        std::nth_element(samplesNs.begin(), samplesNs.begin() + static_cast<std::ptrdiff_t>(index), samplesNs.end());
        return static_cast<double>(samplesNs[index]);
    };
    const double p50 = at(0.50), p99 = at(0.99), p999 = at(0.999);
    return {p50, p99, p999, static_cast<double>(*std::max_element(samplesNs.begin(), samplesNs.end()))};
}

RunResult ringflowPingPong(const Workload &workload)
{
    PingPongDisruptor pingSide(kPingPongCapacity, makeWait(workload.waitStrategy));
    PingPongDisruptor pongSide(kPingPongCapacity, makeWait(workload.waitStrategy));
    Ponger ponger {pongSide.ringBuffer(), {}};
    Pinger pinger(pingSide.ringBuffer(), workload.events);
    pingSide.handleEventsWith(core::configure(ponger, {.name = "ponger"}));
    pongSide.handleEventsWith(core::configure(pinger, {.name = "pinger"}));
    pingSide.start();
    pongSide.start();

    const auto start = Clock::now();
    pinger.start();
    constexpr auto kGiveUpAfter = std::chrono::minutes(2);
    while (!pinger.done.load(std::memory_order_acquire) && Clock::now() - start < kGiveUpAfter)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    pongSide.halt();
    pingSide.halt();
    RunResult result {workload.events, 0, {}, {}};
    if (pinger.done.load(std::memory_order_acquire))
        result.seconds = std::chrono::duration<double>(pinger.finishedAt - start).count();
    else
        result.failure = "the round trips did not finish in time";
    return finish(std::move(result), pinger.samplesNs, pinger.outOfOrder, pinger.total, ponger.total);
}

RunResult baselinePingPong(const Workload &workload)
{
    const std::int64_t rounds = workload.events;
    MutexQueue<std::int64_t> ping(kPingPongCapacity), pong(kPingPongCapacity);
    Accumulator pongerTotal, pingerTotal;
    std::vector<std::int64_t> samplesNs;
    samplesNs.reserve(static_cast<std::size_t>(rounds));
    std::int64_t outOfOrder = 0;

    std::thread ponger([&] {
        for (std::int64_t i = 0; i < rounds; ++i) {
            const std::int64_t value = *ping.pop();
            pongerTotal.add(value);
            pong.push(value);
        }
    });
    const auto start = Clock::now();
    for (std::int64_t value = 0; value < rounds; ++value) {
        const auto sentAt = Clock::now();
        ping.push(value);
        const std::int64_t answer = *pong.pop();
        samplesNs.push_back(nanosecondsBetween(sentAt, Clock::now()));
        if (answer != value)
            ++outOfOrder;
        pingerTotal.add(answer);
    }
    ponger.join();
    RunResult result {rounds, secondsSince(start), {}, {}};
    return finish(std::move(result), samplesNs, outOfOrder, pingerTotal, pongerTotal);
}

} // namespace ringflow::bench
