#pragma once

// How a parameter of the kind registry is written for people: its value on a node's card, its unit
// beside a field, and its allowed range in words. The card, the property editor's fields and their
// tooltips say it the same way.

#include "pipeline/kind_registry.h"
#include "pipeline/pipeline_spec.h"

#include <QString>

namespace ringflow::ui {

/// The unit after a value, with its leading space: " ev/s". Empty when the parameter has none or
/// the unit repeats its label: "Threads 4", not "Threads 4 threads".
QString unitSuffix(const pipeline::ParamSpec &param);
/// A value as a node's card shows it: "4,096 slots", "yielding"; "–" when it is empty. Choices
/// and texts go without the unit.
QString cardValueText(const pipeline::ParamSpec &param, const pipeline::ParamValue &value);
/// The allowed values of a number in words: "1 to 1,048,576 slots, a power of two", "at least 0 ns";
/// empty when the parameter is not a number or has no bounds.
QString rangeText(const pipeline::ParamSpec &param);

} // namespace ringflow::ui
