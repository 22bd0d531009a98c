#include "panels/param_field.h"

#include "format/param_format.h"
#include "pipeline/param_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace ringflow::ui {

namespace {

// Ring sizes are powers of two: the arrows double and halve instead of adding one.
class PowerOfTwoSpinBox : public QSpinBox {
public:
    using QSpinBox::QSpinBox;

    void stepBy(int steps) override
    {
        qint64 value = this->value();
        for (; steps > 0 && value * 2 <= maximum(); --steps)
            value *= 2;
        for (; steps < 0 && value / 2 >= minimum() && value > 1; ++steps)
            value /= 2;
        setValue(static_cast<int>(value));
    }
};

bool fitsInt(const std::optional<double> &bound)
{
    return bound && *bound >= std::numeric_limits<int>::min() && *bound <= std::numeric_limits<int>::max();
}

int decimalsFor(const pipeline::ParamSpec &spec)
{
    const double range = *spec.maximum - *spec.minimum;
    return range <= 10 ? 4 : 2;
}

double asReal(const pipeline::ParamValue &value)
{
    if (const auto *real = std::get_if<double>(&value))
        return *real;
    if (const auto *whole = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*whole);
    return 0;
}

} // namespace

ParamField::ParamField(const pipeline::ParamSpec &spec, QWidget *parent)
    : QWidget(parent),
      m_spec(spec),
      m_value(spec.defaultValue),
      m_editor(createEditor()),
      m_reset(new QToolButton(this))
{
    m_editor->setObjectName(QStringLiteral("param_") + QString::fromStdString(spec.name));
    m_editor->setToolTip(QString::fromStdString(spec.help));
    // The form gives the width: a spin box's own minimum follows its value and range, and would
    // widen the dock, moving every field, when a run starts and the value changes.
    QSizePolicy fitsTheForm = m_editor->sizePolicy();
    fitsTheForm.setHorizontalPolicy(QSizePolicy::Preferred);
    m_editor->setSizePolicy(fitsTheForm);
    m_editor->setMinimumWidth(m_editor->fontMetrics().averageCharWidth() * 8);
    m_reset->setText(QStringLiteral("↺"));
    m_reset->setAutoRaise(true);
    m_reset->setToolTip(tr("Reset to the default, %1")
                            .arg(QString::fromStdString(pipeline::paramText(spec.defaultValue)) + unitSuffix(spec)));
    m_reset->setObjectName(QStringLiteral("reset_") + QString::fromStdString(spec.name));
    QSizePolicy keepRoom = m_reset->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true);
    m_reset->setSizePolicy(keepRoom);
    connect(m_reset, &QToolButton::clicked, this, &ParamField::resetRequested);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    auto *layout = new QHBoxLayout;
    layout->setSpacing(4);
    layout->addWidget(m_editor, 1);
    // Spin boxes show the unit as a suffix; line edits get it beside them.
    if (qobject_cast<QLineEdit *>(m_editor) && !unitSuffix(spec).isEmpty())
        layout->addWidget(new QLabel(unitSuffix(spec).trimmed(), this));
    layout->addWidget(m_reset);
    column->addLayout(layout);
    // The allowed range in small print under numbers, so it is visible without hovering.
    if (const QString range = rangeText(spec); !range.isEmpty()) {
        auto *hint = new QLabel(range, this);
        hint->setObjectName(QStringLiteral("range_") + QString::fromStdString(spec.name));
        QFont small = hint->font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        hint->setFont(small);
        hint->setEnabled(false);
        hint->setWordWrap(true); // a long range wraps rather than widen the form
        column->addWidget(hint);
    }
    setValue(spec.defaultValue, false);
}

QWidget *ParamField::createEditor()
{
    switch (m_spec.type) {
    case pipeline::ParamType::Bool: {
        auto *box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, [this](bool on) { Q_EMIT edited(pipeline::ParamValue {on}); });
        return box;
    }
    case pipeline::ParamType::Int:
        if (fitsInt(m_spec.minimum) && fitsInt(m_spec.maximum)) {
            auto *box = m_spec.powerOfTwo ? new PowerOfTwoSpinBox(this) : new QSpinBox(this);
            box->setRange(static_cast<int>(*m_spec.minimum), static_cast<int>(*m_spec.maximum));
            box->setSuffix(unitSuffix(m_spec));
            box->setKeyboardTracking(false);
            box->setGroupSeparatorShown(true);
            box->setAccelerated(true);
            connect(box, &QSpinBox::valueChanged, this,
                [this](int value) { Q_EMIT edited(pipeline::ParamValue {static_cast<std::int64_t>(value)}); });
            return box;
        }
        break;
    case pipeline::ParamType::Real:
        if (m_spec.minimum && m_spec.maximum) {
            auto *box = new QDoubleSpinBox(this);
            box->setDecimals(decimalsFor(m_spec));
            box->setRange(*m_spec.minimum, *m_spec.maximum);
            box->setSingleStep(std::pow(10.0, std::floor(std::log10(*m_spec.maximum - *m_spec.minimum)) - 2));
            box->setSuffix(unitSuffix(m_spec));
            box->setKeyboardTracking(false);
            connect(box, &QDoubleSpinBox::valueChanged, this,
                [this](double value) { Q_EMIT edited(pipeline::ParamValue {value}); });
            return box;
        }
        break;
    case pipeline::ParamType::Choice: {
        auto *box = new QComboBox(this);
        for (const std::string &choice : m_spec.choices)
            box->addItem(QString::fromStdString(choice));
        connect(box, &QComboBox::activated, this,
            [this, box](int index) { Q_EMIT edited(pipeline::ParamValue {box->itemText(index).toStdString()}); });
        return box;
    }
    case pipeline::ParamType::Text:
        break;
    }
    auto *edit = new QLineEdit(this);
    if (m_spec.commaList)
        edit->setPlaceholderText(tr("comma-separated"));
    connect(edit, &QLineEdit::editingFinished, this, &ParamField::commitText);
    return edit;
}

void ParamField::commitText()
{
    auto *edit = static_cast<QLineEdit *>(m_editor);
    const std::string text = edit->text().trimmed().toStdString();
    if (text == pipeline::paramText(m_value))
        return;
    auto parsed = pipeline::parseParamText(
        m_spec, m_spec.type == pipeline::ParamType::Text ? edit->text().toStdString() : text);
    if (auto *reason = std::get_if<std::string>(&parsed)) {
        edit->setText(QString::fromStdString(pipeline::paramText(m_value)));
        Q_EMIT refused(
            QStringLiteral("%1: %2").arg(QString::fromStdString(m_spec.displayName), QString::fromStdString(*reason)));
        return;
    }
    Q_EMIT edited(std::get<pipeline::ParamValue>(parsed));
}

void ParamField::setValue(const pipeline::ParamValue &value, bool explicitlySet)
{
    m_value = value;
    const QSignalBlocker blocker(m_editor);
    if (auto *box = qobject_cast<QCheckBox *>(m_editor)) {
        box->setChecked(std::holds_alternative<bool>(value) && std::get<bool>(value));
    } else if (auto *box = qobject_cast<QSpinBox *>(m_editor)) {
        box->setValue(static_cast<int>(std::llround(asReal(value))));
    } else if (auto *box = qobject_cast<QDoubleSpinBox *>(m_editor)) {
        box->setValue(asReal(value));
    } else if (auto *box = qobject_cast<QComboBox *>(m_editor)) {
        const QString text = QString::fromStdString(pipeline::paramText(value));
        if (box->findText(text) < 0)
            box->addItem(text); // a file may hold a value outside the choices; show it as it is
        box->setCurrentText(text);
    } else if (auto *edit = qobject_cast<QLineEdit *>(m_editor)) {
        edit->setText(QString::fromStdString(pipeline::paramText(value)));
    }
    m_reset->setVisible(explicitlySet);
}

} // namespace ringflow::ui
