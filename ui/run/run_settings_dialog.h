#pragma once

#include "run/run_settings.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace ringflow::ui {

/// Pipeline > Run Settings: the memory and thread budgets, the drain timeout and the sample rate,
/// with what this machine has beside them, and a way back to the defaults.
class RunSettingsDialog : public QDialog {
    Q_OBJECT
public:
    RunSettingsDialog(const RunSettings &current, QWidget *parent = nullptr);

    /// What the fields say now.
    RunSettings settings() const;

    QSpinBox *memoryField() const { return m_memory; }
    QSpinBox *threadsField() const { return m_threads; }
    QDoubleSpinBox *drainField() const { return m_drain; }
    QComboBox *sampleRateField() const { return m_sampleRate; }

private:
    void fill(const RunSettings &settings);

    QSpinBox *m_memory;
    QSpinBox *m_threads;
    QDoubleSpinBox *m_drain;
    QComboBox *m_sampleRate;
    /// The budget the fields started from, kept to the byte while the MiB field shows it.
    std::uint64_t m_shownBytes = 0;
};

} // namespace ringflow::ui
