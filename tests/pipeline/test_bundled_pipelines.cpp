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
        QTest::newRow("dispatcher-demo") << "dispatcher-demo.json" << 2 << 1 << 2;
    }

private slots:
    void everyExampleLoadsAndValidatesWithoutAnyProblem_data() { addExamples(); }
    void everyExampleHasTheAdvertisedShape_data() { addExamples(); }
    void everyExampleIsSavedInCanonicalForm_data() { addExamples(); }
    void everyExampleIsLaidOutLeftToRight_data() { addExamples(); }
    void everyExampleIsBounded_data() { addExamples(); }

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

    // Headless runs must end by themselves, quickly: every producer has an event limit and the
    // whole example stays within a couple of million events.
    void everyExampleIsBounded()
    {
        QFETCH(QString, file);
        const PipelineSpec spec = load(file);
        std::int64_t total = 0;
        for (const Node &node : spec.nodes) {
            if (findKind(node.kind)->role != NodeRole::Producer)
                continue;
            QVERIFY2(intParam(node, "events") > 0, node.id.c_str());
            QCOMPARE(realParam(node, "rate"), 0.0);
            total += intParam(node, "threads") * intParam(node, "events");
        }
        QVERIFY2(total > 0 && total <= 1000000, std::to_string(total).c_str());
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
        QCOMPARE(intParam(emitters, "events"), std::int64_t {1000});
        QCOMPARE(intParam(emitters, "payload"), std::int64_t {1024});
        QCOMPARE(textParam(emitters, "channel"), std::string("emit"));
        QCOMPARE(intParam(*spec.findNode("completions"), "events"), std::int64_t {256});
        QCOMPARE(textParam(*spec.findNode("completions"), "channel"), std::string("completed"));
        QCOMPARE(textParam(*spec.findNode("count-emits"), "channel_filter"), std::string("emit"));
        QCOMPARE(textParam(*spec.findNode("print-completions"), "channel_filter"), std::string("completed"));
    }
};

QTEST_GUILESS_MAIN(TestBundledPipelines)
#include "test_bundled_pipelines.moc"
