// ringflow-dispatcher-demo: many producers on one channel dispatcher.
//
// 256 producers each emit 1000 events of 1 KiB on channel "emit", then one event on "completed".
// A counting route takes "emit", a printing route "completed"; the run ends with the metrics.

#include "example_options.h"

#include <dispatch/dispatcher.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

using namespace ringflow::dispatch;

namespace {

struct Settings {
    int producers = 256;
    std::uint64_t events = 1000;
    std::size_t payloadBytes = 1024;
    std::size_t batch = 1; // 1: single emits
    std::int64_t bufferSize = 4096;
    std::string waitStrategy = DispatcherOptions {}.waitStrategy;
    ConsumerLayout layout = ConsumerLayout::SharedStage;
    bool verbose = false;
};

constexpr std::string_view kUsage
    = "usage: ringflow-dispatcher-demo [--batch N] [--producers N] [--events N] [--payload BYTES]\n"
      "                                [--ring SLOTS] [--wait STRATEGY] [--layout shared|per-route]\n"
      "                                [--verbose]\n";

// Every slot reserves the payload: the ring's share of memory is their product.
constexpr std::int64_t kMaxRingBytes = std::int64_t {1} << 30;

// The exit status when the program must end here (--help, a bad command line), else std::nullopt.
std::optional<int> parseArguments(int argc, char **argv, Settings &settings)
{
    using namespace ringflow::examples;
    std::string layout = "shared";
    const std::vector<std::string_view> strategies(
        std::begin(ringflow::core::kWaitStrategyNames), std::end(ringflow::core::kWaitStrategyNames));
    const Option options[] = {
        {"--batch", wholeNumber<std::size_t>(settings.batch, 1, 65536)},
        {"--producers", wholeNumber(settings.producers, 1, 4096)},
        {"--events", wholeNumber<std::uint64_t>(settings.events, 1, 1'000'000'000)},
        {"--payload", wholeNumber<std::size_t>(settings.payloadBytes, 1, 1 << 20)},
        {"--ring",
            [&settings](std::string_view text) -> std::string {
                std::int64_t slots = 0;
                if (wholeNumber<std::int64_t>(slots, 1, 1 << 20)(text).empty() && ringflow::core::isPowerOfTwo(slots)) {
                    settings.bufferSize = slots;
                    return {};
                }
                return "expected a power of two from 1 to 1048576";
            }},
        {"--wait", oneOf(settings.waitStrategy, strategies)},
        {"--layout", oneOf(layout, {"shared", "per-route"})},
        {"--verbose", {}, [&settings] { settings.verbose = true; }},
    };
    if (const std::optional<int> exit = parseOptions(argc, argv, "ringflow-dispatcher-demo", kUsage, options))
        return exit;
    settings.layout = layout == "shared" ? ConsumerLayout::SharedStage : ConsumerLayout::StagePerRoute;
    const auto ringBytes = settings.bufferSize * static_cast<std::int64_t>(settings.payloadBytes);
    if (ringBytes > kMaxRingBytes) {
        std::fprintf(stderr, "ringflow-dispatcher-demo: --ring %lld x --payload %zu is %lld bytes, at most %lld\n%s",
            static_cast<long long>(settings.bufferSize), settings.payloadBytes, static_cast<long long>(ringBytes),
            static_cast<long long>(kMaxRingBytes), kUsage.data());
        return 2;
    }
    return std::nullopt;
}

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    Settings settings;
    if (const std::optional<int> exit = parseArguments(argc, argv, settings))
        return *exit;

    // What the routes and producers use is declared before the dispatcher, so it outlives its threads.
    // The routes run on the consumer side (one thread, or one each with a stage per route); their
    // counters are read only after shutdown() joined those threads.
    std::uint64_t emitEvents = 0;
    std::uint64_t emitBytes = 0;
    int completed = 0;
    double firstCompletedMs = 0;
    double lastCompletedMs = 0;
    std::chrono::steady_clock::time_point started;
    const std::vector<std::byte> block(settings.payloadBytes, std::byte {0x5a});
    const ChannelName emitChannel("emit");

    std::unique_ptr<Dispatcher<>> owner;
    try {
        owner = std::make_unique<Dispatcher<>>(DispatcherOptions {.bufferSize = settings.bufferSize,
            .waitStrategy = settings.waitStrategy,
            .payloadCapacity = settings.payloadBytes,
            .layout = settings.layout});
    } catch (const std::invalid_argument &e) {
        std::fprintf(stderr, "ringflow-dispatcher-demo: %s\n", e.what());
        return 2;
    }
    Dispatcher<> &dispatcher = *owner;

    dispatcher.route("emit", [&](const Event<Bytes> &event) {
        ++emitEvents;
        emitBytes += event.payload.size();
    });

    dispatcher.route("completed", [&](const Event<Bytes> &event) {
        std::uint64_t emitted = 0;
        std::memcpy(&emitted, event.payload.data(), std::min(sizeof emitted, event.payload.size()));
        const double at = millisecondsSince(started);
        if (completed++ == 0)
            firstCompletedMs = at;
        lastCompletedMs = at;
        if (settings.verbose)
            std::printf("completed: producer %u after %llu events (%.1f ms)\n", event.producer,
                static_cast<unsigned long long>(emitted), at);
    });

    for (int p = 0; p < settings.producers; ++p) {
        dispatcher.addProducer("producer-" + std::to_string(p), [&](Emitter<Bytes> &out) {
            const std::span<const std::byte> payload(block);
            std::uint64_t emitted = 0;
            if (settings.batch == 1) {
                for (; emitted < settings.events; ++emitted)
                    out.emit(emitChannel, payload);
            } else {
                const std::vector<std::span<const std::byte>> batch(settings.batch, payload);
                while (emitted < settings.events) {
                    const std::size_t count = std::min<std::uint64_t>(settings.batch, settings.events - emitted);
                    out.batch(emitChannel, std::span(batch).first(count));
                    emitted += count;
                }
            }
            out.emit("completed", std::as_bytes(std::span(&emitted, 1)));
        });
    }

    std::printf("%d producers x %llu events of %zu B on 'emit' (%s), ring %lld, %s, %s\n", settings.producers,
        static_cast<unsigned long long>(settings.events), settings.payloadBytes,
        settings.batch == 1 ? "single emits" : ("batches of " + std::to_string(settings.batch)).c_str(),
        static_cast<long long>(settings.bufferSize), settings.waitStrategy.c_str(),
        settings.layout == ConsumerLayout::SharedStage ? "one shared stage" : "a stage per route");
    started = std::chrono::steady_clock::now();
    dispatcher.start();
    const bool joined = dispatcher.join();
    const bool drained = dispatcher.shutdown(std::chrono::seconds(5));

    const DispatcherMetrics metrics = dispatcher.metrics();
    std::printf("completed: %d/%d producers (first after %.1f ms, last after %.1f ms)\n", completed, settings.producers,
        firstCompletedMs, lastCompletedMs);
    std::printf("emit route: %llu events, %.1f MiB\n", static_cast<unsigned long long>(emitEvents),
        static_cast<double>(emitBytes) / (1024.0 * 1024.0));
    std::printf("metrics: %s\n", metrics.summary().c_str());

    const std::uint64_t expected = static_cast<std::uint64_t>(settings.producers) * (settings.events + 1);
    if (!joined || !drained || metrics.total != expected || metrics.processed != expected
        || completed != settings.producers) {
        std::fprintf(stderr, "ringflow-dispatcher-demo: the run lost events (expected %llu)\n",
            static_cast<unsigned long long>(expected));
        return 1;
    }
    return 0;
}
