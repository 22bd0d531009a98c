#include "watchdog.h"

#include <dispatch/dispatcher.h>

#include <QTest>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

using namespace ringflow::dispatch;
using testing::Watchdog;

Q_DECLARE_METATYPE(ringflow::dispatch::ConsumerLayout)

namespace {

using Index = std::uint64_t;
using IndexDispatcher = Dispatcher<Index>;

/// What one route received, per producer, in arrival order.
using Received = std::map<ProducerId, std::vector<Index>>;

IndexDispatcher::Handler recordInto(Received &received)
{
    return [&received](const Event<Index> &event) { received[event.producer].push_back(event.payload); };
}

// More producer threads than the machine has cores, so producers are preempted mid-claim.
constexpr int kProducers = 6;
constexpr Index kEventsPerProducer = 3000;
const std::array<std::string, 4> kChannels = {"orders.new", "orders.cancel", "quotes", "audit"};

std::string channelOf(ProducerId producer, Index index)
{
    return kChannels[(index + producer) % kChannels.size()];
}

void addLayoutRows()
{
    QTest::addColumn<ConsumerLayout>("layout");
    QTest::newRow("shared stage") << ConsumerLayout::SharedStage;
    QTest::newRow("stage per route") << ConsumerLayout::StagePerRoute;
}

} // namespace

class DispatcherRoutingTest : public QObject {
    Q_OBJECT

private slots:
    void routesReceiveExactlyTheirEventsOnceInProducerOrder_data() { addLayoutRows(); }
    void routesReceiveExactlyTheirEventsOnceInProducerOrder()
    {
        QFETCH(ConsumerLayout, layout);
        const Watchdog watchdog("routesReceiveExactlyTheirEventsOnceInProducerOrder");
        IndexDispatcher dispatcher({.bufferSize = 256, .layout = layout});
        Received exact, prefix, predicate, nobody, everything;
        dispatcher.route("orders.new", recordInto(exact));
        dispatcher.routePrefix("orders.", recordInto(prefix));
        dispatcher.routeIf([](const Event<Index> &e) { return e.channel.view() == "quotes" && e.producer % 2 == 0; },
            recordInto(predicate));
        dispatcher.route("orders", recordInto(nobody)); // a prefix of real channels, but no channel itself
        dispatcher.routePrefix("", recordInto(everything));
        for (int p = 0; p < kProducers; ++p) {
            dispatcher.addProducer("p" + std::to_string(p), [](Emitter<Index> &out) {
                for (Index i = 0; i < kEventsPerProducer; ++i)
                    out.emit(channelOf(out.producer(), i), i);
            });
        }
        dispatcher.start();
        QVERIFY(dispatcher.join());

        Received expectedExact, expectedPrefix, expectedPredicate, expectedEverything;
        for (ProducerId p = 0; p < kProducers; ++p) {
            for (Index i = 0; i < kEventsPerProducer; ++i) {
                const std::string channel = channelOf(p, i);
                if (channel == "orders.new")
                    expectedExact[p].push_back(i);
                if (channel.starts_with("orders."))
                    expectedPrefix[p].push_back(i);
                if (channel == "quotes" && p % 2 == 0)
                    expectedPredicate[p].push_back(i);
                expectedEverything[p].push_back(i);
            }
        }
        QCOMPARE(exact, expectedExact);
        QCOMPARE(prefix, expectedPrefix);
        QCOMPARE(predicate, expectedPredicate);
        QVERIFY(nobody.empty());
        QCOMPARE(everything, expectedEverything);
    }

    void eventsCarryChannelAndProducer()
    {
        const Watchdog watchdog("eventsCarryChannelAndProducer");
        IndexDispatcher dispatcher;
        std::vector<std::pair<std::string, ProducerId>> seen;
        dispatcher.routePrefix("", [&](const Event<Index> &e) { seen.emplace_back(e.channel.view(), e.producer); });
        dispatcher.addProducer("only", [](Emitter<Index> &out) { out.emit("from-producer", Index {1}); });
        dispatcher.start();
        QVERIFY(dispatcher.join());
        dispatcher.emit("from-outside", Index {2});
        QVERIFY(dispatcher.join());
        const std::vector<std::pair<std::string, ProducerId>> expected
            = {{"from-producer", 0}, {"from-outside", kExternalProducer}};
        QCOMPARE(seen, expected);
    }

    void batchesKeepOrderAcrossRingWrapsAndSplits_data() { addLayoutRows(); }
    void batchesKeepOrderAcrossRingWrapsAndSplits()
    {
        QFETCH(ConsumerLayout, layout);
        const Watchdog watchdog("batchesKeepOrderAcrossRingWrapsAndSplits");
        // A 64-slot ring: batches of 7 wrap it, batches of 150 are larger than it.
        IndexDispatcher dispatcher({.bufferSize = 64, .layout = layout});
        Received odd, even;
        dispatcher.route("odd", recordInto(odd));
        dispatcher.route("even", recordInto(even));
        constexpr Index kBatches = 40;
        for (int p = 0; p < 4; ++p) {
            dispatcher.addProducer("batcher", [](Emitter<Index> &out) {
                const std::size_t size = out.producer() % 2 == 0 ? 7 : 150;
                std::vector<Index> payloads(size);
                for (Index b = 0; b < kBatches; ++b) {
                    std::iota(payloads.begin(), payloads.end(), b * size);
                    out.batch(out.producer() % 2 == 0 ? "even" : "odd", payloads);
                }
            });
        }
        dispatcher.start();
        QVERIFY(dispatcher.join());

        for (ProducerId p = 0; p < 4; ++p) {
            const Received &received = p % 2 == 0 ? even : odd;
            std::vector<Index> expected(kBatches * (p % 2 == 0 ? 7 : 150));
            std::iota(expected.begin(), expected.end(), Index {0});
            QCOMPARE(received.at(p), expected);
        }
        const DispatcherMetrics metrics = dispatcher.metrics();
        QCOMPARE(metrics.total, kBatches * (7 + 150) * 2);
        QCOMPARE(metrics.processed, metrics.total);
    }

    void producersWaitingForRoomMissNoWakeUp_data()
    {
        QTest::addColumn<QString>("waitStrategy");
        for (const char *name : {"atomic-wait", "blocking", "phased-backoff", "yielding", "sleeping"})
            QTest::newRow(name) << QString(name);
    }

    // Many more producers than slots or cores: most of them wait at the ring's capacity gate most of
    // the time, single emits and batches of up to the whole ring alike. A lost wake-up hangs the
    // test (the watchdog), a lost or doubled event fails the comparison.
    void producersWaitingForRoomMissNoWakeUp()
    {
        QFETCH(QString, waitStrategy);
        const Watchdog watchdog("producersWaitingForRoomMissNoWakeUp");
        constexpr int kCrowd = 48;
        constexpr Index kEach = 400;
        for (int round = 0; round < 3; ++round) {
            IndexDispatcher dispatcher({.bufferSize = 16, .waitStrategy = waitStrategy.toStdString()});
            Received received;
            dispatcher.routePrefix("", recordInto(received));
            for (int p = 0; p < kCrowd; ++p) {
                dispatcher.addProducer("crowd", [](Emitter<Index> &out) {
                    // Batch sizes 1, 2, ... 16 (the whole ring) in turn, from a different start each.
                    std::vector<Index> payloads;
                    for (Index i = 0, size = out.producer() % 16 + 1; i < kEach; i += size, size = size % 16 + 1) {
                        payloads.resize(std::min<Index>(size, kEach - i));
                        std::iota(payloads.begin(), payloads.end(), i);
                        if (payloads.size() == 1)
                            out.emit("crowd", i);
                        else
                            out.batch("crowd", payloads);
                    }
                });
            }
            dispatcher.start();
            QVERIFY(dispatcher.join());
            std::vector<Index> expected(kEach);
            std::iota(expected.begin(), expected.end(), Index {0});
            QCOMPARE(received.size(), std::size_t {kCrowd});
            for (const auto &[producer, events] : received)
                QCOMPARE(events, expected);
            QVERIFY(dispatcher.shutdown(std::chrono::seconds(1)));
        }
    }

    void anyThreadCanEmitThroughTheDispatcher()
    {
        const Watchdog watchdog("anyThreadCanEmitThroughTheDispatcher");
        IndexDispatcher dispatcher({.bufferSize = 128});
        std::map<Index, int> seen;
        int fromRegisteredProducers = 0;
        dispatcher.route("outside", [&](const Event<Index> &e) {
            fromRegisteredProducers += e.producer != kExternalProducer;
            ++seen[e.payload];
        });
        dispatcher.start();
        std::vector<std::thread> threads;
        for (Index t = 0; t < 4; ++t) {
            threads.emplace_back([&dispatcher, t] {
                for (Index i = 0; i < 1000; ++i)
                    dispatcher.emit("outside", t * 1000 + i);
                const std::array<Index, 3> tail = {t * 10 + 100000, t * 10 + 100001, t * 10 + 100002};
                dispatcher.batch("outside", tail);
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QVERIFY(dispatcher.join());
        QCOMPARE(fromRegisteredProducers, 0);
        QCOMPARE(seen.size(), std::size_t {4 * 1003});
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](const auto &entry) { return entry.second == 1; }));
        const DispatcherMetrics metrics = dispatcher.metrics();
        QCOMPARE(metrics.external, Index {4 * 1003});
        QCOMPARE(metrics.total, metrics.external);
        QCOMPARE(metrics.processed, metrics.total);
    }

    void bytePayloadsAreCopiedIntoReservedSlots()
    {
        const Watchdog watchdog("bytePayloadsAreCopiedIntoReservedSlots");
        Dispatcher<> dispatcher({.bufferSize = 16, .payloadCapacity = 1024});
        std::vector<std::string> texts;
        std::vector<std::size_t> sizes;
        dispatcher.route("text", [&](const Event<Bytes> &e) {
            texts.emplace_back(reinterpret_cast<const char *>(e.payload.data()), e.payload.size());
        });
        dispatcher.route("blob", [&](const Event<Bytes> &e) { sizes.push_back(e.payload.size()); });
        dispatcher.start();
        dispatcher.emit("text", bytesOf("hello"));
        dispatcher.emit("text", bytesOf("hi")); // shorter than the slot's previous content
        dispatcher.emit("blob", Bytes(1024, std::byte {7}));
        dispatcher.emitWith("text", [](Bytes &payload) {
            const auto bytes = bytesOf("filled in place");
            payload.assign(bytes.begin(), bytes.end());
        });
        QVERIFY(dispatcher.join());
        QCOMPARE(texts, (std::vector<std::string> {"hello", "hi", "filled in place"}));
        QCOMPARE(sizes, std::vector<std::size_t> {1024});
    }

    void aFailedEmitReachesNoRouteAndStallsNothing()
    {
        const Watchdog watchdog("aFailedEmitReachesNoRouteAndStallsNothing");
        IndexDispatcher dispatcher({.bufferSize = 8});
        std::vector<Index> seen;
        dispatcher.route("c", [&](const Event<Index> &e) { seen.push_back(e.payload); });
        dispatcher.start();
        dispatcher.emit("c", Index {1});
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error, dispatcher.emitWith("c", [](Index &) { throw std::runtime_error("no payload"); }));
        for (Index i = 2; i < 20; ++i) // several laps of the 8-slot ring past the failed slot
            dispatcher.emit("c", i);
        QVERIFY(dispatcher.join());
        std::vector<Index> expected(19);
        std::iota(expected.begin(), expected.end(), Index {1});
        QCOMPARE(seen, expected);
        const DispatcherMetrics metrics = dispatcher.metrics();
        QCOMPARE(metrics.processed, metrics.total);
    }

    void unroutedEventsAreCountedAndGoToTheDeadLetterRoute_data() { addLayoutRows(); }
    void unroutedEventsAreCountedAndGoToTheDeadLetterRoute()
    {
        QFETCH(ConsumerLayout, layout);
        const Watchdog watchdog("unroutedEventsAreCountedAndGoToTheDeadLetterRoute");
        IndexDispatcher dispatcher({.bufferSize = 128, .layout = layout});
        // One record per route: with a stage per route, each runs on a thread of its own.
        Received orders, quotes, audit, dead;
        dispatcher.route("orders.new", recordInto(orders));
        dispatcher.routePrefix("quotes", recordInto(quotes));
        // Takes audit events with an even payload only: odd ones are unrouted.
        dispatcher.routeIf(
            [](const Event<Index> &e) { return e.channel.view() == "audit" && e.payload % 2 == 0; }, recordInto(audit));
        dispatcher.deadLetter(recordInto(dead));
        for (int p = 0; p < kProducers; ++p) {
            dispatcher.addProducer("p" + std::to_string(p), [](Emitter<Index> &out) {
                for (Index i = 0; i < kEventsPerProducer; ++i)
                    out.emit(channelOf(out.producer(), i), i);
            });
        }
        dispatcher.start();
        QVERIFY(dispatcher.join());

        Received expectedDead;
        Index expectedUnrouted = 0;
        for (ProducerId p = 0; p < kProducers; ++p)
            for (Index i = 0; i < kEventsPerProducer; ++i) {
                const std::string channel = channelOf(p, i);
                if (channel == "orders.cancel" || (channel == "audit" && i % 2 == 1)) {
                    expectedDead[p].push_back(i);
                    ++expectedUnrouted;
                }
            }
        QCOMPARE(dead, expectedDead);
        const DispatcherMetrics metrics = dispatcher.metrics();
        QCOMPARE(metrics.unrouted, expectedUnrouted);
        QCOMPARE(metrics.bytes, Index {kProducers * kEventsPerProducer * sizeof(Index)});
        QCOMPARE(metrics.consumers, layout == ConsumerLayout::SharedStage ? std::size_t {1} : std::size_t {4});
    }

    void aFailingDeadLetterRouteIsReportedByName()
    {
        std::vector<std::string> reported;
        std::mutex mutex;
        IndexDispatcher dispatcher({.onError = [&](const DispatchError &error) {
            const std::lock_guard lock(mutex);
            reported.push_back(error.where);
        }});
        dispatcher.route("a", [](const Event<Index> &) {});
        dispatcher.deadLetter([](const Event<Index> &) { throw std::runtime_error("no place for it"); });
        dispatcher.start();
        dispatcher.emit("a", Index {1});
        dispatcher.emit("b", Index {2});
        QVERIFY(dispatcher.join());
        const std::lock_guard lock(mutex);
        QCOMPARE(reported, std::vector<std::string> {"the dead-letter route"});
        QCOMPARE(dispatcher.metrics().unrouted, Index {1});
    }

    void aBatchMayMixChannels_data() { addLayoutRows(); }
    void aBatchMayMixChannels()
    {
        QFETCH(ConsumerLayout, layout);
        const Watchdog watchdog("aBatchMayMixChannels");
        IndexDispatcher dispatcher({.bufferSize = 16, .layout = layout});
        Received orders, quotes;
        dispatcher.routePrefix("orders.", recordInto(orders));
        dispatcher.route("quotes", recordInto(quotes));
        struct Outgoing {
            std::string channel;
            Index payload;
        };
        // Batches larger than the ring go out in ring-sized claims; each event keeps its channel.
        for (int p = 0; p < kProducers; ++p)
            dispatcher.addProducer("p" + std::to_string(p), [](Emitter<Index> &out) {
                std::vector<Outgoing> batch;
                for (Index i = 0; i < kEventsPerProducer; ++i) {
                    batch.push_back({channelOf(out.producer(), i), i});
                    if (batch.size() == 37 || i + 1 == kEventsPerProducer) {
                        out.batch(batch);
                        batch.clear();
                    }
                }
            });
        dispatcher.start();
        QVERIFY(dispatcher.join());
        Received expectedOrders, expectedQuotes;
        for (ProducerId p = 0; p < kProducers; ++p)
            for (Index i = 0; i < kEventsPerProducer; ++i) {
                const std::string channel = channelOf(p, i);
                if (channel.starts_with("orders."))
                    expectedOrders[p].push_back(i);
                else if (channel == "quotes")
                    expectedQuotes[p].push_back(i);
            }
        QCOMPARE(orders, expectedOrders);
        QCOMPARE(quotes, expectedQuotes);
        QCOMPARE(dispatcher.metrics().unrouted, Index {kProducers * kEventsPerProducer / 4});
    }

    void channelNamesLongerThanTheCapacityAreRefused()
    {
        const std::string longest(ChannelName::kCapacity, 'x');
        const std::string tooLong(ChannelName::kCapacity + 1, 'x');
        IndexDispatcher dispatcher;
        QVERIFY_THROWS_EXCEPTION(std::length_error, dispatcher.route(tooLong, [](const Event<Index> &) {}));
        QVERIFY_THROWS_EXCEPTION(std::length_error, dispatcher.routePrefix(tooLong, [](const Event<Index> &) {}));
        int delivered = 0;
        dispatcher.route(longest, [&](const Event<Index> &) { ++delivered; });
        dispatcher.start();
        QVERIFY_THROWS_EXCEPTION(std::length_error, dispatcher.emit(tooLong, Index {0}));
        dispatcher.emit(longest, Index {0});
        QVERIFY(dispatcher.join());
        QCOMPARE(delivered, 1);
        QCOMPARE(dispatcher.metrics().total, Index {1});
    }
};

QTEST_GUILESS_MAIN(DispatcherRoutingTest)
#include "test_dispatcher_routing.moc"
