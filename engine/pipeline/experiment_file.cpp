#include "pipeline/experiment_file.h"

#include "pipeline/json_checks.h"
#include "pipeline/json_reader.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace ringflow::pipeline {

namespace {

using Json = nlohmann::ordered_json;

/// Reads one experiment, reporting every fault in it.
class ExperimentReader : public json::Checks {
public:
    explicit ExperimentReader(const json::FaultSink &fault) : Checks(fault) { }

    ExperimentSpec read(const Json &value, const std::string &path)
    {
        ExperimentSpec experiment;
        if (!expectObject(value, path, {"name", "axes", "repeat", "duration"}))
            return experiment;
        if (const Json *name = member(value, path, "name", true))
            readString(*name, json::memberPath(path, "name"), experiment.name);
        if (const Json *axes = member(value, path, "axes", true))
            experiment.axes = readAxes(*axes, json::memberPath(path, "axes"));
        if (const Json *repeat = member(value, path, "repeat", false))
            readRepeat(*repeat, json::memberPath(path, "repeat"), experiment.repeat);
        if (const Json *duration = member(value, path, "duration", false))
            readDuration(*duration, json::memberPath(path, "duration"), experiment.durationSeconds);
        return experiment;
    }

private:
    std::vector<ExperimentAxisText> readAxes(const Json &value, const std::string &path)
    {
        std::vector<ExperimentAxisText> axes;
        if (!expectArray(value, path))
            return axes;
        if (value.empty() || value.size() > kMaxExperimentAxes) {
            fail(path, "expected one or two axes, found " + std::to_string(value.size()));
            return axes;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string axisPath = json::elementPath(path, i);
            ExperimentAxisText axis;
            if (!expectObject(value[i], axisPath, {"param", "values"}))
                continue;
            if (const Json *param = member(value[i], axisPath, "param", true)) {
                const std::string paramPath = json::memberPath(axisPath, "param");
                if (readString(*param, paramPath, axis.param) && axis.param.find('.') == std::string::npos)
                    fail(paramPath, "expected NODE.PARAM, found \"" + axis.param + "\"");
            }
            if (const Json *values = member(value[i], axisPath, "values", true))
                readString(*values, json::memberPath(axisPath, "values"), axis.values);
            axes.push_back(std::move(axis));
        }
        return axes;
    }

    void readRepeat(const Json &value, const std::string &path, int &out)
    {
        if (!value.is_number_integer() || value.get<std::int64_t>() < 1
            || value.get<std::int64_t>() > kMaxExperimentRepeat) {
            fail(path, "expected a whole number from 1 to " + std::to_string(kMaxExperimentRepeat));
            return;
        }
        out = value.get<int>();
    }

    void readDuration(const Json &value, const std::string &path, double &out)
    {
        if (!value.is_number() || value.get<double>() < 0) {
            fail(path, "expected a number of seconds, 0 or more");
            return;
        }
        out = value.get<double>();
    }
};

} // namespace

std::vector<ExperimentSpec> readExperiments(const Json &value, const std::string &path, const json::FaultSink &fault)
{
    std::vector<ExperimentSpec> experiments;
    ExperimentReader reader(fault);
    if (!reader.expectArray(value, path))
        return experiments;
    for (std::size_t i = 0; i < value.size(); ++i)
        experiments.push_back(reader.read(value[i], json::elementPath(path, i)));
    return experiments;
}

Json experimentsJson(const std::vector<ExperimentSpec> &experiments)
{
    Json array = Json::array();
    for (const ExperimentSpec &experiment : experiments) {
        Json axes = Json::array();
        for (const ExperimentAxisText &axis : experiment.axes)
            axes.push_back(Json {{"param", axis.param}, {"values", axis.values}});
        array.push_back(Json {{"name", experiment.name}, {"axes", std::move(axes)}, {"repeat", experiment.repeat},
            {"duration", experiment.durationSeconds}});
    }
    return array;
}

} // namespace ringflow::pipeline
