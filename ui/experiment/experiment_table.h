#pragma once

#include "pipeline/sweep_runner.h"

#include <QTableWidget>

namespace ringflow::ui {

/// The experiment's points, one row each: the swept values, then events/s (median, min, max), CPU
/// seconds, p50 and p99 latency, the model's predicted events/s and the conservation verdict.
/// Ctrl+C copies the selected cells as tab-separated text, with their column titles.
class ExperimentTable : public QTableWidget {
    Q_OBJECT
public:
    explicit ExperimentTable(QWidget *parent = nullptr);

    void showResult(const pipeline::SweepResult &sweep);
    /// The selected cells as lines of tab-separated text, the column titles first.
    QString selectionText() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void fillRow(int row, const pipeline::PointResult &point);
};

} // namespace ringflow::ui
