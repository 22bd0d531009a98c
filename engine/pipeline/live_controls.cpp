#include "pipeline/live_controls.h"

#include "pipeline/kind_registry.h"

#include <stdexcept>
#include <variant>

namespace ringflow::pipeline {

namespace {

double numeric(const ParamValue &value)
{
    if (const auto *whole = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*whole);
    if (const auto *real = std::get_if<double>(&value))
        return *real;
    if (const auto *flag = std::get_if<bool>(&value))
        return *flag ? 1 : 0;
    return 0;
}

} // namespace

std::vector<LiveSetting> liveSettingsOf(const Node &node, const KindSpec &kind)
{
    std::vector<LiveSetting> settings;
    for (const ParamSpec &param : kind.params)
        if (param.liveTunable)
            settings.push_back({param.name, numeric(paramValue(node, param.name).value_or(param.defaultValue))});
    return settings;
}

double liveValue(const std::vector<LiveSetting> &settings, std::string_view param)
{
    for (const LiveSetting &setting : settings)
        if (setting.param == param)
            return setting.value;
    return 0;
}

LiveControls::LiveControls(const std::vector<LiveSetting> &settings)
{
    for (const LiveSetting &setting : settings) {
        auto control = std::make_unique<Control>();
        control->param = setting.param;
        control->value.store(setting.value, std::memory_order_relaxed);
        m_controls.push_back(std::move(control));
    }
}

const std::atomic<double> *LiveControls::find(std::string_view param) const noexcept
{
    for (const auto &control : m_controls)
        if (control->param == param)
            return &control->value;
    return nullptr;
}

const std::atomic<double> &LiveControls::get(std::string_view param) const
{
    const std::atomic<double> *control = find(param);
    if (!control)
        throw std::logic_error("'" + std::string(param) + "' is not a live parameter of this node");
    return *control;
}

bool LiveControls::set(std::string_view param, double value) noexcept
{
    for (const auto &control : m_controls) {
        if (control->param == param) {
            control->value.store(value, std::memory_order_relaxed);
            return true;
        }
    }
    return false;
}

} // namespace ringflow::pipeline
