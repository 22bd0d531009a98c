#include "panels/property_editor.h"

#include "canvas/theme.h"
#include "document/pipeline_document.h"
#include "format/param_format.h"
#include "panels/form_scroll_area.h"
#include "panels/param_field.h"
#include "pipeline/kind_registry.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ringflow::ui {

namespace {

QString paramToolTip(const pipeline::ParamSpec &param)
{
    QString text = QStringLiteral("<b>%1</b> <code>%2</code><br>%3")
                       .arg(QString::fromStdString(param.displayName), QString::fromStdString(param.name),
                           QString::fromStdString(param.help).toHtmlEscaped());
    // The range says "a power of two" where it applies, as the field's small print does.
    const QString range = rangeText(param);
    if (!range.isEmpty())
        text += QStringLiteral("<br>") + QObject::tr("Range: %1").arg(range);
    if (param.liveTunable)
        text += QStringLiteral("<br>") + QObject::tr("Can be changed while the pipeline runs.");
    return text;
}

} // namespace

PropertyEditor::PropertyEditor(PipelineDocument *document, QWidget *parent)
    : QWidget(parent),
      m_document(document),
      m_title(new QLabel(this)),
      m_help(new QLabel(this)),
      m_formHost(new QWidget(this)),
      m_lockNote(new QLabel(this)),
      m_message(new QLabel(this))
{
    m_lockNote->setObjectName(QStringLiteral("propertyLockNote"));
    m_lockNote->setWordWrap(true);
    m_lockNote->setText(tr("The pipeline is running: the live parameters above apply at once; the others wait "
                           "until it stops."));
    // Its room is kept while it is hidden: appearing when a run starts, it moves nothing and makes
    // no scroll bar appear.
    QSizePolicy keepRoom = m_lockNote->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true);
    m_lockNote->setSizePolicy(keepRoom);
    m_lockNote->setVisible(false);
    m_title->setObjectName(QStringLiteral("propertyTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_help->setWordWrap(true);
    m_help->setObjectName(QStringLiteral("propertyHelp"));
    m_message->setObjectName(QStringLiteral("propertyMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    applyColors();
    layOut();

    connect(document, &PipelineDocument::edited, this, &PropertyEditor::refreshValues);
    connect(document, &PipelineDocument::structureLockChanged, this, &PropertyEditor::applyLock);
    connect(document, &PipelineDocument::specReset, this, [this] { showSelection({}); });
    connect(document, &PipelineDocument::nodeRenamed, this, [this](const QString &oldId, const QString &newId) {
        if (oldId == m_nodeId)
            m_nodeId = newId;
    });
    showSelection({});
}

void PropertyEditor::applyColors()
{
    const auto colorLabel = [](QLabel *label, const QColor &color) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, color);
        label->setPalette(palette);
    };
    colorLabel(m_help, theme::secondaryText());
    colorLabel(m_lockNote, theme::accent());
    colorLabel(m_message, theme::errorColor());
}

void PropertyEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors(); // the theme changed
}

void PropertyEditor::layOut()
{
    // The title, the help and the form scroll together when the form is taller than the dock.
    // What comes and goes (the run's note, a refusal) goes under the form, so that no field moves
    // away from the mouse when it appears.
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(10, 10, 10, 10);
    contentLayout->setSpacing(8);
    contentLayout->addWidget(m_title);
    contentLayout->addWidget(m_help);
    contentLayout->addWidget(m_formHost);
    contentLayout->addWidget(m_lockNote);
    contentLayout->addWidget(m_message);
    contentLayout->addStretch(1);
    m_formHost->setParent(content);
    m_title->setParent(content);
    m_help->setParent(content);
    m_lockNote->setParent(content);
    m_message->setParent(content);

    auto *scroll = new FormScrollArea(content, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void PropertyEditor::showSelection(const QStringList &nodeIds)
{
    m_selectionSize = static_cast<int>(nodeIds.size());
    m_nodeId = nodeIds.size() == 1 ? nodeIds.front() : QString();
    rebuild();
}

ParamField *PropertyEditor::field(const QString &param) const
{
    const auto found = m_fields.find(param);
    return found == m_fields.end() ? nullptr : found->second;
}

QString PropertyEditor::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void PropertyEditor::clearForm()
{
    // deleteLater: this may run while a signal of one of these widgets is being delivered. They
    // leave the form at once all the same, so that nothing finds them in the meantime.
    // Their signals are blocked too: a field losing the focus as it goes must not write its value
    // into the node shown next.
    for (QWidget *child : m_formHost->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly)) {
        child->blockSignals(true);
        child->hide();
        child->setParent(nullptr);
        child->deleteLater();
    }
    delete m_form;
    m_form = nullptr;
    m_idEdit = nullptr;
    m_nameEdit = nullptr;
    m_fields.clear();
    m_labels.clear();
}

void PropertyEditor::rebuild()
{
    clearForm();
    m_message->setVisible(false);
    m_form = new QFormLayout(m_formHost);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);

    const pipeline::Node *node = m_document->node(m_nodeId);
    if (!node) {
        m_nodeId.clear();
        if (m_selectionSize > 1) {
            m_title->setText(tr("%n nodes selected", nullptr, m_selectionSize));
            m_help->setText(tr("Select a single node to edit its parameters."));
            return;
        }
        m_title->setText(tr("Pipeline"));
        m_help->setText(tr("Select a node to edit its parameters. Drag kinds from the palette to add nodes; "
                           "drag from a port to another to connect them."));
        m_nameEdit = new QLineEdit(m_formHost);
        m_nameEdit->setObjectName(QStringLiteral("pipelineName"));
        m_nameEdit->setPlaceholderText(tr("unnamed"));
        connect(
            m_nameEdit, &QLineEdit::editingFinished, this, [this] { m_document->setPipelineName(m_nameEdit->text()); });
        m_form->addRow(tr("Name"), m_nameEdit);
        refreshValues();
        return;
    }

    const pipeline::KindSpec *kind = pipeline::findKind(node->kind);
    m_title->setText(kind ? QString::fromStdString(kind->displayName)
                          : tr("Unknown kind '%1'").arg(QString::fromStdString(node->kind)));
    m_help->setText(kind ? QString::fromStdString(kind->help) : tr("Ringflow does not know this kind of node."));

    m_idEdit = new QLineEdit(m_formHost);
    m_idEdit->setObjectName(QStringLiteral("nodeId"));
    m_idEdit->setToolTip(tr("The node's unique name, used by wires, files and reports."));
    connect(m_idEdit, &QLineEdit::editingFinished, this, &PropertyEditor::commitId);
    m_form->addRow(tr("Id"), m_idEdit);
    if (kind) {
        for (const pipeline::ParamSpec &param : kind->params)
            addField(param);
    }
    refreshValues();
    applyLock();
}

void PropertyEditor::addField(const pipeline::ParamSpec &param)
{
    const QString name = QString::fromStdString(param.name);
    auto *paramField = new ParamField(param, m_formHost);
    auto *label = new QLabel(QString::fromStdString(param.displayName), m_formHost);
    label->setBuddy(paramField->editor()); // the tooltips come with the values, in showApplicability()
    connect(paramField, &ParamField::edited, this,
        [this, name](const pipeline::ParamValue &value) { applyValue(name, value); });
    connect(paramField, &ParamField::refused, this, &PropertyEditor::showRefusal);
    connect(paramField, &ParamField::resetRequested, this, [this, name] { resetValue(name); });
    m_form->addRow(label, paramField);
    m_fields[name] = paramField;
    m_labels[name] = label;
}

void PropertyEditor::applyLock()
{
    // While a run holds the structure, only what the runtime can change live stays editable, so
    // nobody types a value that would only be refused.
    const bool locked = m_document->isStructureLocked();
    m_lockNote->setVisible(locked && !m_fields.empty());
    if (m_idEdit)
        m_idEdit->setReadOnly(locked);
    for (const auto &[name, paramField] : m_fields)
        paramField->setEnabled(!locked || paramField->spec().liveTunable);
}

void PropertyEditor::refreshValues()
{
    if (m_nameEdit && !m_nameEdit->hasFocus()) {
        const QSignalBlocker blocker(m_nameEdit);
        m_nameEdit->setText(QString::fromStdString(m_document->spec().name));
    }
    const pipeline::Node *node = m_document->node(m_nodeId);
    if (!m_nodeId.isEmpty() && !node) {
        showSelection({});
        return;
    }
    if (!node)
        return;
    if (m_idEdit) {
        const QSignalBlocker blocker(m_idEdit);
        m_idEdit->setText(m_nodeId);
    }
    for (const auto &[name, paramField] : m_fields) {
        const auto own = node->params.find(name.toStdString());
        const bool explicitlySet = own != node->params.end();
        paramField->setValue(explicitlySet ? own->second : paramField->spec().defaultValue, explicitlySet);
        QFont font = m_labels[name]->font();
        font.setBold(explicitlySet);
        m_labels[name]->setFont(font);
        const auto reason = pipeline::inapplicableReason(*node, name.toStdString());
        showApplicability(name, reason ? QString::fromStdString(*reason) : QString());
    }
}

void PropertyEditor::showApplicability(const QString &param, const QString &reason)
{
    // Disabled rather than hidden, so that the rows below stay where they were when the workload
    // changes; the reset button stays usable, so a value that no longer matters can be cleared.
    ParamField *paramField = m_fields[param];
    QLabel *label = m_labels[param];
    paramField->editor()->setEnabled(reason.isEmpty());
    label->setEnabled(reason.isEmpty());
    QString tip = paramToolTip(paramField->spec());
    if (!reason.isEmpty())
        tip += QStringLiteral("<br><i>%1</i>").arg(tr("Does not apply: %1.").arg(reason.toHtmlEscaped()));
    label->setToolTip(tip);
    paramField->editor()->setToolTip(tip);
}

void PropertyEditor::applyValue(const QString &param, const pipeline::ParamValue &value)
{
    const pipeline::Node *node = m_document->node(m_nodeId);
    if (!node)
        return;
    if (pipeline::paramValue(*node, param.toStdString()) == value)
        return;
    const QString refusal = m_document->setParameter(m_nodeId, param, value);
    if (refusal.isEmpty()) {
        m_message->setVisible(false);
        return;
    }
    showRefusal(refusal);
    refreshValues();
}

void PropertyEditor::resetValue(const QString &param)
{
    m_message->setVisible(false);
    m_document->setParameter(m_nodeId, param, std::nullopt);
}

void PropertyEditor::commitId()
{
    if (!m_idEdit || m_idEdit->text() == m_nodeId)
        return;
    const QString refusal = m_document->renameNode(m_nodeId, m_idEdit->text());
    if (!refusal.isEmpty()) {
        showRefusal(refusal);
        const QSignalBlocker blocker(m_idEdit);
        m_idEdit->setText(m_nodeId);
    } else {
        m_message->setVisible(false);
    }
}

void PropertyEditor::showRefusal(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(true);
    Q_EMIT message(text);
}

} // namespace ringflow::ui
