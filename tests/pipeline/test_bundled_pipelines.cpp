#include "pipeline/kind_registry.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/pipeline_graph.h"
#include "pipeline/validation.h"

#include "test_printers.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>

using namespace ringflow::pipeline;

namespace {

const std::filesystem::path pipelinesDir = RINGFLOW_PIPELINES_DIR;

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

PipelineSpec load(const QString &file)
{
    const LoadResult result = loadPipelineFile(pipelinesDir / file.toStdString());
    std::string errors;
    for (const LoadError &error : result.errors)
        errors += "\n  " + error.toString();
    if (!result.ok())
        qFatal("%s", errors.c_str());
    return *result.spec;
}

std::size_t countRole(const PipelineSpec &spec, NodeRole role)
{
    return PipelineGraph(spec).nodesWithRole(role).size();
}

} // namespace

class TestBundledPipelines : public QObject {
    Q_OBJECT

    static void addExamples()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("producers");
        QTest::addColumn<int>("rings");
        QTest::addColumn<int>("consumers");
        QTest::newRow("unicast") << "unicast.json" << 1 << 1 << 1;
        QTest::newRow("pipeline") << "pipeline.json" << 1 << 1 << 3;
        QTest::newRow("multicast") << "multicast.json" << 1 << 1 << 3;
        QTest::newRow("diamond") << "diamond.json" << 1 << 1 << 3;
        QTest::newRow("multi-producer") << "multi-producer.json" << 3 << 1 << 1;
        QTest::newRow("chained-rings") << "chained-rings.json" << 1 << 2 << 4;
        QTest::newRow("worker-pool") << "worker-pool.json" << 1 << 1 << 2;
        QTest::newRow("dispatcher-demo") << "dispatcher-demo.json" << 1 << 1 << 2;
    }

private slots:
    void everyExampleLoadsAndValidatesWithoutAnyProblem_data() { addExamples(); }
    void everyExampleHasTheAdvertisedShape_data() { addExamples(); }
    void everyExampleIsSavedInCanonicalForm_data() { addExamples(); }
    void everyExampleIsLaidOutLeftToRight_data() { addExamples(); }

    void everyExampleLoadsAndValidatesWithoutAnyProblem()
    {
        QFETCH(QString, file);
        const PipelineSpec spec = load(file);
        const std::vector<Problem> problems = validate(spec);
        std::string text;
        for (const Problem &problem : problems)
            text += "\n  " + toString(problem);
        QVERIFY2(problems.empty(), text.c_str());
        QVERIFY(!spec.name.empty());
    }

    void everyExampleHasTheAdvertisedShape()
    {
        QFETCH(QString, file);
        QFETCH(int, producers);
        QFETCH(int, rings);
        QFETCH(int, consumers);
        const PipelineSpec spec = load(file);
        QCOMPARE(countRole(spec, NodeRole::Producer), std::size_t(producers));
        QCOMPARE(countRole(spec, NodeRole::Ring), std::size_t(rings));
        QCOMPARE(countRole(spec, NodeRole::Consumer), std::size_t(consumers));
    }

    void everyExampleIsSavedInCanonicalForm()
    {
        QFETCH(QString, file);
        QCOMPARE(savePipeline(load(file)), readFile(pipelinesDir / file.toStdString()));
    }

    void everyExampleIsLaidOutLeftToRight()
    {
        QFETCH(QString, file);
        const PipelineSpec spec = load(file);
        for (const Node &node : spec.nodes)
            QVERIFY2(node.position.has_value(), node.id.c_str());
        for (const Connection &wire : spec.connections) {
            const std::string name = wire.from.node + " -> " + wire.to.node;
            QVERIFY2(
                spec.findNode(wire.from.node)->position->x < spec.findNode(wire.to.node)->position->x, name.c_str());
        }
    }

    // Run on a fresh start, every example comes alive: producers paced for tens of seconds, and a
    // stage whose busy work takes most of its thread's time (the bottleneck the designer shows),
    // while the whole busy work stays within one of the machine's two cores. Tests and benchmarks
    // override events, duration and rate where they need a burst.
    void everyExampleComesAlive_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("bottleneck"); // empty: no stage is near saturation by design
        QTest::newRow("unicast") << "unicast.json"
                                 << "consumer";
        QTest::newRow("pipeline") << "pipeline.json"
                                  << "stage-b";
        QTest::newRow("multicast") << "multicast.json"
                                   << "stage-a";
        QTest::newRow("diamond") << "diamond.json"
                                 << "stage-b";
        QTest::newRow("multi-producer") << "multi-producer.json"
                                        << "consumer";
        QTest::newRow("chained-rings") << "chained-rings.json"
                                       << "replication";
        QTest::newRow("worker-pool") << "worker-pool.json"
                                     << ""; // four workers share what one could not do
        QTest::newRow("dispatcher-demo") << "dispatcher-demo.json"
                                         << "";
    }

    void everyExampleComesAlive()
    {
        QFETCH(QString, file);
        QFETCH(QString, bottleneck);
        const PipelineSpec spec = load(file);
        double eventsPerSecond = 0;
        for (const Node &node : spec.nodes) {
            if (findKind(node.kind)->role != NodeRole::Producer)
                continue;
            QVERIFY2(realParam(node, "rate") > 0, node.id.c_str());
            QVERIFY2(realParam(node, "duration") >= 20 && realParam(node, "duration") <= 120, node.id.c_str());
            QCOMPARE(intParam(node, "events"), std::int64_t {0});
            eventsPerSecond += realParam(node, "rate") * static_cast<double>(intParam(node, "threads"));
        }
        double cores = 0; // of busy work per second, all stages together
        QString busiest;
        double busiestLoad = 0; // of one thread
        for (const Node &node : spec.nodes) {
            if (!node.params.contains("cost") || textParam(node, "workload") != "busy")
                continue;
            const double load = eventsPerSecond * static_cast<double>(intParam(node, "cost")) * 1e-9;
            const double threads = node.kind == "worker-pool" ? static_cast<double>(intParam(node, "workers")) : 1;
            cores += load;
            if (load / threads > busiestLoad) {
                busiestLoad = load / threads;
                busiest = QString::fromStdString(node.id);
            }
        }
        QVERIFY2(cores <= 1.05, qPrintable(QString("%1 cores of busy work").arg(cores)));
        if (bottleneck.isEmpty()) {
            QVERIFY2(busiestLoad < 0.5, qPrintable(busiest));
        } else {
            QCOMPARE(busiest, bottleneck);
            QVERIFY2(busiestLoad >= 0.7 && busiestLoad <= 0.95, qPrintable(QString::number(busiestLoad)));
        }
    }

    void everyBundledFileIsCoveredHere()
    {
        std::set<std::string> files;
        for (const auto &entry : std::filesystem::directory_iterator(pipelinesDir))
            files.insert(entry.path().filename().string());
        QCOMPARE(files,
            (std::set<std::string> {"chained-rings.json", "diamond.json", "dispatcher-demo.json", "multi-producer.json",
                "multicast.json", "pipeline.json", "unicast.json", "worker-pool.json"}));
    }

    void theDispatcherDemoRoutesEmitsAndCompletionsApart()
    {
        const PipelineSpec spec = load("dispatcher-demo.json");
        const Node &emitters = *spec.findNode("emitters");
        QCOMPARE(intParam(emitters, "threads"), std::int64_t {256});
        QCOMPARE(realParam(emitters, "rate"), 200.0);
        QCOMPARE(intParam(emitters, "payload"), std::int64_t {1024});
        QCOMPARE(textParam(emitters, "channel"), std::string("emit"));
        // As in the seed, each emitter thread ends with its own completion event: no second producer.
        QCOMPARE(textParam(emitters, "completion_channel"), std::string("completed"));
        QVERIFY(!spec.findNode("completions"));
        QCOMPARE(textParam(*spec.findNode("count-emits"), "channel_filter"), std::string("emit"));
        QCOMPARE(textParam(*spec.findNode("print-completions"), "channel_filter"), std::string("completed"));
    }
};

QTEST_GUILESS_MAIN(TestBundledPipelines)
#include "test_bundled_pipelines.moc"
