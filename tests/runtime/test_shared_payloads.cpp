// Zero-copy forwarding (RingPlan::payloadOf): a ring whose one publisher is a forwarding stage that
// hands on every event it reads keeps no payloads of its own; its events' payloads stay in the
// upstream ring's slots, and that ring's producers wait for the downstream end stages before they
// reuse a slot. These tests read, on a real downstream stage thread, every payload the producers
// wrote and check it byte for byte against its event, with small unequal rings, batches, several
// producer threads, a slow reader and two hops; and they check where the plan keeps copies.

#include "pipeline/basic_runtime.h"
#include "pipeline/runtime.h"
#include "run_helpers.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <utility>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

/// The runtime, with a look at its ring sides (what the downstream checker reads through).
class ProbedRuntime final : public BasicRuntime<SyntheticEvent> {
public:
    using BasicRuntime::BasicRuntime;
    const RingSide &side(const std::string &ring) const { return *m_rings.at(*m_plan.ringIndex(ring)).side; }
};

/// A downstream stage that checks each event's payload: `size` bytes, each the low byte of the
/// event's running count (what the synthetic producer writes into both). Every `slowEvery`-th event
/// it dawdles, so that upstream producers run ahead as far as the gating lets them: a slot reused
/// too early shows as another event's bytes.
struct PayloadChecker {
    const RingSide *side = nullptr; ///< set before the run starts
    std::uint32_t size = 0;
    std::uint64_t slowEvery = 0;
    std::uint64_t checked = 0;
    std::uint64_t wrong = 0;
    std::string firstWrong;

    void onEvent(SyntheticEvent &event, std::int64_t sequence, bool)
    {
        ++checked;
        const std::byte expected {static_cast<unsigned char>(event.value & 0xff)};
        const std::byte *bytes = side->payload(sequence);
        bool ok = side->payloadSize(sequence) == size;
        for (std::uint32_t i = 0; ok && i < size; ++i)
            ok = bytes[i] == expected;
        if (!ok && wrong++ == 0)
            firstWrong = "sequence " + std::to_string(sequence) + ", event " + std::to_string(event.value) + ": size "
                + std::to_string(side->payloadSize(sequence)) + ", first byte "
                + std::to_string(std::to_integer<int>(bytes[0]));
        if (slowEvery > 0 && checked % slowEvery == 0) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(30);
            while (std::chrono::steady_clock::now() < until) { }
        }
    }
};

struct ChainShape {
    std::int64_t producerThreads = 1;
    std::int64_t events = 1000; ///< per producer thread
    std::int64_t batch = 1;
    std::int64_t payload = 64;
    std::int64_t inSlots = 64, midSlots = 64, outSlots = 64;
    std::string waitStrategy = "phased-backoff";
    bool twoHops = true; ///< in -> hop1 -> mid -> hop2 -> out; else in -> hop1 -> out
};

/// source -> in -> hop1 (forwarding) -> [mid -> hop2 (forwarding) ->] out -> last.
PipelineSpec chain(const ChainShape &shape)
{
    auto ring = [&](const std::string &id, std::int64_t size) {
        return Node {id, "ring",
            {{"slots", size}, {"payload_capacity", std::int64_t {1024}}, {"wait_strategy", shape.waitStrategy}}, {}};
    };
    PipelineSpec spec;
    spec.name = "shared payloads";
    spec.nodes = {{"source", "producer",
                      {{"events", shape.events}, {"batch", shape.batch}, {"threads", shape.producerThreads},
                          {"payload", shape.payload}},
                      {}},
        ring("in", shape.inSlots), {"hop1", "stage", {}, {}}, ring("out", shape.outSlots), {"last", "stage", {}, {}}};
    spec.connections
        = {{{"source", "out"}, {"in", "in"}}, {{"in", "out"}, {"hop1", "in"}}, {{"out", "out"}, {"last", "in"}}};
    if (shape.twoHops) {
        spec.nodes.push_back(ring("mid", shape.midSlots));
        spec.nodes.push_back({"hop2", "stage", {}, {}});
        spec.connections.push_back({{"hop1", "forward"}, {"mid", "in"}});
        spec.connections.push_back({{"mid", "out"}, {"hop2", "in"}});
        spec.connections.push_back({{"hop2", "forward"}, {"out", "in"}});
    } else {
        spec.connections.push_back({{"hop1", "forward"}, {"out", "in"}});
    }
    return spec;
}

const RingPlan &ringOf(const Plan &plan, const std::string &id)
{
    return plan.rings.at(*plan.ringIndex(id));
}

/// Runs `spec` with the checker on "last" (the other nodes synthetic) and checks every payload and
/// count. Returns whether ring "out" shared the payloads.
bool runChecked(const PipelineSpec &spec, std::uint32_t payload, std::uint64_t expectedEvents, std::uint64_t slowEvery)
{
    PayloadChecker checker;
    checker.size = payload;
    checker.slowEvery = slowEvery;
    Bindings<SyntheticEvent> bindings;
    bindings.keepSyntheticWorkloads().handler("last", checker);
    ProbedRuntime runtime(compiled(spec), std::move(bindings));
    checker.side = &runtime.side("out");
    const RunReport report = runToCompletion(runtime);
    const bool shared = runtime.side("out").sharesPayloads();
    if (!report.ok)
        qWarning("problems: %s", report.problems.empty() ? "" : report.problems.front().c_str());
    [&] {
        QVERIFY(report.ok);
        QCOMPARE(checker.checked, expectedEvents);
        QVERIFY2(checker.wrong == 0,
            qPrintable(QString::fromStdString(std::to_string(checker.wrong) + " wrong, first: " + checker.firstWrong)));
    }();
    return shared;
}

} // namespace

class SharedPayloadsTest : public QObject {
    Q_OBJECT

private slots:
    void theCompilerSharesWhereEveryEventIsForwardedInOrder()
    {
        const Plan plan = compiled(chain({}));
        QCOMPARE(ringOf(plan, "in").payloadOf, std::string());
        QCOMPARE(ringOf(plan, "mid").payloadOf, std::string("in"));
        QCOMPARE(ringOf(plan, "out").payloadOf, std::string("in")); // a chain shares the first ring's
        const QString text = QString::fromStdString(plan.describe());
        QVERIFY2(
            text.contains("its payloads are also read in ring out: producers also wait for last"), qPrintable(text));
        QVERIFY2(text.contains("forwarded without a copy, read in ring in's slots"), qPrintable(text));
    }

    /// Each edit makes the one-hop chain a plan whose forwarding stage may leave an event out (or
    /// has no payloads to share): the compiler keeps the copy there.
    void theCompilerKeepsCopiesWhereEventsMayBeLeftOut()
    {
        const auto set = [](PipelineSpec &spec, const std::string &id, const std::string &param, ParamValue value) {
            const auto node
                = std::find_if(spec.nodes.begin(), spec.nodes.end(), [&](const Node &n) { return n.id == id; });
            QVERIFY2(node != spec.nodes.end(), id.c_str());
            node->params[param] = std::move(value);
        };
        const std::pair<const char *, std::function<void(PipelineSpec &)>> edits[] = {
            {"a channel filter",
                [&](PipelineSpec &spec) { set(spec, "hop1", "channel_filter", std::string("orders")); }},
            {"a workload that may fail",
                [&](PipelineSpec &spec) {
                    set(spec, "hop1", "workload", std::string("fail"));
                    set(spec, "hop1", "fail_probability", 0.01);
                }},
            {"an async stage", [&](PipelineSpec &spec) { set(spec, "hop1", "handling", std::string("async")); }},
            // A ring without payloads takes events without any.
            {"no payloads upstream",
                [&](PipelineSpec &spec) {
                    set(spec, "in", "payload_capacity", std::int64_t {0});
                    set(spec, "source", "payload", std::int64_t {0});
                }},
        };
        for (const auto &[name, edit] : edits) {
            PipelineSpec spec = chain({.twoHops = false});
            edit(spec);
            QVERIFY2(ringOf(compiled(spec), "out").payloadOf.empty(), name);
        }
    }

    /// A plan made by hand that asks for sharing where it cannot hold is refused before anything
    /// runs, naming the ring.
    void aPlanThatCannotShareIsRefused()
    {
        Plan noForwarder = compiled(chain({}));
        noForwarder.rings.front().payloadOf = "out"; // "in" is fed by a producer
        Plan outOfOrder = compiled(chain({}));
        std::swap(outOfOrder.rings.front(), outOfOrder.rings.back()); // "out" before its source
        for (Plan *plan : {&noForwarder, &outOfOrder}) {
            try {
                Runtime runtime(*plan);
                QFAIL("a plan that cannot share payloads was accepted");
            } catch (const std::invalid_argument &error) {
                QVERIFY2(std::string(error.what()).find("shares") != std::string::npos, error.what());
            }
        }
    }

    /// Random shapes: ring sizes from 2 to 256 slots, unequal on purpose, batches up to the
    /// smallest ring, one to three producer threads (more threads than cores), one or two hops,
    /// every wait strategy family; a slow end stage makes the producers press on the gating.
    void everyPayloadArrivesIntactHoweverTheRingsAreSized()
    {
        std::mt19937_64 random(20261206);
        const char *strategies[] = {"phased-backoff", "yielding", "blocking", "atomic-wait", "sleeping"};
        for (int round = 0; round < 24; ++round) {
            ChainShape shape;
            auto ringSize = [&] { return std::int64_t {2} << (random() % 8); };
            shape.inSlots = ringSize();
            shape.midSlots = ringSize();
            shape.outSlots = ringSize();
            shape.producerThreads = 1 + static_cast<std::int64_t>(random() % 3);
            shape.batch = 1 + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(shape.inSlots));
            shape.payload = 1 + static_cast<std::int64_t>(random() % 300);
            shape.events = 2000 + static_cast<std::int64_t>(random() % 6000);
            shape.twoHops = random() % 2 == 0;
            shape.waitStrategy = strategies[random() % std::size(strategies)];
            const auto total = static_cast<std::uint64_t>(shape.events * shape.producerThreads);
            const bool shared = runChecked(chain(shape), static_cast<std::uint32_t>(shape.payload), total, 97);
            if (QTest::currentTestFailed()) {
                qWarning("round %d: in %lld, mid %lld, out %lld slots, %lld threads, batch %lld, payload %lld, %s",
                    round, static_cast<long long>(shape.inSlots), static_cast<long long>(shape.midSlots),
                    static_cast<long long>(shape.outSlots), static_cast<long long>(shape.producerThreads),
                    static_cast<long long>(shape.batch), static_cast<long long>(shape.payload),
                    shape.waitStrategy.c_str());
                return;
            }
            QVERIFY(shared);
        }
    }

    /// A forwarding stage running the user's handler may throw and leave an event out, so its ring
    /// keeps payloads of its own, copied, and they arrive intact all the same.
    void aUsersForwardingHandlerGetsCopies()
    {
        struct PassOn {
            void onEvent(SyntheticEvent &, std::int64_t, bool) { }
        } passOn;
        const ChainShape shape {.events = 5000, .inSlots = 8, .outSlots = 16, .twoHops = false};
        PayloadChecker checker;
        checker.size = 64;
        Bindings<SyntheticEvent> bindings;
        bindings.keepSyntheticWorkloads().handler("hop1", passOn).handler("last", checker);
        ProbedRuntime runtime(compiled(chain(shape)), std::move(bindings));
        QVERIFY(!runtime.side("out").sharesPayloads());
        checker.side = &runtime.side("out");
        const RunReport report = runToCompletion(runtime);
        QVERIFY(report.ok);
        QCOMPARE(checker.checked, std::uint64_t {5000});
        QVERIFY2(checker.wrong == 0, checker.firstWrong.c_str());
    }

    /// The upstream producer waits for the downstream end stage: with the end stage held, the
    /// producer stops once both rings' worth of events are in flight, and goes on when it is let go.
    void theUpstreamProducerWaitsForTheDownstreamEnd()
    {
        struct Gate {
            std::atomic<bool> open {false};
            std::atomic<std::uint64_t> seen {0};
            void onEvent(SyntheticEvent &, std::int64_t, bool)
            {
                while (!open.load(std::memory_order_acquire))
                    std::this_thread::sleep_for(std::chrono::microseconds(100));
                seen.fetch_add(1, std::memory_order_relaxed);
            }
        } gate;
        const ChainShape shape {.events = 1000, .inSlots = 16, .outSlots = 64, .twoHops = false};
        Bindings<SyntheticEvent> bindings;
        bindings.keepSyntheticWorkloads().handler("last", gate);
        ProbedRuntime runtime(compiled(chain(shape)), std::move(bindings));
        QVERIFY(runtime.side("out").sharesPayloads());
        runtime.start();
        // "last" holds its first event; the producer may run ahead by at most the smaller ring (the
        // payloads are in's slots) beyond it.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const Sample held = runtime.sample();
        const std::uint64_t published = held.nodes.at(*runtime.plan().nodeIndex("source")).count;
        QVERIFY2(published <= 17, qPrintable(QString::number(published)));
        gate.open.store(true, std::memory_order_release);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!runtime.producersFinished() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        const RunReport report = runtime.stop(std::chrono::seconds(10));
        QVERIFY(report.ok);
        QCOMPARE(gate.seen.load(), std::uint64_t {1000});
    }
};

QTEST_GUILESS_MAIN(SharedPayloadsTest)
#include "test_shared_payloads.moc"
