// The pipeline and diamond cases with the per-event work of LMAX's sequenced throughput tests
// (OneToThreePipelineSequencedThroughputTest, OneToThreeDiamondSequencedThroughputTest): each
// stage but the last writes a result into the event, and the next stage reads it. The read-only
// variants, where every stage only reads the value and sums it, are in ringflow_cases.cpp and
// baseline_cases.cpp.
#include "throughput_cases.h"

#include "disruptor_run.h"
#include "mutex_queue.h"
#include "queue_run.h"

#include <string>

namespace ringflow::bench {

namespace {

using core::SingleProducerSequencer;

/// LMAX's FunctionEvent: two operands from the producer, and a result written by each of the first
/// two stages for the next one to read.
struct FunctionEvent {
    std::int64_t operandOne = 0;
    std::int64_t operandTwo = 0;
    std::int64_t stepOneResult = 0;
    std::int64_t stepTwoResult = 0;
};

/// LMAX's FizzBuzzEvent: the producer's value, and a flag written by each of the two parallel stages
/// for the joining stage to read.
struct FizzBuzzEvent {
    std::int64_t value = 0;
    bool fizz = false;
    bool buzz = false;
};

constexpr std::int64_t kOperandTwoInitial = 777; // as in LMAX's test
constexpr auto kQueueSlots = static_cast<std::size_t>(kCapacity);

void fill(FunctionEvent &event, std::int64_t i) noexcept
{
    event.operandOne = i;
    event.operandTwo = kOperandTwoInitial - i;
}

void stepOne(FunctionEvent &event) noexcept
{
    event.stepOneResult = event.operandOne + event.operandTwo;
}

void stepTwo(FunctionEvent &event) noexcept
{
    event.stepTwoResult = event.stepOneResult + 3;
}

bool stepThreeCounts(const FunctionEvent &event) noexcept
{
    return (event.stepTwoResult & 4) == 4;
}

void fizz(FizzBuzzEvent &event) noexcept
{
    event.fizz = event.value % 3 == 0;
}

void buzz(FizzBuzzEvent &event) noexcept
{
    event.buzz = event.value % 5 == 0;
}

/// What the last stage must have counted: the three steps replayed on each value, as LMAX's test
/// computes its expected result.
std::int64_t expectedStepThreeCount(std::int64_t events)
{
    std::int64_t count = 0;
    for (std::int64_t i = 0; i < events; ++i) {
        FunctionEvent event;
        fill(event, i);
        stepOne(event);
        stepTwo(event);
        count += stepThreeCounts(event) ? 1 : 0;
    }
    return count;
}

/// The values of 0..events-1 divisible by 15.
constexpr std::int64_t expectedFizzBuzzCount(std::int64_t events) noexcept
{
    return (events + 14) / 15;
}

void expectCount(RunResult &result, const char *what, std::int64_t counted, std::int64_t expected)
{
    if (counted == expected)
        return;
    result.failure += (result.failure.empty() ? "" : "; ") + std::string(what) + " counted " + std::to_string(counted)
        + ", expected " + std::to_string(expected);
}

// The stages, as handlers on the Disruptor; each writes into the slot it is handed.
struct StepOne {
    void onEvent(FunctionEvent &event, std::int64_t, bool) noexcept { stepOne(event); }
};
struct StepTwo {
    void onEvent(FunctionEvent &event, std::int64_t, bool) noexcept { stepTwo(event); }
};
struct alignas(core::kFalseSharingRange) StepThree {
    std::int64_t counter = 0;
    void onEvent(const FunctionEvent &event, std::int64_t, bool) noexcept { counter += stepThreeCounts(event); }
};
struct Fizz {
    void onEvent(FizzBuzzEvent &event, std::int64_t, bool) noexcept { fizz(event); }
};
struct Buzz {
    void onEvent(FizzBuzzEvent &event, std::int64_t, bool) noexcept { buzz(event); }
};
struct alignas(core::kFalseSharingRange) FizzBuzz {
    std::int64_t counter = 0;
    void onEvent(const FizzBuzzEvent &event, std::int64_t, bool) noexcept { counter += event.fizz && event.buzz; }
};

// A baseline stage in the middle: takes `events` events from `in`, writes its result into each and
// pushes it on to `out`.
template <typename Event>
void passOn(MutexQueue<Event> &in, MutexQueue<Event> &out, std::int64_t events, void (*work)(Event &))
{
    for (std::int64_t i = 0; i < events; ++i) {
        Event event = *in.pop();
        work(event);
        out.push(event);
    }
}

} // namespace

RunResult ringflowPipeline(const Workload &workload)
{
    auto disruptor = makeBenchDisruptor<FunctionEvent, SingleProducerSequencer>(workload);
    StepOne a;
    StepTwo b;
    StepThree c;
    disruptor.handleEventsWith(core::configure(a, {.name = "pipeline.a"}))
        .then(core::configure(b, {.name = "pipeline.b"}))
        .then(core::configure(c, {.name = "pipeline.c"}));
    RunResult result = timeDisruptorRun(disruptor, workload.events, [&](auto &ring) {
        for (std::int64_t i = 0; i < workload.events; ++i) {
            const std::int64_t sequence = ring.next();
            fill(ring[sequence], i);
            ring.publish(sequence);
        }
    });
    expectCount(result, "stage C", c.counter, expectedStepThreeCount(result.events));
    return result;
}

RunResult ringflowDiamond(const Workload &workload)
{
    auto disruptor = makeBenchDisruptor<FizzBuzzEvent, SingleProducerSequencer>(workload);
    Fizz a;
    Buzz b;
    FizzBuzz c;
    disruptor.handleEventsWith(core::configure(a, {.name = "diamond.a"}), core::configure(b, {.name = "diamond.b"}))
        .then(core::configure(c, {.name = "diamond.c"}));
    RunResult result = timeDisruptorRun(disruptor, workload.events, [&](auto &ring) {
        for (std::int64_t i = 0; i < workload.events; ++i) {
            const std::int64_t sequence = ring.next();
            ring[sequence].value = i;
            ring.publish(sequence);
        }
    });
    expectCount(result, "joining stage C", c.counter, expectedFizzBuzzCount(result.events));
    return result;
}

// The baselines: the event itself goes through the queues, each stage writing its result into its
// copy before it pushes it on.

RunResult baselinePipeline(const Workload &workload)
{
    const std::int64_t n = workload.events;
    using Queue = MutexQueue<FunctionEvent>;
    Queue toA(kQueueSlots), toB(kQueueSlots), toC(kQueueSlots);
    std::int64_t counter = 0;
    const auto step = [n](Queue &in, Queue &out, void (*work)(FunctionEvent &)) { passOn(in, out, n, work); };
    RunResult result = timeQueueRun(n,
        {[&] { step(toA, toB, stepOne); }, [&] { step(toB, toC, stepTwo); },
            [&] {
                for (std::int64_t i = 0; i < n; ++i)
                    counter += stepThreeCounts(*toC.pop());
            }},
        [&] {
            for (std::int64_t i = 0; i < n; ++i) {
                FunctionEvent event;
                fill(event, i);
                toA.push(event);
            }
        });
    expectCount(result, "stage C", counter, expectedStepThreeCount(n));
    return result;
}

RunResult baselineDiamond(const Workload &workload)
{
    const std::int64_t n = workload.events;
    using Queue = MutexQueue<FizzBuzzEvent>;
    Queue toA(kQueueSlots), toB(kQueueSlots), fromA(kQueueSlots), fromB(kQueueSlots);
    std::int64_t counter = 0;
    std::int64_t mismatches = 0;
    const auto step = [n](Queue &in, Queue &out, void (*work)(FizzBuzzEvent &)) { passOn(in, out, n, work); };
    const auto join = [&] {
        for (std::int64_t i = 0; i < n; ++i) {
            // Both branches deliver in order, so the two halves of one event arrive together.
            const FizzBuzzEvent withFizz = *fromA.pop();
            const FizzBuzzEvent withBuzz = *fromB.pop();
            mismatches += withFizz.value != withBuzz.value;
            counter += withFizz.fizz && withBuzz.buzz;
        }
    };
    RunResult result = timeQueueRun(n, {[&] { step(toA, fromA, fizz); }, [&] { step(toB, fromB, buzz); }, join}, [&] {
        for (std::int64_t i = 0; i < n; ++i) {
            const FizzBuzzEvent event {i, false, false};
            toA.push(event);
            toB.push(event);
        }
    });
    expectCount(result, "joining stage C", counter, expectedFizzBuzzCount(n));
    expectCount(result, "events out of step at the joining stage", mismatches, 0);
    return result;
}

} // namespace ringflow::bench
