#pragma once

#include "pipeline/experiment_spec.h"
#include "pipeline/pipeline_spec.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace ringflow::ui {

/// One axis of an experiment: a node, one of its numeric or choice parameters (from the kind
/// registry), and the values in --sweep's syntax ("1,2,4", "0..400+100", "64..4096*2").
class AxisEditor : public QWidget {
    Q_OBJECT
public:
    explicit AxisEditor(QWidget *parent = nullptr);

    /// Offers the nodes of `spec`, keeping the chosen node and parameter when they still exist.
    void setSpec(const pipeline::PipelineSpec &spec);
    pipeline::ExperimentAxisText axis() const;
    void setAxis(const pipeline::ExperimentAxisText &axis);

    QComboBox *nodeBox() const { return m_node; }
    QComboBox *paramBox() const { return m_param; }
    QLineEdit *valuesEdit() const { return m_values; }

private:
    void fillParams();

    pipeline::PipelineSpec m_spec;
    QComboBox *m_node;
    QComboBox *m_param;
    QLineEdit *m_values;
};

} // namespace ringflow::ui
