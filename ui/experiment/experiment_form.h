#pragma once

#include "pipeline/experiment_spec.h"
#include "pipeline/pipeline_spec.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace ringflow::ui {

class AxisEditor;

/// What an experiment sweeps and how long: its name, one axis and an optional second, the runs per
/// point and each run's length.
class ExperimentForm : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentForm(QWidget *parent = nullptr);

    /// Offers the nodes of `spec` on both axes.
    void setSpec(const pipeline::PipelineSpec &spec);
    pipeline::ExperimentSpec experiment() const;
    void setExperiment(const pipeline::ExperimentSpec &experiment);

    AxisEditor *firstAxis() const { return m_first; }
    AxisEditor *secondAxis() const { return m_second; }
    QCheckBox *secondAxisBox() const { return m_useSecond; }
    QSpinBox *repeatBox() const { return m_repeat; }
    QDoubleSpinBox *durationBox() const { return m_duration; }

private:
    QLineEdit *m_name;
    AxisEditor *m_first;
    QCheckBox *m_useSecond;
    AxisEditor *m_second;
    QSpinBox *m_repeat;
    QDoubleSpinBox *m_duration;
};

} // namespace ringflow::ui
