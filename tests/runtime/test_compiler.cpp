// The compiler turns each bundled example into exactly the barriers and gating it should.
#include "pipeline/compiler.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/ring_side.h"
#include "pipeline/synthetic_event.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace ringflow::pipeline;

namespace {

using Barriers = std::map<std::string, std::vector<std::string>>; // consumer -> upstream (sorted)

struct Expected {
    std::vector<std::string> ringOrder;
    std::map<std::string, bool> multiProducer;
    std::map<std::string, std::vector<std::string>> gating; // ring -> sorted gating consumers
    Barriers barriers;
    std::map<std::string, int> threads; // consumer -> threads
    std::map<std::string, std::string> forwards; // consumer -> ring
};

Plan compileExample(const QString &name)
{
    const LoadResult loaded = loadPipelineFile(std::string(RINGFLOW_EXAMPLES_DIR) + "/" + name.toStdString());
    if (!loaded.spec)
        qFatal("example %s does not load: %s", qPrintable(name), loaded.errors.front().toString().c_str());
    CompileResult compiled = compile(*loaded.spec);
    if (!compiled.plan)
        qFatal("example %s does not compile: %s", qPrintable(name), toString(compiled.problems.front()).c_str());
    return *compiled.plan;
}

std::vector<std::string> sorted(std::vector<std::string> items)
{
    std::sort(items.begin(), items.end());
    return items;
}

} // namespace

Q_DECLARE_METATYPE(Expected)

class TestCompiler : public QObject {
    Q_OBJECT

private slots:
    void compilesExactBarriersForEveryExample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Expected>("expected");

        QTest::newRow("unicast") << "unicast.json"
                                 << Expected {{"ring"}, {{"ring", false}}, {{"ring", {"consumer"}}}, {{"consumer", {}}},
                                        {{"consumer", 1}}, {}};
        QTest::newRow("pipeline") << "pipeline.json"
                                  << Expected {{"ring"}, {{"ring", false}}, {{"ring", {"stage-c"}}},
                                         {{"stage-a", {}}, {"stage-b", {"stage-a"}}, {"stage-c", {"stage-b"}}},
                                         {{"stage-a", 1}, {"stage-b", 1}, {"stage-c", 1}}, {}};
        QTest::newRow("multicast") << "multicast.json"
                                   << Expected {{"ring"}, {{"ring", false}},
                                          {{"ring", {"stage-a", "stage-b", "stage-c"}}},
                                          {{"stage-a", {}}, {"stage-b", {}}, {"stage-c", {}}},
                                          {{"stage-a", 1}, {"stage-b", 1}, {"stage-c", 1}}, {}};
        QTest::newRow("diamond") << "diamond.json"
                                 << Expected {{"ring"}, {{"ring", false}}, {{"ring", {"stage-c"}}},
                                        {{"stage-a", {}}, {"stage-b", {}}, {"stage-c", {"stage-a", "stage-b"}}},
                                        {{"stage-a", 1}, {"stage-b", 1}, {"stage-c", 1}}, {}};
        QTest::newRow("multi-producer") << "multi-producer.json"
                                        << Expected {{"ring"}, {{"ring", true}}, {{"ring", {"consumer"}}},
                                               {{"consumer", {}}}, {{"consumer", 1}}, {}};
        QTest::newRow("worker-pool") << "worker-pool.json"
                                     << Expected {{"ring"}, {{"ring", false}}, {{"ring", {"tally"}}},
                                            {{"workers", {}}, {"tally", {"workers"}}}, {{"workers", 4}, {"tally", 1}},
                                            {}};
        QTest::newRow("chained-rings") << "chained-rings.json"
                                       << Expected {{"input", "output"}, {{"input", false}, {"output", false}},
                                              {{"input", {"business-logic"}}, {"output", {"publisher"}}},
                                              {{"journal", {}}, {"replication", {}},
                                                  {"business-logic", {"journal", "replication"}}, {"publisher", {}}},
                                              {{"journal", 1}, {"replication", 1}, {"business-logic", 1},
                                                  {"publisher", 1}},
                                              {{"business-logic", "output"}}};
        QTest::newRow("dispatcher-demo") << "dispatcher-demo.json"
                                         << Expected {{"dispatch"}, {{"dispatch", true}},
                                                {{"dispatch", {"count-emits", "print-completions"}}},
                                                {{"count-emits", {}}, {"print-completions", {}}},
                                                {{"count-emits", 1}, {"print-completions", 1}}, {}};
    }

    void compilesExactBarriersForEveryExample()
    {
        QFETCH(QString, file);
        QFETCH(Expected, expected);
        const Plan plan = compileExample(file);

        std::vector<std::string> order;
        for (const RingPlan &ring : plan.rings) {
            order.push_back(ring.id);
            QCOMPARE(ring.multiProducer, expected.multiProducer.at(ring.id));
            QCOMPARE(sorted(ring.gating), expected.gating.at(ring.id));
        }
        QCOMPARE(order, expected.ringOrder);

        QCOMPARE(plan.consumers.size(), expected.barriers.size());
        for (const ConsumerPlan &consumer : plan.consumers) {
            QVERIFY2(expected.barriers.count(consumer.id), consumer.id.c_str());
            QCOMPARE(sorted(consumer.upstream), expected.barriers.at(consumer.id));
            QCOMPARE(consumer.threads, expected.threads.at(consumer.id));
            const auto forward = expected.forwards.find(consumer.id);
            QCOMPARE(consumer.forwardTo, forward == expected.forwards.end() ? std::string() : forward->second);
        }
        // Upstream consumers always come before the consumers that wait for them.
        for (std::size_t i = 0; i < plan.consumers.size(); ++i)
            for (const std::string &upstream : plan.consumers[i].upstream)
                for (std::size_t j = i; j < plan.consumers.size(); ++j)
                    QVERIFY(plan.consumers[j].id != upstream);
    }

    void describesEveryRingAndConsumerInWords()
    {
        const Plan plan = compileExample("chained-rings.json");
        const QString text = QString::fromStdString(plan.describe());
        QVERIFY(text.contains("Ring input: 4,096 slots, single-producer sequencer"));
        QVERIFY(text.contains("business-logic: barrier waits on journal, replication"));
        QVERIFY(text.contains("forwards into output"));
        QVERIFY(text.contains("gating sequences (producers wait for): business-logic"));
        QVERIFY(text.contains("journal: barrier waits on the ring's cursor"));
    }

    void forcedSingleProducerModeIsHonouredAndAutoPicksMultiForSeveralThreads()
    {
        LoadResult loaded = loadPipelineFile(std::string(RINGFLOW_EXAMPLES_DIR) + "/unicast.json");
        QVERIFY(loaded.spec);
        PipelineSpec spec = *loaded.spec;
        spec.findNode("producer")->params["threads"] = std::int64_t {3};
        CompileResult compiled = compile(spec);
        QVERIFY(compiled.plan);
        QCOMPARE(compiled.plan->rings.front().multiProducer, true);
        QCOMPARE(compiled.plan->rings.front().publishingThreads, 3);

        spec.findNode("producer")->params["threads"] = std::int64_t {1};
        spec.findNode("ring")->params["producer_mode"] = std::string("multi");
        compiled = compile(spec);
        QVERIFY(compiled.plan);
        QCOMPARE(compiled.plan->rings.front().multiProducer, true);
    }

    void refusesToCompileAnInvalidSpecAndSaysWhy()
    {
        LoadResult loaded = loadPipelineFile(std::string(RINGFLOW_EXAMPLES_DIR) + "/unicast.json");
        QVERIFY(loaded.spec);
        PipelineSpec spec = *loaded.spec;
        spec.findNode("ring")->params["slots"] = std::int64_t {1000};
        const CompileResult compiled = compile(spec);
        QVERIFY(!compiled.plan);
        QVERIFY(hasErrors(compiled.problems));
        const auto found = std::find_if(compiled.problems.begin(), compiled.problems.end(),
            [](const Problem &p) { return p.nodeId == "ring" && p.param == "slots"; });
        QVERIFY(found != compiled.problems.end());
    }

    void resourcesCountRingsSlotsPayloadFlagsAndThreads()
    {
        PipelineSpec spec;
        spec.name = "budget";
        spec.nodes = {{"p", "producer", {{"threads", std::int64_t {2}}}, {}},
            {"r", "ring", {{"slots", std::int64_t {1024}}, {"payload_capacity", std::int64_t {100}}}, {}},
            {"w", "worker-pool", {{"workers", std::int64_t {3}}}, {}}};
        spec.connections = {{{"p", "out"}, {"r", "in"}}, {{"r", "out"}, {"w", "in"}}};
        const CompileResult compiled = compile(spec);
        QVERIFY(compiled.plan);
        const ResourceNeed need = resourcesOf(*compiled.plan);
        QCOMPARE(need.threads, std::int64_t {5});
        // Two publishing threads make the ring multi-producer: a 4-byte flag per slot; beside the
        // events, 100 payload bytes, a channel and a payload size per slot, and a stamp per 64.
        const std::uint64_t ring = 1024 * (sizeof(SyntheticEvent) + 4 + 100 + 4 + 4) + (1024 / 64 + 1) * 8;
        QCOMPARE(need.parts.front().node, std::string("r"));
        QCOMPARE(need.parts.front().bytes, ring);
        QVERIFY(need.memoryBytes > ring);

        ResourceBudget budget;
        budget.memoryBytes = ring; // the metrics do not fit any more
        budget.threads = 4;
        const CompileResult refused = compile(spec, budget);
        QVERIFY(!refused.plan);
        QCOMPARE(refused.problems.size(), std::size_t {2});
        QCOMPARE(refused.problems[0].nodeId, std::string("r"));
        QVERIFY2(QString::fromStdString(refused.problems[0].message).contains("more than its budget of 120.1 KiB"),
            refused.problems[0].message.c_str());
        QCOMPARE(refused.problems[1].nodeId, std::string("w"));
        QVERIFY2(QString::fromStdString(refused.problems[1].message)
                     .contains("starts 5 threads, more than its budget of 4; 'w' alone starts 3"),
            refused.problems[1].message.c_str());
        QVERIFY(ResourceBudget::forThisMachine().memoryBytes > (std::uint64_t {256} << 20));
    }

    void aggregateRunsItsWorkloadsInOrder()
    {
        PipelineSpec spec;
        spec.name = "aggregate";
        spec.nodes = {{"p", "producer", {}, {}}, {"r", "ring", {}, {}},
            {"agg", "aggregate", {{"workloads", std::string("checksum, busy,latency")}}, {}}};
        spec.connections = {{{"p", "out"}, {"r", "in"}}, {{"r", "out"}, {"agg", "in"}}};
        const CompileResult compiled = compile(spec);
        QVERIFY(compiled.plan);
        const ConsumerPlan &aggregate = compiled.plan->consumers.front();
        QCOMPARE(aggregate.kind, std::string("aggregate"));
        QVERIFY(!aggregate.sharesEvents);
        const std::vector<WorkloadStep> steps {WorkloadStep::Checksum, WorkloadStep::Busy, WorkloadStep::Latency};
        QVERIFY(aggregate.workload.steps == steps);
    }
};

QTEST_GUILESS_MAIN(TestCompiler)
#include "test_compiler.moc"
