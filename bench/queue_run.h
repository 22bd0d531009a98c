#pragma once

// How every mutex-queue baseline times a run (bench/baseline_cases.cpp, bench/sequenced_cases.cpp).

#include "run_result.h"
#include "timing.h"

#include <functional>
#include <thread>
#include <vector>

namespace ringflow::bench {

// Starts every consumer thread first, then times `produce` (run on the calling thread, like the
// Ringflow producer) until all consumers have finished.
inline RunResult timeQueueRun(
    std::int64_t events, std::vector<std::function<void()>> consumers, const std::function<void()> &produce)
{
    StartGate gate;
    std::vector<std::thread> threads;
    for (auto &consume : consumers)
        threads.emplace_back([&gate, &consume] {
            gate.wait();
            consume();
        });
    const auto start = Clock::now();
    gate.open();
    produce();
    for (std::thread &thread : threads)
        thread.join();
    return {events, secondsSince(start), {}, {}};
}

} // namespace ringflow::bench
