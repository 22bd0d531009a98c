#pragma once

#include "pipeline/pipeline_spec.h"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ringflow::pipeline {

/// One swept parameter of an experiment: a node's parameter and the values it takes, in order.
struct SweepAxis {
    std::string node;
    std::string param;
    std::vector<ParamValue> values;

    std::string name() const { return node + "." + param; } ///< "stage.cost"
    bool operator==(const SweepAxis &) const = default;
};

/// The most values one axis may take: a range that would make more is a mistake.
inline constexpr std::size_t kMaxSweepValues = 1000;

/// Reads `NODE.PARAM=VALUES` against `spec`: VALUES is a comma-separated list whose items are
/// values as `--set` takes them, or ranges of a numeric parameter: `A..B+S` from A to B in steps
/// of S (S > 0), `A..B*F` from A to B multiplying by F (A > 0, F > 1); B is included when a step
/// lands on it. NODE.PARAM is split as parseParamAssignment() splits it (node ids may contain dots).
/// Each value must pass validation (the registry's range, a power of two for ring slots...).
/// Returns the axis, or why not, starting with the place: "'x': expected NODE.PARAM=VALUES",
/// "ghost.cost: no node 'ghost' in the pipeline", "ring.slots: no values", "ring.slots: 3: ...".
std::variant<SweepAxis, std::string> parseSweepAxis(const PipelineSpec &spec, std::string_view text);

/// The experiment's points in the order they are reported: the cross product of the axes' values,
/// the first axis outermost. Each point holds one value per axis.
std::vector<std::vector<ParamValue>> sweepPoints(const std::vector<SweepAxis> &axes);

/// `spec` with each axis's parameter set to the point's value.
PipelineSpec specAtPoint(PipelineSpec spec, const std::vector<SweepAxis> &axes, const std::vector<ParamValue> &point);

} // namespace ringflow::pipeline
