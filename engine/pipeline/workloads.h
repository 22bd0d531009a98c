#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace ringflow::pipeline {

/// One thing a simulated handler does per event; an aggregate runs several in order.
enum class WorkloadStep { Count, Busy, Sleep, Checksum, Latency, Fail };

/// A workload as files, editors and the runtime know it: its step, its name in files, what it
/// does, and the one parameter it reads (empty when it reads none).
struct WorkloadSpec {
    WorkloadStep step;
    std::string_view name;
    std::string_view help;
    std::string_view param;
};

/// Every workload, in the order editors offer them. Each step appears exactly once.
inline constexpr WorkloadSpec kWorkloads[] = {
    {WorkloadStep::Count, "count", "counts the event and does nothing else", ""},
    {WorkloadStep::Busy, "busy", "keeps the CPU busy for the cost per event", "cost"},
    {WorkloadStep::Sleep, "sleep", "sleeps for the sleep time per event (stands in for I/O)", "sleep"},
    {WorkloadStep::Checksum, "checksum", "checksums the payload (touches every byte)", ""},
    // Every consumer records the latency of sampled events; this workload adds no work of its own.
    // It stays so that files naming it keep loading.
    {WorkloadStep::Latency, "latency", "does nothing beyond counting (every consumer records latency)", ""},
    {WorkloadStep::Fail, "fail", "throws with the fail probability per event", "fail_probability"},
};

/// The workload called `name` in files; nullptr when there is none.
const WorkloadSpec *findWorkload(std::string_view name) noexcept;
/// The description of `step`.
const WorkloadSpec &workloadSpec(WorkloadStep step) noexcept;

} // namespace ringflow::pipeline
