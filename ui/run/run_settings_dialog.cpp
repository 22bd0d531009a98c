#include "run/run_settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace ringflow::ui {

namespace {

int mebibytes(std::uint64_t bytes)
{
    return static_cast<int>((bytes + RunSettings::kMiB / 2) / RunSettings::kMiB);
}

QLabel *smallPrint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

RunSettingsDialog::RunSettingsDialog(const RunSettings &current, QWidget *parent)
    : QDialog(parent),
      m_memory(new QSpinBox(this)),
      m_threads(new QSpinBox(this)),
      m_drain(new QDoubleSpinBox(this)),
      m_sampleRate(new QComboBox(this))
{
    setObjectName(QStringLiteral("runSettingsDialog"));
    setWindowTitle(tr("Run Settings"));
    m_memory->setObjectName(QStringLiteral("memoryBudget"));
    m_memory->setRange(1, mebibytes(RunSettings::kMaxMemoryBytes));
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setGroupSeparatorShown(true);
    m_memory->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_threads->setObjectName(QStringLiteral("threadBudget"));
    m_threads->setRange(RunSettings::kMinThreads, RunSettings::kMaxThreads);
    m_threads->setGroupSeparatorShown(true);
    m_drain->setObjectName(QStringLiteral("drainTimeout"));
    m_drain->setRange(RunSettings::kMinDrainMs / 1000.0, RunSettings::kMaxDrainMs / 1000.0);
    m_drain->setDecimals(1);
    m_drain->setSuffix(tr(" s"));
    m_sampleRate->setObjectName(QStringLiteral("sampleRate"));
    for (const int hertz : RunSettings::kSampleRates)
        m_sampleRate->addItem(tr("%1 per second").arg(hertz), 1000 / hertz);

    const RunSettings defaults;
    auto *form = new QFormLayout;
    form->addRow(tr("&Memory budget"), m_memory);
    form->addRow(QString(),
        smallPrint(tr("What a pipeline's rings and metrics may allocate. This machine's "
                      "default is half its memory: %1 MiB.")
                       .arg(QLocale().toString(mebibytes(defaults.budget.memoryBytes))),
            this));
    form->addRow(tr("&Thread budget"), m_threads);
    form->addRow(
        QString(), smallPrint(tr("Threads a pipeline may start (default %1).").arg(defaults.budget.threads), this));
    form->addRow(tr("&Drain timeout"), m_drain);
    form->addRow(QString(), smallPrint(tr("How long Stop lets the stages drain before it halts them."), this));
    form->addRow(tr("&Sample rate"), m_sampleRate);
    form->addRow(QString(), smallPrint(tr("How often a run is sampled, and the plots and canvas redrawn."), this));

    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        [this] { fill(RunSettings()); });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    fill(current);
}

void RunSettingsDialog::fill(const RunSettings &settings)
{
    m_shownBytes = settings.budget.memoryBytes;
    m_memory->setValue(mebibytes(settings.budget.memoryBytes));
    m_threads->setValue(static_cast<int>(settings.budget.threads));
    m_drain->setValue(static_cast<double>(settings.drainTimeout.count()) / 1000.0);
    m_sampleRate->setCurrentIndex(std::max(0, m_sampleRate->findData(settings.sampleIntervalMs)));
}

RunSettings RunSettingsDialog::settings() const
{
    RunSettings chosen;
    chosen.budget.memoryBytes = m_memory->value() == mebibytes(m_shownBytes)
        ? m_shownBytes
        : static_cast<std::uint64_t>(m_memory->value()) * RunSettings::kMiB;
    chosen.budget.threads = m_threads->value();
    chosen.drainTimeout = std::chrono::milliseconds(std::llround(m_drain->value() * 1000));
    chosen.sampleIntervalMs = m_sampleRate->currentData().toInt();
    return chosen;
}

} // namespace ringflow::ui
