#pragma once

#include "core/sequence.h"
#include "pipeline/pipeline_spec.h"

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

struct KindSpec;

/// The value a live-tunable parameter starts a run with. The compiler lists one per parameter the
/// kind registry marks live (ParamSpec::liveTunable), so the plan says what may change while it runs.
struct LiveSetting {
    std::string param;
    double value = 0;
    bool operator==(const LiveSetting &) const = default;
};

/// The live-tunable parameters of `node`, with their values, as the registry lists them.
std::vector<LiveSetting> liveSettingsOf(const Node &node, const KindSpec &kind);
/// The value of `param` among `settings`; 0 when it is not there.
double liveValue(const std::vector<LiveSetting> &settings, std::string_view param);

/// The live parameters of one running node: one atomic per parameter, read by the node's threads
/// on their hot path and written by whoever tunes the run. Relaxed is enough on both sides: a new
/// value carries no data with it, and a thread that sees it one event late changes nothing.
class LiveControls {
public:
    explicit LiveControls(const std::vector<LiveSetting> &settings);

    /// The control of `param`, for a thread to keep and read; nullptr when `param` is not live.
    const std::atomic<double> *find(std::string_view param) const noexcept;
    /// The control of `param`, which the node's code knows to be live (throws std::logic_error if not).
    const std::atomic<double> &get(std::string_view param) const;
    /// False when `param` is not a live parameter of the node.
    bool set(std::string_view param, double value) noexcept;

private:
    // Each on its own cache lines: read on every batch, they must not share a line with anything
    // another thread writes (a neighbour on the heap would make every read a cache miss).
    struct alignas(core::kFalseSharingRange) Control {
        std::atomic<double> value;
        std::string param;
    };
    // Controls never move once made: threads hold references to them.
    std::vector<std::unique_ptr<Control>> m_controls;
};

} // namespace ringflow::pipeline
