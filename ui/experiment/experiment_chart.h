#pragma once

#include "experiment_figures.h"

#include <qcustomplot.h>

namespace ringflow::ui {

/// A figure of an experiment against its first axis: one line per value of the second axis (with a
/// legend), the median of each point with min-max error bars over its runs, and for throughput the
/// capacity model's prediction as a dashed line. A logarithmic x axis when the values are powers of
/// two or span more than two decades; a choice (a wait strategy) as named categories.
class ExperimentChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit ExperimentChart(QWidget *parent = nullptr);

    /// Draws `sweep`'s `figure`; points without runs (after a cancel) are left out.
    void showResult(const pipeline::SweepResult &sweep, ExperimentFigure figure);
    /// Measured points drawn, over all lines.
    int pointCount() const;

private:
    void setUpXAxis(const pipeline::SweepAxis &axis);
    void addSeries(
        const pipeline::SweepResult &sweep, ExperimentFigure figure, std::size_t series, const QColor &color);
    double xOf(const pipeline::SweepAxis &axis, std::size_t index) const;

    bool m_categorical = false;
};

} // namespace ringflow::ui
