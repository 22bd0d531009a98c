#include "experiment_form.h"

#include "axis_editor.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace ringflow::ui {

ExperimentForm::ExperimentForm(QWidget *parent)
    : QWidget(parent),
      m_name(new QLineEdit(this)),
      m_first(new AxisEditor(this)),
      m_useSecond(new QCheckBox(tr("Second axis"), this)),
      m_second(new AxisEditor(this)),
      m_repeat(new QSpinBox(this)),
      m_duration(new QDoubleSpinBox(this))
{
    m_name->setObjectName(QStringLiteral("experimentName"));
    m_name->setPlaceholderText(tr("What the experiment asks"));
    m_first->setObjectName(QStringLiteral("firstAxis"));
    m_second->setObjectName(QStringLiteral("secondAxis"));
    m_useSecond->setObjectName(QStringLiteral("useSecondAxis"));
    m_second->setEnabled(false);
    connect(m_useSecond, &QCheckBox::toggled, m_second, &QWidget::setEnabled);
    m_repeat->setObjectName(QStringLiteral("experimentRepeat"));
    m_repeat->setRange(1, pipeline::kMaxExperimentRepeat);
    m_repeat->setValue(3);
    m_repeat->setToolTip(tr("Runs per point, interleaved A B C A B C so that a drift of the machine does not "
                            "pose as an effect"));
    m_duration->setObjectName(QStringLiteral("experimentDuration"));
    m_duration->setRange(0, 3600);
    m_duration->setDecimals(2);
    m_duration->setSingleStep(0.5);
    m_duration->setSuffix(tr(" s"));
    m_duration->setSpecialValueText(tr("as the producers say"));
    m_duration->setToolTip(tr("Each run's length; it lifts the producers' event counts, as ringflow-run "
                              "--duration does. At the minimum, the producers' own limits end each run."));
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("Name"), m_name);
    layout->addRow(tr("Sweep"), m_first);
    layout->addRow(m_useSecond, m_second);
    layout->addRow(tr("Repetitions"), m_repeat);
    layout->addRow(tr("Run length"), m_duration);
}

void ExperimentForm::setSpec(const pipeline::PipelineSpec &spec)
{
    m_first->setSpec(spec);
    m_second->setSpec(spec);
}

pipeline::ExperimentSpec ExperimentForm::experiment() const
{
    pipeline::ExperimentSpec experiment;
    experiment.name = m_name->text().trimmed().toStdString();
    experiment.axes.push_back(m_first->axis());
    if (m_useSecond->isChecked())
        experiment.axes.push_back(m_second->axis());
    experiment.repeat = m_repeat->value();
    experiment.durationSeconds = m_duration->value();
    return experiment;
}

void ExperimentForm::setExperiment(const pipeline::ExperimentSpec &experiment)
{
    m_name->setText(QString::fromStdString(experiment.name));
    if (!experiment.axes.empty())
        m_first->setAxis(experiment.axes.front());
    m_useSecond->setChecked(experiment.axes.size() > 1);
    if (experiment.axes.size() > 1)
        m_second->setAxis(experiment.axes[1]);
    m_repeat->setValue(experiment.repeat);
    m_duration->setValue(experiment.durationSeconds);
}

} // namespace ringflow::ui
