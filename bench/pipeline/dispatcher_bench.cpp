#include "dispatcher_bench.h"

#include "start_line.h"

#include <dispatch/dispatcher.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <span>
#include <string>
#include <vector>

namespace ringflow::bench {

namespace {

using dispatch::Bytes;
using dispatch::ChannelName;
using dispatch::Dispatcher;
using dispatch::Emitter;
using dispatch::Event;

std::string mismatch(const char *what, std::uint64_t got, std::uint64_t expected)
{
    return std::string(what) + " " + std::to_string(got) + " (expected " + std::to_string(expected) + ")";
}

} // namespace

std::string checkTally(const RouteTally &tally, const DemoShape &shape)
{
    const std::uint64_t kEmits = shape.events() - static_cast<std::uint64_t>(shape.producers);
    std::string failure;
    if (tally.emits != kEmits)
        appendFailure(failure, mismatch("emit route saw", tally.emits, kEmits));
    if (tally.emitBytes != kEmits * kDemoPayloadBytes)
        appendFailure(failure, mismatch("emit route saw bytes:", tally.emitBytes, kEmits * kDemoPayloadBytes));
    if (tally.completed != shape.producers)
        appendFailure(failure,
            mismatch("completed route saw", static_cast<std::uint64_t>(tally.completed),
                static_cast<std::uint64_t>(shape.producers)));
    if (tally.reportedEmits != kEmits)
        appendFailure(failure, mismatch("producers reported emitting", tally.reportedEmits, kEmits));
    return failure;
}

RunSample runDispatcherDemo(const DemoShape &shape)
{
    // Declared before the dispatcher, so they outlive its threads.
    RouteTally tally;
    tally.producers = shape.producers;
    StartLine line(shape.producers);
    const std::size_t batch = shape.batch;
    const std::vector<std::byte> block(kDemoPayloadBytes, std::byte {0x5a});
    const ChannelName emitChannel("emit");
    const ChannelName completedChannel("completed");

    Dispatcher<> dispatcher({.bufferSize = static_cast<std::int64_t>(kDemoCapacity),
        .waitStrategy = kDispatcherWait,
        .payloadCapacity = kDemoPayloadBytes});
    dispatcher.route("emit", [&](const Event<Bytes> &event) { tally.countEmit(event.payload.size()); });
    dispatcher.route("completed", [&](const Event<Bytes> &event) {
        std::uint64_t reported = 0;
        std::memcpy(&reported, event.payload.data(), std::min(sizeof reported, event.payload.size()));
        tally.countCompleted(reported);
    });
    for (int p = 0; p < shape.producers; ++p) {
        dispatcher.addProducer("producer-" + std::to_string(p), [&](Emitter<Bytes> &out) {
            const std::span<const std::byte> payload(block);
            const std::vector<std::span<const std::byte>> pieces(batch, payload);
            line.arriveAndWait();
            std::uint64_t emitted = 0;
            while (emitted < shape.eventsPerProducer) {
                if (batch == 1) {
                    out.emit(emitChannel, payload);
                    ++emitted;
                } else {
                    const std::size_t count = std::min<std::uint64_t>(batch, shape.eventsPerProducer - emitted);
                    out.batch(emitChannel, std::span(pieces).first(count));
                    emitted += count;
                }
            }
            out.emit(completedChannel, std::as_bytes(std::span(&emitted, 1)));
        });
    }

    dispatcher.start();
    line.waitForAll();
    const Clock::time_point start = Clock::now();
    line.open();
    const bool joined = dispatcher.join();
    const bool drained = dispatcher.shutdown(std::chrono::seconds(5));

    RunSample sample;
    sample.events = shape.events();
    sample.seconds = std::chrono::duration<double>(tally.lastCompleted - start).count();
    sample.failure = checkTally(tally, shape);
    const dispatch::DispatcherMetrics metrics = dispatcher.metrics();
    if (!joined || !drained)
        appendFailure(sample.failure, "the dispatcher did not drain");
    if (metrics.total != shape.events() || metrics.processed != shape.events())
        appendFailure(sample.failure,
            mismatch("metrics processed", metrics.processed, shape.events()) + ", "
                + mismatch("emitted", metrics.total, shape.events()));
    if (metrics.errors != 0)
        appendFailure(sample.failure, mismatch("errors", metrics.errors, 0));
    return sample;
}

} // namespace ringflow::bench
