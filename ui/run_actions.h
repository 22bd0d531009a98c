#pragma once

#include "run/run_settings.h"

#include <QList>
#include <QObject>

#include <cstddef>

class QAction;
class QLabel;
class QProgressBar;
class QStatusBar;
class QWidget;

namespace ringflow::pipeline {
struct Frame;
struct RunReport;
} // namespace ringflow::pipeline

namespace ringflow::ui {

class PipelineDocument;
class RunController;

/// Run (F5), Pause (F6) and Stop (Shift+F5), enabled by the run's phase, the sample rate and the
/// Run Settings dialog; and the run's state at the right of the status bar: the phase, the time
/// and the published rate while it runs, the drain's progress while it stops, the verdict after.
class RunActions : public QObject {
    Q_OBJECT
public:
    /// Adds its widgets to `statusBar`, permanently; `window` parents the settings dialog.
    RunActions(RunController *run, PipelineDocument *document, QStatusBar *statusBar, QWidget *window);

    /// Run, Pause and Stop, in menu order.
    QList<QAction *> actions() const;
    /// How often the running pipeline is sampled (2, 5, 10 or 20 per second), which is also how
    /// often plots and canvas redraw: exclusive, checkable.
    QList<QAction *> sampleRateActions() const { return m_sampleRates; }
    /// Opens the Run Settings dialog; what it accepts is applied and kept for the next session.
    QAction *settingsAction() const { return m_settingsAction; }

    /// The document compiles against the settings' budget, the controller drains and samples as
    /// they say. Not saved: that is for what the user chooses.
    void setSettings(const RunSettings &settings);
    const RunSettings &settings() const { return m_settings; }

private:
    void createActions();
    void createSampleRates();
    void updateEnabled();
    void showFrame(const pipeline::Frame &frame);
    void showDrain(qint64 pending, qint64 atStop);
    void showFinished(const pipeline::RunReport &report);
    void editSettings();

    RunController *m_run;
    PipelineDocument *m_document;
    QWidget *m_window;
    RunSettings m_settings;
    QAction *m_settingsAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stopAction = nullptr;
    QList<QAction *> m_sampleRates;
    QLabel *m_stateLabel;
    QProgressBar *m_drainProgress;
    std::size_t m_producers = 0; ///< of the running plan: the frames' first figures
};

} // namespace ringflow::ui
