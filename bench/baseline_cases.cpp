#include "throughput_cases.h"

#include "accumulator.h"
#include "mutex_queue.h"
#include "queue_run.h"

#include <array>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ringflow::bench {

namespace {

using Queue = MutexQueue<std::int64_t>;

Queue makeQueue()
{
    return Queue(static_cast<std::size_t>(kCapacity));
}

// A consumer that takes `events` values from `in`, adds each to `total` and, for a stage in the
// middle of a chain, passes it on to `out`.
void consume(Queue &in, Accumulator &total, std::int64_t events, Queue *out = nullptr)
{
    for (std::int64_t i = 0; i < events; ++i) {
        const std::int64_t value = *in.pop();
        total.add(value);
        if (out)
            out->push(value);
    }
}

void expectAll(RunResult &result, std::initializer_list<std::pair<const char *, const Accumulator *>> totals)
{
    for (const auto &[name, total] : totals)
        expectTotal(result.failure, name, *total, result.events, sumBelow(result.events));
}

} // namespace

RunResult baselineUnicast(const Workload &workload)
{
    const std::int64_t n = workload.events;
    Queue queue = makeQueue();
    Accumulator total;
    RunResult result = timeQueueRun(n, {[&] { consume(queue, total, n); }}, [&] {
        for (std::int64_t value = 0; value < n; ++value)
            queue.push(value);
    });
    expectAll(result, {{"consumer", &total}});
    return result;
}

RunResult baselinePipelineReadOnly(const Workload &workload)
{
    const std::int64_t n = workload.events;
    Queue toA = makeQueue(), toB = makeQueue(), toC = makeQueue();
    Accumulator a, b, c;
    RunResult result = timeQueueRun(
        n, {[&] { consume(toA, a, n, &toB); }, [&] { consume(toB, b, n, &toC); }, [&] { consume(toC, c, n); }}, [&] {
            for (std::int64_t value = 0; value < n; ++value)
                toA.push(value);
        });
    expectAll(result, {{"stage A", &a}, {"stage B", &b}, {"stage C", &c}});
    return result;
}

RunResult baselineMulticast(const Workload &workload)
{
    const std::int64_t n = workload.events;
    Queue toA = makeQueue(), toB = makeQueue(), toC = makeQueue();
    Accumulator a, b, c;
    RunResult result
        = timeQueueRun(n, {[&] { consume(toA, a, n); }, [&] { consume(toB, b, n); }, [&] { consume(toC, c, n); }}, [&] {
              for (std::int64_t value = 0; value < n; ++value) {
                  toA.push(value);
                  toB.push(value);
                  toC.push(value);
              }
          });
    expectAll(result, {{"consumer A", &a}, {"consumer B", &b}, {"consumer C", &c}});
    return result;
}

RunResult baselineDiamondReadOnly(const Workload &workload)
{
    const std::int64_t n = workload.events;
    Queue toA = makeQueue(), toB = makeQueue(), fromA = makeQueue(), fromB = makeQueue();
    Accumulator a, b, c;
    std::int64_t mismatches = 0;
    const auto join = [&] {
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int64_t value = *fromA.pop();
            // Both branches deliver in order, so the two values of one event arrive together.
            if (*fromB.pop() != value)
                ++mismatches;
            c.add(value);
        }
    };
    RunResult result
        = timeQueueRun(n, {[&] { consume(toA, a, n, &fromA); }, [&] { consume(toB, b, n, &fromB); }, join}, [&] {
              for (std::int64_t value = 0; value < n; ++value) {
                  toA.push(value);
                  toB.push(value);
              }
          });
    expectAll(result, {{"stage A", &a}, {"stage B", &b}, {"joining stage C", &c}});
    if (mismatches != 0)
        result.failure += (result.failure.empty() ? "" : "; ") + std::to_string(mismatches)
            + " events reached the joining stage out of step";
    return result;
}

RunResult baselineSequencer(const Workload &workload)
{
    constexpr int kProducers = 3;
    const std::int64_t n = workload.events;
    if (n % kProducers != 0)
        throw std::invalid_argument("the sequencer case needs a multiple of 3 events");
    const std::int64_t share = n / kProducers;
    Queue queue = makeQueue();
    Accumulator total;
    std::vector<std::function<void()>> threads {[&] { consume(queue, total, n); }};
    for (int p = 0; p < kProducers; ++p)
        threads.emplace_back([&, p] {
            for (std::int64_t value = p * share; value < (p + 1) * share; ++value)
                queue.push(value);
        });
    RunResult result = timeQueueRun(n, std::move(threads), [] {});
    expectAll(result, {{"consumer", &total}});
    return result;
}

RunResult baselineBatched(const Workload &workload)
{
    const std::int64_t n = workload.events;
    if (n % kPublishBatch != 0)
        throw std::invalid_argument("the batched case needs a multiple of the batch size");
    Queue queue = makeQueue();
    Accumulator total;
    RunResult result = timeQueueRun(n, {[&] { consume(queue, total, n); }}, [&] {
        std::array<std::int64_t, kPublishBatch> batch;
        for (std::int64_t value = 0; value < n;) {
            for (std::int64_t &slot : batch)
                slot = value++;
            queue.pushAll(batch);
        }
    });
    expectAll(result, {{"consumer", &total}});
    return result;
}

RunResult baselineWorkerPool(const Workload &workload)
{
    const std::int64_t n = workload.events;
    Queue queue = makeQueue();
    Accumulator first, second;
    const auto work = [&queue](Accumulator &total) {
        while (const auto value = queue.pop())
            total.add(*value);
    };
    RunResult result = timeQueueRun(n, {[&] { work(first); }, [&] { work(second); }}, [&] {
        for (std::int64_t value = 0; value < n; ++value)
            queue.push(value);
        queue.close();
    });
    Accumulator both;
    both.sum = first.sum + second.sum;
    both.count = first.count + second.count;
    expectTotal(result.failure, "the two workers together", both, n, sumBelow(n));
    return result;
}

} // namespace ringflow::bench
