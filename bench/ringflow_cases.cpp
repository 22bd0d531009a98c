#include "throughput_cases.h"

#include "accumulator.h"
#include "disruptor_run.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace ringflow::bench {

namespace {

using core::MultiProducerSequencer;
using core::SingleProducerSequencer;

template <typename S>
using ValueDisruptor = core::Disruptor<ValueEvent, S>;

// A stage that does the per-event work of every case; worker-pool workers are the same handler.
struct SumHandler {
    Accumulator total;
    void onEvent(const ValueEvent &event, std::int64_t, bool) noexcept { total.add(event.value); }
};

// The same work in an async batch handler: one coroutine (one allocated frame) per batch, run on
// the Disruptor's pool of async threads instead of a thread of its own.
struct AsyncSumHandler {
    Accumulator total;
    core::BatchTask onBatch(const core::EventBatch<ValueEvent> &batch, std::int64_t)
    {
        for (const ValueEvent &event : batch)
            total.add(event.value);
        co_return;
    }
};

template <typename S>
ValueDisruptor<S> makeDisruptor(const Workload &workload)
{
    return makeBenchDisruptor<ValueEvent, S>(workload);
}

template <typename S, typename Produce>
RunResult timeRun(ValueDisruptor<S> &disruptor, std::int64_t events, Produce &&produce)
{
    return timeDisruptorRun(disruptor, events, std::forward<Produce>(produce));
}

template <typename Ring>
void publishRange(Ring &ring, std::int64_t from, std::int64_t to)
{
    for (std::int64_t value = from; value < to; ++value) {
        const std::int64_t sequence = ring.next();
        ring[sequence].value = value;
        ring.publish(sequence);
    }
}

RunResult checked(RunResult result, std::initializer_list<std::pair<const char *, const SumHandler *>> stages)
{
    for (const auto &[name, stage] : stages)
        expectTotal(result.failure, name, stage->total, result.events, sumBelow(result.events));
    return result;
}

} // namespace

RunResult ringflowUnicast(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler consumer;
    disruptor.handleEventsWith(core::configure(consumer, {.name = "unicast.c"}));
    const auto result
        = timeRun(disruptor, workload.events, [&](auto &ring) { publishRange(ring, 0, workload.events); });
    return checked(result, {{"consumer", &consumer}});
}

RunResult ringflowAsync(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    AsyncSumHandler consumer;
    disruptor.setAsyncThreads(1);
    disruptor.handleEventsWith(core::configure(consumer, {.name = "async.c"}));
    auto result = timeRun(disruptor, workload.events, [&](auto &ring) { publishRange(ring, 0, workload.events); });
    expectTotal(result.failure, "async consumer", consumer.total, result.events, sumBelow(result.events));
    return result;
}

RunResult ringflowPipelineReadOnly(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler a, b, c;
    disruptor.handleEventsWith(core::configure(a, {.name = "pipeline.a"}))
        .then(core::configure(b, {.name = "pipeline.b"}))
        .then(core::configure(c, {.name = "pipeline.c"}));
    const auto result
        = timeRun(disruptor, workload.events, [&](auto &ring) { publishRange(ring, 0, workload.events); });
    return checked(result, {{"stage A", &a}, {"stage B", &b}, {"stage C", &c}});
}

namespace {

RunResult ringflowPipelineOn(const Workload &workload, std::string_view waitStrategy)
{
    Workload other = workload;
    other.waitStrategy = std::string(waitStrategy);
    return ringflowPipelineReadOnly(other);
}

} // namespace

RunResult ringflowPipelineOnPhasedBefore(const Workload &workload)
{
    return ringflowPipelineOn(workload, kPhasedBackoffBefore);
}

RunResult ringflowPipelineOnYielding(const Workload &workload)
{
    return ringflowPipelineOn(workload, "yielding");
}

RunResult ringflowMulticast(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler a, b, c;
    disruptor.handleEventsWith(core::configure(a, {.name = "multicast.a"}), core::configure(b, {.name = "multicast.b"}),
        core::configure(c, {.name = "multicast.c"}));
    const auto result
        = timeRun(disruptor, workload.events, [&](auto &ring) { publishRange(ring, 0, workload.events); });
    return checked(result, {{"consumer A", &a}, {"consumer B", &b}, {"consumer C", &c}});
}

RunResult ringflowDiamondReadOnly(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler a, b, c;
    disruptor.handleEventsWith(core::configure(a, {.name = "diamond.a"}), core::configure(b, {.name = "diamond.b"}))
        .then(core::configure(c, {.name = "diamond.c"}));
    const auto result
        = timeRun(disruptor, workload.events, [&](auto &ring) { publishRange(ring, 0, workload.events); });
    return checked(result, {{"stage A", &a}, {"stage B", &b}, {"joining stage C", &c}});
}

RunResult ringflowSequencer(const Workload &workload)
{
    constexpr int kProducers = 3;
    if (workload.events % kProducers != 0)
        throw std::invalid_argument("the sequencer case needs a multiple of 3 events");
    auto disruptor = makeDisruptor<MultiProducerSequencer>(workload);
    SumHandler consumer;
    disruptor.handleEventsWith(core::configure(consumer, {.name = "sequencer.c"}));
    const std::int64_t share = workload.events / kProducers;
    // The producers exist before the clock starts and wait at the gate that timeRun's first step opens.
    StartGate gate;
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p)
        producers.emplace_back([&, p] {
            gate.wait();
            publishRange(disruptor.ringBuffer(), p * share, (p + 1) * share);
        });
    const auto result = timeRun(disruptor, workload.events, [&](auto &) {
        gate.open();
        for (std::thread &producer : producers)
            producer.join();
    });
    return checked(result, {{"consumer", &consumer}});
}

RunResult ringflowBatched(const Workload &workload)
{
    if (workload.events % kPublishBatch != 0)
        throw std::invalid_argument("the batched case needs a multiple of the batch size");
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler consumer;
    disruptor.handleEventsWith(core::configure(consumer, {.name = "batched.c"}));
    const auto result = timeRun(disruptor, workload.events, [&](auto &ring) {
        for (std::int64_t value = 0; value < workload.events;) {
            const std::int64_t hi = ring.next(kPublishBatch);
            const std::int64_t lo = hi - kPublishBatch + 1;
            for (std::int64_t sequence = lo; sequence <= hi; ++sequence)
                ring[sequence].value = value++;
            ring.publish(lo, hi);
        }
    });
    return checked(result, {{"consumer", &consumer}});
}

RunResult ringflowWorkerPool(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler first, second;
    disruptor.handleEventsWithWorkerPool({.name = "pool"}, first, second);
    auto result = timeRun(disruptor, workload.events, [&](auto &ring) { publishRange(ring, 0, workload.events); });
    // Each event goes to exactly one worker: together they must have seen every event once.
    Accumulator both;
    both.sum = first.total.sum + second.total.sum;
    both.count = first.total.count + second.total.count;
    expectTotal(result.failure, "the two workers together", both, result.events, sumBelow(result.events));
    return result;
}

RunResult ringflowTryPublish(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler consumer;
    disruptor.handleEventsWith(core::configure(consumer, {.name = "try-publish.c"}));
    std::int64_t refused = 0;
    auto result = timeRun(disruptor, workload.events, [&](auto &ring) {
        for (std::int64_t value = 0; value < workload.events;) {
            if (ring.tryPublishEvent([value](ValueEvent &event, std::int64_t) { event.value = value; }))
                ++value;
            else if (++refused % 64 == 0) // full: let the consumer run before trying again
                std::this_thread::yield();
        }
    });
    // Refused attempts publish nothing: the consumer must still see each value exactly once.
    return checked(result, {{"consumer", &consumer}});
}

RunResult ringflowBlockingPublish(const Workload &workload)
{
    auto disruptor = makeDisruptor<SingleProducerSequencer>(workload);
    SumHandler consumer;
    disruptor.handleEventsWith(core::configure(consumer, {.name = "publish.c"}));
    const auto result = timeRun(disruptor, workload.events, [&](auto &ring) {
        for (std::int64_t value = 0; value < workload.events; ++value)
            ring.publishEvent([value](ValueEvent &event, std::int64_t) { event.value = value; });
    });
    return checked(result, {{"consumer", &consumer}});
}

} // namespace ringflow::bench
