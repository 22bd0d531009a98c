#include "run/run_settings.h"

#include "pipeline/runtime.h"
#include "run/run_controller.h"

#include <QSettings>

#include <algorithm>

namespace ringflow::ui {

namespace {

const char *const kMemoryKey = "run/memoryBudgetBytes";
const char *const kThreadsKey = "run/threadBudget";
const char *const kDrainKey = "run/drainTimeoutMs";
const char *const kSampleKey = "run/sampleIntervalMs";

/// The stored value of `key` when it is a number within [low, high], else `fallback`.
template <typename Number>
Number stored(const QSettings &settings, const char *key, Number low, Number high, Number fallback)
{
    bool ok = false;
    const qlonglong value = settings.value(QLatin1String(key)).toLongLong(&ok);
    if (!ok || value < static_cast<qlonglong>(low) || value > static_cast<qlonglong>(high))
        return fallback;
    return static_cast<Number>(value);
}

bool offeredInterval(int milliseconds)
{
    return std::any_of(std::begin(RunSettings::kSampleRates), std::end(RunSettings::kSampleRates),
        [milliseconds](int hertz) { return 1000 / hertz == milliseconds; });
}

} // namespace

RunSettings::RunSettings()
    : drainTimeout(std::chrono::duration_cast<std::chrono::milliseconds>(pipeline::kDefaultDrainTimeout)),
      sampleIntervalMs(RunController::kDefaultIntervalMs)
{
}

RunSettings RunSettings::load()
{
    const QSettings settings;
    RunSettings loaded;
    loaded.budget.memoryBytes
        = stored<std::uint64_t>(settings, kMemoryKey, kMiB, kMaxMemoryBytes, loaded.budget.memoryBytes);
    loaded.budget.threads
        = stored<std::int64_t>(settings, kThreadsKey, kMinThreads, kMaxThreads, loaded.budget.threads);
    loaded.drainTimeout = std::chrono::milliseconds(
        stored<int>(settings, kDrainKey, kMinDrainMs, kMaxDrainMs, static_cast<int>(loaded.drainTimeout.count())));
    const int interval = stored<int>(settings, kSampleKey, 1, 1000, loaded.sampleIntervalMs);
    loaded.sampleIntervalMs = offeredInterval(interval) ? interval : loaded.sampleIntervalMs;
    return loaded;
}

void RunSettings::save() const
{
    QSettings settings;
    settings.setValue(QLatin1String(kMemoryKey), static_cast<qulonglong>(budget.memoryBytes));
    settings.setValue(QLatin1String(kThreadsKey), static_cast<qlonglong>(budget.threads));
    settings.setValue(QLatin1String(kDrainKey), static_cast<qlonglong>(drainTimeout.count()));
    settings.setValue(QLatin1String(kSampleKey), sampleIntervalMs);
}

bool RunSettings::operator==(const RunSettings &other) const
{
    return budget.memoryBytes == other.budget.memoryBytes && budget.threads == other.budget.threads
        && drainTimeout == other.drainTimeout && sampleIntervalMs == other.sampleIntervalMs;
}

} // namespace ringflow::ui
