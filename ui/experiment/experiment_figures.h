#pragma once

#include "pipeline/sweep_runner.h"

#include <QString>

namespace ringflow::ui {

/// What the experiment chart plots against the swept value.
enum class ExperimentFigure { Throughput, CpuSeconds, LatencyP99 };

/// "Events/s", "CPU seconds", "p99 latency (ns)".
QString figureTitle(ExperimentFigure figure);
/// The figure's median, min and max over the point's runs.
pipeline::Spread figureOf(const pipeline::PointResult &point, ExperimentFigure figure);
/// A swept value as the user types it: "64", "yield".
QString valueText(const pipeline::ParamValue &value);

} // namespace ringflow::ui
