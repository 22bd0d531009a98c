#pragma once

#include "pipeline/kind_registry.h"

#include <QWidget>

class QToolButton;

namespace ringflow::ui {

/// The editor of one parameter, chosen from its declaration in the kind registry: a check box for
/// Bool, a spin box for bounded Int and Real (units as suffix, powers of two stepping by doubling),
/// a combo box for Choice, a line edit for Text and for unbounded numbers. Emits the value the
/// user entered; whether it is accepted is the property editor's decision.
class ParamField : public QWidget {
    Q_OBJECT
public:
    ParamField(const pipeline::ParamSpec &spec, QWidget *parent = nullptr);

    const pipeline::ParamSpec &spec() const { return m_spec; }
    /// Shows `value` without emitting anything. `explicitlySet` is false when it is the default.
    void setValue(const pipeline::ParamValue &value, bool explicitlySet);
    /// The input widget (QSpinBox, QDoubleSpinBox, QComboBox, QLineEdit or QCheckBox).
    QWidget *editor() const { return m_editor; }

Q_SIGNALS:
    void edited(const ringflow::pipeline::ParamValue &value);
    /// The text typed is not a value of the parameter's type at all (the reason says why).
    void refused(const QString &reason);
    void resetRequested();

private:
    QWidget *createEditor();
    void commitText();

    pipeline::ParamSpec m_spec;
    pipeline::ParamValue m_value;
    QWidget *m_editor;
    QToolButton *m_reset;
};

} // namespace ringflow::ui
