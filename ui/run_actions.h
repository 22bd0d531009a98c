#pragma once

#include <QList>
#include <QObject>

#include <cstddef>

class QAction;
class QLabel;
class QProgressBar;
class QStatusBar;

namespace ringflow::pipeline {
struct Frame;
struct RunReport;
} // namespace ringflow::pipeline

namespace ringflow::ui {

class RunController;

/// Run (F5), Pause (F6) and Stop (Shift+F5), enabled by the run's phase, and the sample rate; and
/// the run's state at the right of the status bar: the phase, the time and the published rate
/// while it runs, the drain's progress while it stops, the verdict after.
class RunActions : public QObject {
    Q_OBJECT
public:
    /// Adds its widgets to `statusBar`, permanently.
    RunActions(RunController *run, QStatusBar *statusBar, QObject *parent);

    /// Run, Pause and Stop, in menu order.
    QList<QAction *> actions() const;
    /// How often the running pipeline is sampled (2, 5, 10 or 20 per second), which is also how
    /// often plots and canvas redraw: exclusive, checkable.
    QList<QAction *> sampleRateActions() const { return m_sampleRates; }

private:
    void createActions();
    void createSampleRates();
    void updateEnabled();
    void showFrame(const pipeline::Frame &frame);
    void showDrain(qint64 pending, qint64 atStop);
    void showFinished(const pipeline::RunReport &report);

    RunController *m_run;
    QAction *m_runAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stopAction = nullptr;
    QList<QAction *> m_sampleRates;
    QLabel *m_stateLabel;
    QProgressBar *m_drainProgress;
    std::size_t m_producers = 0; ///< of the running plan: the frames' first figures
};

} // namespace ringflow::ui
