#include "axis_editor.h"

#include "pipeline/kind_registry.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>

#include <algorithm>

namespace ringflow::ui {

namespace {

/// Parameters a sweep can take values of: numbers and choices.
bool sweepable(const pipeline::ParamSpec &param)
{
    return param.type == pipeline::ParamType::Int || param.type == pipeline::ParamType::Real
        || param.type == pipeline::ParamType::Choice;
}

} // namespace

AxisEditor::AxisEditor(QWidget *parent)
    : QWidget(parent), m_node(new QComboBox(this)), m_param(new QComboBox(this)), m_values(new QLineEdit(this))
{
    m_node->setObjectName(QStringLiteral("axisNode"));
    m_param->setObjectName(QStringLiteral("axisParam"));
    m_values->setObjectName(QStringLiteral("axisValues"));
    m_values->setPlaceholderText(tr("1,2,4 or 0..400+100 or 64..4096*2"));
    m_values->setToolTip(tr("The values as ringflow-run --sweep takes them: a comma-separated list of values "
                            "or ranges, A..B+S (steps of S) or A..B*F (multiplying by F)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_node, 1);
    layout->addWidget(m_param, 1);
    layout->addWidget(m_values, 2);
    connect(m_node, &QComboBox::currentTextChanged, this, &AxisEditor::fillParams);
    connect(m_param, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        // A choice is swept over all its values unless the user says otherwise.
        const pipeline::Node *node = m_spec.findNode(m_node->currentText().toStdString());
        const pipeline::KindSpec *kind = node ? pipeline::findKind(node->kind) : nullptr;
        const pipeline::ParamSpec *param = kind ? kind->findParam(name.toStdString()) : nullptr;
        if (param && param->type == pipeline::ParamType::Choice && m_values->text().isEmpty()) {
            QStringList choices;
            for (const std::string &choice : param->choices)
                choices.append(QString::fromStdString(choice));
            m_values->setText(choices.join(QLatin1Char(',')));
        }
    });
}

void AxisEditor::setSpec(const pipeline::PipelineSpec &spec)
{
    const pipeline::ExperimentAxisText kept = axis();
    m_spec = spec;
    const QSignalBlocker blocker(m_node);
    m_node->clear();
    for (const pipeline::Node &node : m_spec.nodes) {
        const pipeline::KindSpec *kind = pipeline::findKind(node.kind);
        if (kind && std::any_of(kind->params.begin(), kind->params.end(), sweepable))
            m_node->addItem(QString::fromStdString(node.id));
    }
    setAxis(kept);
}

void AxisEditor::fillParams()
{
    const QString kept = m_param->currentText();
    const QSignalBlocker blocker(m_param);
    m_param->clear();
    const pipeline::Node *node = m_spec.findNode(m_node->currentText().toStdString());
    const pipeline::KindSpec *kind = node ? pipeline::findKind(node->kind) : nullptr;
    if (!kind)
        return;
    for (const pipeline::ParamSpec &param : kind->params) {
        if (sweepable(param) && !pipeline::inapplicableReason(*node, param.name)) {
            m_param->addItem(QString::fromStdString(param.name));
            m_param->setItemData(m_param->count() - 1, QString::fromStdString(param.help), Qt::ToolTipRole);
        }
    }
    m_param->setCurrentIndex(std::max(0, m_param->findText(kept)));
}

pipeline::ExperimentAxisText AxisEditor::axis() const
{
    return {(m_node->currentText() + QLatin1Char('.') + m_param->currentText()).toStdString(),
        m_values->text().trimmed().toStdString()};
}

void AxisEditor::setAxis(const pipeline::ExperimentAxisText &axis)
{
    // NODE.PARAM: node ids may hold dots, parameter names do not.
    const QString target = QString::fromStdString(axis.param);
    const qsizetype dot = target.lastIndexOf(QLatin1Char('.'));
    const QString node = dot < 0 ? QString() : target.left(dot);
    if (const int index = m_node->findText(node); index >= 0)
        m_node->setCurrentIndex(index);
    fillParams();
    if (const int index = m_param->findText(target.mid(dot + 1)); dot >= 0 && index >= 0)
        m_param->setCurrentIndex(index);
    m_values->setText(QString::fromStdString(axis.values));
}

} // namespace ringflow::ui
