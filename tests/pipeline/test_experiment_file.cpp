// The optional `experiments` section of a pipeline file: round trip, files without it, every kind
// of bad entry named by its JSON path, and the bundled experiments ready to run.
#include "pipeline/capacity_model.h"
#include "pipeline/param_text.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/sweep.h"
#include "pipeline/sweep_runner.h"
#include "spec_builder.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <set>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

const std::filesystem::path pipelinesDir = RINGFLOW_PIPELINES_DIR;

/// unicast() as a file, with `experiments` (any JSON) spliced in.
std::string fileWith(const nlohmann::ordered_json &experiments)
{
    nlohmann::ordered_json root = nlohmann::ordered_json::parse(savePipeline(unicast()));
    root["experiments"] = experiments;
    return root.dump(2);
}

std::vector<std::string> errorsOf(const std::string &text)
{
    std::vector<std::string> errors;
    for (const LoadError &error : loadPipeline(text, "test.json").errors)
        errors.push_back(error.path + ": " + error.message);
    return errors;
}

bool contains(const std::vector<std::string> &errors, const std::string &expected)
{
    return std::find(errors.begin(), errors.end(), expected) != errors.end();
}

} // namespace

class TestExperimentFile : public QObject {
    Q_OBJECT

private slots:
    void experimentsRoundTrip()
    {
        PipelineSpec spec = unicast();
        spec.experiments = {{"Ring size", {{"r.slots", "64..4096*4"}}, 2, 1.5},
            {"two axes", {{"r.wait_strategy", "busy-spin,blocking"}, {"s.cost", "0..400+100"}}, 5, 0}};
        const std::string text = savePipeline(spec);
        const LoadResult loaded = loadPipeline(text, "test.json");
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.spec->experiments, spec.experiments);
        QVERIFY(*loaded.spec == spec);
        QCOMPARE(savePipeline(*loaded.spec), text);
        const auto json = nlohmann::json::parse(text);
        QCOMPARE(json["experiments"][1]["axes"][1]["values"].get<std::string>(), std::string("0..400+100"));
        QCOMPARE(json["experiments"][0]["duration"].get<double>(), 1.5);
    }

    void aFileWithoutExperimentsLoadsAndSavesAsBefore()
    {
        const std::string text = savePipeline(unicast());
        QVERIFY(text.find("experiments") == std::string::npos);
        const LoadResult loaded = loadPipeline(text, "test.json");
        QVERIFY(loaded.ok());
        QVERIFY(loaded.spec->experiments.empty());
        QCOMPARE(savePipeline(*loaded.spec), text);
    }

    void badEntriesAreNamedByTheirPath()
    {
        using Json = nlohmann::ordered_json;
        QVERIFY(contains(errorsOf(fileWith(Json::object())), "$.experiments: expected an array, found an object"));
        const Json entries = Json::array({
            Json {{"name", "ok"}, {"axes", Json::array({Json {{"param", "r.slots"}, {"values", "64,128"}}})}},
            Json {{"name", 3}, {"axes", Json::array()}, {"repeat", 0}, {"duration", -1}},
            Json {{"axes", Json::array({Json {{"param", "slots"}, {"values", 64}, {"step", 2}}})}, {"colour", "red"}},
        });
        const std::vector<std::string> errors = errorsOf(fileWith(entries));
        QVERIFY(contains(errors, "$.experiments[1].name: expected a string, found a whole number"));
        QVERIFY(contains(errors, "$.experiments[1].axes: expected one or two axes, found 0"));
        QVERIFY(contains(errors, "$.experiments[1].repeat: expected a whole number from 1 to 100"));
        QVERIFY(contains(errors, "$.experiments[1].duration: expected a number of seconds, 0 or more"));
        QVERIFY(contains(errors, "$.experiments[2]: missing field \"name\""));
        QVERIFY(
            contains(errors, "$.experiments[2].colour: unknown field (expected one of: name, axes, repeat, duration)"));
        QVERIFY(contains(errors, "$.experiments[2].axes[0].param: expected NODE.PARAM, found \"slots\""));
        QVERIFY(contains(errors, "$.experiments[2].axes[0].values: expected a string, found a whole number"));
        QVERIFY(contains(errors, "$.experiments[2].axes[0].step: unknown field (expected one of: param, values)"));
        QCOMPARE(errors.size(), std::size_t {9});
        const Json three = Json::array({Json {{"name", "x"},
            {"axes",
                Json::array({Json {{"param", "r.slots"}, {"values", "64"}},
                    Json {{"param", "r.slots"}, {"values", "64"}}, Json {{"param", "r.slots"}, {"values", "64"}}})}}});
        QVERIFY(contains(errorsOf(fileWith(three)), "$.experiments[0].axes: expected one or two axes, found 3"));
    }

    void bundledExperimentsAnswerTheThreeQuestions()
    {
        std::set<std::string> names;
        for (const auto &entry : std::filesystem::directory_iterator(pipelinesDir)) {
            const LoadResult loaded = loadPipelineFile(entry.path());
            QVERIFY2(loaded.ok(), entry.path().c_str());
            for (const ExperimentSpec &experiment : loaded.spec->experiments) {
                names.insert(experiment.name);
                PipelineSpec spec = *loaded.spec;
                limitProducers(spec, std::nullopt, experiment.durationSeconds);
                std::vector<SweepAxis> axes;
                for (const ExperimentAxisText &text : experiment.axes) {
                    auto axis = parseSweepAxis(spec, text.sweepText());
                    QVERIFY2(std::holds_alternative<SweepAxis>(axis), text.sweepText().c_str());
                    axes.push_back(std::get<SweepAxis>(axis));
                }
                auto prepared = prepareSweep(spec, axes, ResourceBudget::forThisMachine(), CapacityConstants {}, 2);
                QVERIFY2(std::holds_alternative<SweepResult>(prepared), experiment.name.c_str());
                // Modest at the defaults: every run of every point within half a minute.
                const double seconds = static_cast<double>(std::get<SweepResult>(prepared).points.size())
                    * experiment.repeat * experiment.durationSeconds;
                QVERIFY2(seconds > 0 && seconds <= 30, experiment.name.c_str());
            }
        }
        QCOMPARE(names,
            (std::set<std::string> {"Wait strategy vs throughput and CPU",
                "Producer batch size vs throughput and latency", "Ring size vs latency"}));
    }
};

QTEST_GUILESS_MAIN(TestExperimentFile)
#include "test_experiment_file.moc"
