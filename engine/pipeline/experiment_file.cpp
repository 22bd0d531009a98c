#include "pipeline/experiment_file.h"

#include "pipeline/json_reader.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace ringflow::pipeline {

namespace {

using Json = nlohmann::ordered_json;

/// Reads one experiment, reporting every fault in it.
class ExperimentReader {
public:
    explicit ExperimentReader(const JsonFault &fault) : m_fault(fault) { }

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
        if (!value.is_array()) {
            m_fault(path, std::string("expected an array, found ") + value.type_name());
            return axes;
        }
        if (value.empty() || value.size() > kMaxExperimentAxes) {
            m_fault(path, "expected one or two axes, found " + std::to_string(value.size()));
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
                    m_fault(paramPath, "expected NODE.PARAM, found \"" + axis.param + "\"");
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
            m_fault(path, "expected a whole number from 1 to " + std::to_string(kMaxExperimentRepeat));
            return;
        }
        out = value.get<int>();
    }

    void readDuration(const Json &value, const std::string &path, double &out)
    {
        if (!value.is_number() || value.get<double>() < 0) {
            m_fault(path, "expected a number of seconds, 0 or more");
            return;
        }
        out = value.get<double>();
    }

    bool expectObject(const Json &value, const std::string &path, std::initializer_list<std::string_view> allowed)
    {
        if (!value.is_object()) {
            m_fault(path, std::string("expected an object, found ") + value.type_name());
            return false;
        }
        for (const auto &[key, unused] : value.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                m_fault(json::memberPath(path, key), "unknown field of an experiment");
        }
        return true;
    }

    const Json *member(const Json &object, const std::string &path, const char *key, bool required)
    {
        const auto found = object.find(key);
        if (found != object.end())
            return &*found;
        if (required)
            m_fault(path, std::string("missing field \"") + key + "\"");
        return nullptr;
    }

    bool readString(const Json &value, const std::string &path, std::string &out)
    {
        if (!value.is_string()) {
            m_fault(path, std::string("expected a string, found ") + value.type_name());
            return false;
        }
        out = value.get<std::string>();
        return true;
    }

    const JsonFault &m_fault;
};

} // namespace

std::vector<ExperimentSpec> readExperiments(const Json &value, const std::string &path, const JsonFault &fault)
{
    std::vector<ExperimentSpec> experiments;
    if (!value.is_array()) {
        fault(path, std::string("expected an array, found ") + value.type_name());
        return experiments;
    }
    ExperimentReader reader(fault);
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
