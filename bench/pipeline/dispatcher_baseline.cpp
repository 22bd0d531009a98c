#include "dispatcher_bench.h"

#include "mutex_queue.h"
#include "start_line.h"

#include <dispatch/channel_name.h>
#include <dispatch/event.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <span>
#include <thread>
#include <vector>

namespace ringflow::bench {

namespace {

using dispatch::ChannelName;

/// One queue item: the channel name and producer id a dispatcher slot holds, and the payload inline,
/// so that a push copies the bytes into the queue's pre-allocated slot like emit() copies them into
/// a slot's reserved capacity: no allocation per event on either side.
struct QueueItem {
    ChannelName channel;
    dispatch::ProducerId producer = 0;
    std::uint32_t size = 0;
    // Not zero-initialised on purpose: MutexQueue::pop() default-constructs an item and then copies
    // the slot over it, and zeroing 1 KiB first would charge the baseline for work it does not need.
    std::array<std::byte, kDemoPayloadBytes> payload;
};

} // namespace

RunSample runMutexQueueDemo(const DemoShape &shape)
{
    MutexQueue<QueueItem> queue(kDemoCapacity);
    RouteTally tally;
    tally.producers = shape.producers;
    std::uint64_t unrouted = 0;
    StartLine line(shape.producers);
    const std::size_t batch = shape.batch;
    const ChannelName emitChannel("emit");
    const ChannelName completedChannel("completed");

    // The consumer routes by channel to the same two counters as the dispatcher's routes.
    std::thread consumer([&] {
        while (const std::optional<QueueItem> item = queue.pop()) {
            if (item->channel == emitChannel) {
                tally.countEmit(item->size);
            } else if (item->channel == completedChannel) {
                std::uint64_t reported = 0;
                std::memcpy(&reported, item->payload.data(), std::min<std::size_t>(sizeof reported, item->size));
                tally.countCompleted(reported);
            } else {
                ++unrouted;
            }
        }
    });

    std::vector<std::thread> producers;
    producers.reserve(static_cast<std::size_t>(shape.producers));
    for (int p = 0; p < shape.producers; ++p) {
        producers.emplace_back([&, p] {
            QueueItem event;
            event.channel = emitChannel;
            event.producer = static_cast<dispatch::ProducerId>(p);
            event.size = kDemoPayloadBytes;
            event.payload.fill(std::byte {0x5a});
            const std::vector<QueueItem> pieces(batch, event);
            QueueItem completed = event;
            completed.channel = completedChannel;
            line.arriveAndWait();
            std::uint64_t emitted = 0;
            while (emitted < shape.eventsPerProducer) {
                if (batch == 1) {
                    queue.push(event);
                    ++emitted;
                } else {
                    const std::size_t count = std::min<std::uint64_t>(batch, shape.eventsPerProducer - emitted);
                    queue.pushAll(std::span(pieces).first(count));
                    emitted += count;
                }
            }
            completed.size = sizeof emitted;
            std::memcpy(completed.payload.data(), &emitted, sizeof emitted);
            queue.push(completed);
        });
    }

    line.waitForAll();
    const Clock::time_point start = Clock::now();
    line.open();
    for (std::thread &producer : producers)
        producer.join();
    queue.close();
    consumer.join();

    RunSample sample;
    sample.events = shape.events();
    sample.seconds = std::chrono::duration<double>(tally.lastCompleted - start).count();
    sample.failure = checkTally(tally, shape);
    if (unrouted != 0)
        appendFailure(sample.failure, std::to_string(unrouted) + " events matched no channel");
    return sample;
}

} // namespace ringflow::bench
