#pragma once

#include "pipeline/pipeline_spec.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// What a node does in the graph. Graph helpers and validation reason about roles, not kind names,
/// so a new handler kind only has to declare itself a Consumer.
enum class NodeRole {
    Producer, ///< publishes events into a ring
    Ring, ///< a ring buffer
    Consumer, ///< reads the events of one ring (a stage, a worker pool, an aggregate)
};

/// The palette group of a kind.
enum class KindCategory { Sources, Buffers, Handlers };

/// "Sources", "Buffers", "Handlers": the group's title in palettes.
std::string_view categoryName(KindCategory category) noexcept;

enum class PortDirection { In, Out };

enum class ParamType { Bool, Int, Real, Text, Choice };

/// One end a port may be wired to: the port `port` of a node of kind `kind`.
struct PortRef {
    std::string kind;
    std::string port;
    bool operator==(const PortRef &) const = default;
};

/// A connection point of a kind. Wires always run from an Out port to an In port.
struct PortSpec {
    std::string name;
    PortDirection direction = PortDirection::In;
    std::string help;
    /// The ports this one may be wired to. The registry keeps these lists symmetric: when a
    /// stage's `forward` accepts a ring's `in`, the ring's `in` accepts the stage's `forward`.
    std::vector<PortRef> accepts;
    /// False when at most one wire may be attached to this port.
    bool multiple = true;

    bool acceptsEnd(std::string_view kind, std::string_view port) const;
};

/// A parameter of a kind with everything an editor needs to offer it.
struct ParamSpec {
    std::string name; ///< the key in files, stable
    std::string displayName; ///< a label for editors, e.g. "Payload capacity"
    ParamType type = ParamType::Int;
    ParamValue defaultValue;
    /// Bounds of Int and Real parameters (inclusive); whole numbers for Int.
    std::optional<double> minimum;
    std::optional<double> maximum;
    /// The allowed values of a Choice, or the allowed items of a Text with `commaList`.
    std::vector<std::string> choices;
    /// Int parameters only: the value must be a power of two.
    bool powerOfTwo = false;
    /// Text parameters only: a comma-separated list of items taken from `choices`.
    bool commaList = false;
    std::string unit; ///< e.g. "events/s", "ns", "bytes", "slots"; empty for none
    std::string help;
    /// True when the value may change while the pipeline runs.
    bool liveTunable = false;
    /// The parameter this one depends on: with `onlyWithValues` empty, a Text that must not be
    /// empty or a number that must not be 0 (a filter's mode matters only with a filter, a rewind's
    /// back-off only with retries); otherwise a Choice that must hold one of those values (the
    /// async pool's size matters only with async handling). Empty when it always matters. (A
    /// parameter that a workload reads, kWorkloads' `param`, matters only when the node runs that
    /// workload.)
    std::string onlyWith;
    std::vector<std::string> onlyWithValues;
};

/// Everything Ringflow knows about one kind of node.
struct KindSpec {
    std::string name {}; ///< stable id used in files
    std::string displayName {};
    KindCategory category = KindCategory::Handlers;
    std::string help {};
    NodeRole role = NodeRole::Consumer;
    /// The Int parameter that sets how many threads run the node ("threads", "workers"); empty when
    /// the node runs on one thread. Tells how many threads publish when the node writes into a ring.
    std::string threadsParam {};
    /// Consumers: the parameter that names what the handler does: a Choice of one workload, or a
    /// Text `commaList` of workloads run in order on each event.
    std::string workloadParam {};
    /// Consumers: true when the node's threads share the ring's events, each event going to one of
    /// them (a worker pool); false when one thread handles every event.
    bool sharesEvents = false;
    std::vector<PortSpec> ports {};
    std::vector<ParamSpec> params {};

    const PortSpec *findPort(std::string_view port) const;
    PortSpec *findPort(std::string_view port);
    const ParamSpec *findParam(std::string_view param) const;
};

/// All node kinds, built once and immutable afterwards, so it may be read from any thread.
class KindRegistry {
public:
    static const KindRegistry &instance();

    /// Every kind in palette order.
    std::span<const KindSpec> kinds() const { return m_kinds; }
    const KindSpec *find(std::string_view kind) const;

    /// Whether a wire from `fromKind.fromPort` to `toKind.toPort` is allowed by the kinds.
    bool accepts(
        std::string_view fromKind, std::string_view fromPort, std::string_view toKind, std::string_view toPort) const;

private:
    KindRegistry();
    std::vector<KindSpec> m_kinds;
};

/// Shorthand for KindRegistry::instance().find(kind); nullptr for an unknown kind.
const KindSpec *findKind(std::string_view kind);

/// The value of parameter `name` of `node`: the node's own value if it has one, else the kind's
/// default. nullopt when the kind or the parameter is unknown.
std::optional<ParamValue> paramValue(const Node &node, std::string_view name);

/// Why parameter `param` of `node` has no effect on what runs ("its workload 'count' does not use
/// it"), or nullopt when it has one. A parameter that a workload reads (kWorkloads) affects only a
/// node running that workload; one with `onlyWith` only a node whose `onlyWith` is set (see
/// ParamSpec::onlyWith).
/// Editors hide such parameters, and validation warns about a file that sets one.
std::optional<std::string> inapplicableReason(const Node &node, std::string_view param);

/// Typed getters for validated specs. A stored value of the wrong type reads as the default, an
/// integer reads as a Real. They throw std::invalid_argument when the node's kind has no parameter
/// `name` of that type: that is a programming error, not a user mistake.
bool boolParam(const Node &node, std::string_view name);
std::int64_t intParam(const Node &node, std::string_view name);
double realParam(const Node &node, std::string_view name);
/// For Text and Choice parameters.
std::string textParam(const Node &node, std::string_view name);

/// The items of a comma-separated list with the spaces around each item removed. Empty items are
/// kept (as empty strings) so that validation can point at them.
std::vector<std::string> splitCommaList(std::string_view text);

} // namespace ringflow::pipeline
