#pragma once

// How every Ringflow-side throughput case builds its Disruptor and times a run, whatever its event
// type (bench/ringflow_cases.cpp, bench/sequenced_cases.cpp).

#include "run_result.h"
#include "timing.h"
#include "value_event.h"
#include "wait_variants.h"

#include "core/disruptor.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace ringflow::bench {

template <typename Event, typename S>
core::Disruptor<Event, S> makeBenchDisruptor(const Workload &workload)
{
    auto waitStrategy = makeBenchWaitStrategy(workload.waitStrategy);
    if (!waitStrategy)
        throw std::invalid_argument("unknown wait strategy '" + workload.waitStrategy + "'");
    return core::Disruptor<Event, S>(kCapacity, std::move(waitStrategy));
}

// Polls rather than waits on anything the stages signal, so that finding out costs the stages
// nothing; 50 us of polling granularity is noise against runs of a tenth of a second and more.
template <typename Event, typename S>
bool waitUntilProcessed(const core::Disruptor<Event, S> &disruptor, std::int64_t last)
{
    constexpr auto kGiveUpAfter = std::chrono::minutes(2);
    const auto deadline = Clock::now() + kGiveUpAfter;
    for (;;) {
        const auto &processors = disruptor.processors();
        if (std::all_of(
                processors.begin(), processors.end(), [last](const auto &p) { return p->sequence().get() >= last; }))
            return true;
        if (disruptor.hasFailed() || Clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
}

// Times `produce` from its first event to the moment every stage has handled the last one; the
// stages are halted only after the clock stopped.
template <typename Event, typename S, typename Produce>
RunResult timeDisruptorRun(core::Disruptor<Event, S> &disruptor, std::int64_t events, Produce &&produce)
{
    auto &ring = disruptor.start();
    const auto start = Clock::now();
    produce(ring);
    const bool drained = waitUntilProcessed(disruptor, events - 1);
    RunResult result {events, secondsSince(start), {}, {}};
    disruptor.halt();
    if (!drained)
        result.failure = "the stages did not process every event (timed out or a stage failed)";
    return result;
}

} // namespace ringflow::bench
