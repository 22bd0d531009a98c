// The producer's `publish` and `completion_channel` parameters in the file and the report: a file
// without them loads unchanged with their defaults, a wrong value names its node and parameter,
// and a try producer's dropped count reaches the report's JSON, table and CSV.
#include "pipeline/compiler.h"
#include "pipeline/param_text.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/run_report.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace ringflow::pipeline;

namespace {

/// producer -> ring -> stage, the producer's parameters given as JSON members.
std::string pipelineJson(const std::string &producerParams)
{
    return R"({"format": "ringflow-pipeline", "version": 1, "name": "p", "nodes": [
        {"id": "source", "kind": "producer", "params": {)"
        + producerParams + R"(}},
        {"id": "ring", "kind": "ring"}, {"id": "sink", "kind": "stage"}], "connections": [
        {"from": {"node": "source", "port": "out"}, "to": {"node": "ring", "port": "in"}},
        {"from": {"node": "ring", "port": "out"}, "to": {"node": "sink", "port": "in"}}]})";
}

std::vector<Problem> problemsOf(const std::string &producerParams)
{
    const LoadResult loaded = loadPipeline(pipelineJson(producerParams), "p.json");
    if (!loaded.spec)
        qFatal("does not load: %s", loaded.errors.front().toString().c_str());
    return validate(*loaded.spec);
}

/// A finished run's report: a try producer that dropped 40 of 100, a blocking one, a stage.
RunReport reportWithDrops()
{
    RunReport report;
    report.pipeline = "drops";
    const auto node = [](const char *id, const char *kind, NodeRole role, std::uint64_t count) {
        NodeReport node;
        node.id = id;
        node.kind = kind;
        node.role = role;
        node.figures.count = count;
        return node;
    };
    report.nodes = {node("trying", "producer", NodeRole::Producer, 60),
        node("blocking", "producer", NodeRole::Producer, 100), node("sink", "stage", NodeRole::Consumer, 160)};
    report.nodes[0].tryPublish = true;
    report.nodes[0].figures.dropped = 40;
    return report;
}

} // namespace

class TestProducerParams : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anOldFileLoadsWithTheDefaults()
    {
        const LoadResult loaded = loadPipeline(pipelineJson(R"("events": 10)"), "old.json");
        QVERIFY(loaded.spec);
        QVERIFY(validate(*loaded.spec).empty());
        const Node &source = *loaded.spec->findNode("source");
        QCOMPARE(textParam(source, "publish"), std::string("block"));
        QCOMPARE(textParam(source, "completion_channel"), std::string());
        const CompileResult compiled = compile(*loaded.spec);
        QVERIFY(compiled.plan);
        QVERIFY(!compiled.plan->producers.front().tryPublish);
        QVERIFY(compiled.plan->producers.front().completionChannel.empty());
    }

    void bothParametersCompileIntoThePlan()
    {
        const LoadResult loaded
            = loadPipeline(pipelineJson(R"("publish": "try", "completion_channel": "done")"), "new.json");
        QVERIFY(loaded.spec);
        const CompileResult compiled = compile(*loaded.spec);
        QVERIFY(compiled.plan);
        QVERIFY(compiled.plan->producers.front().tryPublish);
        QCOMPARE(compiled.plan->producers.front().completionChannel, std::string("done"));
        QVERIFY(compiled.plan->describe().find("completion event per thread on channel 'done'") != std::string::npos);
    }

    void aWrongValueNamesItsNodeAndParameter_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("param");
        QTest::newRow("publish not a choice") << R"("publish": "sometimes")"
                                              << "publish";
        QTest::newRow("publish not text") << R"("publish": 1)"
                                          << "publish";
        QTest::newRow("completion channel not text") << R"("completion_channel": 7)"
                                                     << "completion_channel";
    }

    void aWrongValueNamesItsNodeAndParameter()
    {
        QFETCH(QString, params);
        QFETCH(QString, param);
        const std::vector<Problem> problems = problemsOf(params.toStdString());
        const auto found = std::find_if(problems.begin(), problems.end(), [&](const Problem &problem) {
            return problem.severity == Severity::Error && problem.nodeId == "source"
                && problem.param == param.toStdString();
        });
        QVERIFY2(found != problems.end(), problems.empty() ? "no problem" : toString(problems.front()).c_str());
        QVERIFY2(toString(*found).find("source") != std::string::npos, toString(*found).c_str());
        QVERIFY2(toString(*found).find(param.toStdString()) != std::string::npos, toString(*found).c_str());
    }

    void aStageFilteringOnTheCompletionChannelGetsNoWarning()
    {
        PipelineSpec spec = *loadPipeline(pipelineJson(R"("completion_channel": "done")"), "p.json").spec;
        spec.findNode("sink")->params["channel_filter"] = std::string("done");
        const std::vector<Problem> problems = validate(spec);
        QVERIFY2(problems.empty(), problems.empty() ? "" : toString(problems.front()).c_str());
        spec.findNode("source")->params.erase("completion_channel");
        QCOMPARE(validate(spec).size(), std::size_t {1}); // the filter matches no channel now
    }

    void theDroppedCountReachesEveryReport()
    {
        const RunReport report = reportWithDrops();
        const auto json = nlohmann::json::parse(toJson(report));
        QCOMPARE(json["nodes"][0]["publish"].get<std::string>(), std::string("try"));
        QCOMPARE(json["nodes"][0]["dropped"].get<int>(), 40);
        QCOMPARE(json["nodes"][1]["publish"].get<std::string>(), std::string("block"));
        QCOMPARE(json["nodes"][1]["dropped"].get<int>(), 0);
        QVERIFY(!json["nodes"][2].contains("dropped"));

        const std::vector<ReportColumn> columns = reportColumns(report);
        const auto dropped = std::find_if(
            columns.begin(), columns.end(), [](const ReportColumn &column) { return column.title == "dropped"; });
        QVERIFY(dropped != columns.end());
        QCOMPARE(dropped->cells, (std::vector<std::string> {"40", "", ""}));
        QVERIFY(toTable(report).find("dropped") != std::string::npos);

        const std::string csv = toCsv(report);
        QVERIFY(csv.starts_with("id,kind,ring,events,expected,handled,errors,forwarded,dropped,rewinds,"));
        QVERIFY2(csv.find("\ntrying,producer,,60,0,0,0,0,40,") != std::string::npos, csv.c_str());

        RunReport blocking = report;
        blocking.nodes[0].tryPublish = false;
        const std::vector<ReportColumn> without = reportColumns(blocking);
        QVERIFY(std::none_of(
            without.begin(), without.end(), [](const ReportColumn &column) { return column.title == "dropped"; }));
    }
};

QTEST_GUILESS_MAIN(TestProducerParams)
#include "test_producer_params.moc"
