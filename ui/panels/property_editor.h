#pragma once

#include "pipeline/kind_registry.h"
#include "pipeline/pipeline_spec.h"

#include <QStringList>
#include <QWidget>

#include <map>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace ringflow::ui {

class ParamField;
class PipelineDocument;

/// Edits the selected node: its id and every parameter its kind declares, each with the editor
/// its type calls for, its unit, range and help. With nothing selected it edits the pipeline's
/// name. A value the validator would reject is refused with its reason; every accepted edit is
/// one undo step.
class PropertyEditor : public QWidget {
    Q_OBJECT
public:
    explicit PropertyEditor(PipelineDocument *document, QWidget *parent = nullptr);

    /// Shows the node when exactly one is selected, a summary otherwise.
    void showSelection(const QStringList &nodeIds);
    QString nodeId() const { return m_nodeId; }
    ParamField *field(const QString &param) const;
    QLineEdit *idEdit() const { return m_idEdit; }
    QLineEdit *nameEdit() const { return m_nameEdit; }
    /// The last refusal, empty after an accepted edit.
    QString messageText() const;

Q_SIGNALS:
    /// A sentence for the status bar.
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();
    void layOut();
    void rebuild();
    /// Enables `param`'s field, or disables it with `reason` (non-empty) in its tooltip.
    void showApplicability(const QString &param, const QString &reason);
    /// A labelled field for `param` in the form.
    void addField(const pipeline::ParamSpec &param);
    void refreshValues();
    void clearForm();
    void applyLock();
    void applyValue(const QString &param, const pipeline::ParamValue &value);
    void resetValue(const QString &param);
    void commitId();
    void showRefusal(const QString &text);

    PipelineDocument *m_document;
    QString m_nodeId;
    int m_selectionSize = 0;
    QLabel *m_title;
    QLabel *m_help;
    QWidget *m_formHost;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_idEdit = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    std::map<QString, ParamField *> m_fields;
    std::map<QString, QLabel *> m_labels;
    QLabel *m_lockNote;
    QLabel *m_message;
};

} // namespace ringflow::ui
