#pragma once

#include "pipeline/resource_budget.h"

#include <chrono>
#include <cstdint>

namespace ringflow::ui {

/// How the designer runs pipelines, chosen in the Run Settings dialog and kept in the user's
/// settings: the resource budget a plan is compiled against (a plan over it is refused before
/// anything is allocated, with the need in the problems list), how long a stop may drain, and how
/// often a run is sampled.
struct RunSettings {
    static constexpr std::int64_t kMinThreads = 1;
    static constexpr std::int64_t kMaxThreads = 65536;
    static constexpr std::uint64_t kMiB = std::uint64_t(1) << 20;
    static constexpr std::uint64_t kMaxMemoryBytes = std::uint64_t(1) << 42; // 4 TiB
    static constexpr int kMinDrainMs = 100;
    static constexpr int kMaxDrainMs = 600'000;
    /// The sample rates offered, per second.
    static constexpr int kSampleRates[] = {2, 5, 10, 20};

    pipeline::ResourceBudget budget = pipeline::ResourceBudget::forThisMachine();
    std::chrono::milliseconds drainTimeout;
    int sampleIntervalMs;

    RunSettings();
    /// What the user chose last; the defaults for anything missing or out of range.
    static RunSettings load();
    void save() const;
    bool operator==(const RunSettings &other) const;
};

} // namespace ringflow::ui
