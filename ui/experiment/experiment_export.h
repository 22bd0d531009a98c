#pragma once

#include "pipeline/sweep_runner.h"

#include <QString>

class QCustomPlot;

namespace ringflow::ui {

/// Writes the experiment's data as `ringflow-run --sweep --report csv` (a `.csv` path) or `--report
/// json` (any other) writes it, byte for byte. Returns why not, or an empty string.
QString exportExperimentData(const pipeline::SweepResult &sweep, const QString &path);
/// Writes the chart as a PDF (a `.pdf` path) or a PNG (any other). Returns why not, or an empty string.
QString exportExperimentChart(QCustomPlot *chart, const QString &path);

} // namespace ringflow::ui
