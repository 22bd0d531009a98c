#include "run_actions.h"

#include "app_theme.h"
#include "document/pipeline_document.h"
#include "format/number_format.h"
#include "named_action.h"
#include "run/run_controller.h"
#include "run/run_settings_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QStyle>

namespace ringflow::ui {

RunActions::RunActions(RunController *run, PipelineDocument *document, QStatusBar *statusBar, QWidget *window)
    : QObject(window),
      m_run(run),
      m_document(document),
      m_window(window),
      m_stateLabel(new QLabel(statusBar)),
      m_drainProgress(new QProgressBar(statusBar))
{
    createActions();
    createSampleRates();
    m_stateLabel->setObjectName(QStringLiteral("runStateLabel"));
    // Wide enough for any figure it shows: a label that resizes as its text changes lays the whole
    // window out again, ten times a second during a run.
    m_stateLabel->setMinimumWidth(
        m_stateLabel->fontMetrics().horizontalAdvance(QStringLiteral("Stopping · 00000.0 s · 000,000,000 events/s")));
    m_drainProgress->setObjectName(QStringLiteral("drainProgress"));
    m_drainProgress->setMaximumWidth(180);
    m_drainProgress->setFormat(tr("draining %p%"));
    m_drainProgress->setVisible(false);
    statusBar->addPermanentWidget(m_drainProgress);
    statusBar->addPermanentWidget(m_stateLabel);

    connect(m_run, &RunController::phaseChanged, this, &RunActions::updateEnabled);
    connect(m_run, &RunController::started, this,
        [this](const pipeline::Plan &plan, const RunColors &, const pipeline::Frame &) {
            m_producers = plan.producers.size();
        });
    connect(m_run, &RunController::frameReady, this, &RunActions::showFrame);
    connect(m_run, &RunController::drainProgress, this, &RunActions::showDrain);
    connect(m_run, &RunController::finished, this, &RunActions::showFinished);
    updateEnabled();
}

void RunActions::createActions()
{
    m_runAction = namedAction(this, QStringLiteral("actionRun"), tr("&Run"), {QKeySequence(Qt::Key_F5)});
    setInkedIcon(m_runAction, QStyle::SP_MediaPlay);
    m_runAction->setStatusTip(tr("Compile the pipeline and run it on real threads, with live figures"));
    m_pauseAction = namedAction(this, QStringLiteral("actionPause"), tr("&Pause"), {QKeySequence(Qt::Key_F6)});
    setInkedIcon(m_pauseAction, QStyle::SP_MediaPause);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setStatusTip(tr("Hold the producers; the stages drain what is in flight"));
    m_stopAction = namedAction(this, QStringLiteral("actionStop"), tr("&Stop"), {QKeySequence(Qt::SHIFT | Qt::Key_F5)});
    setInkedIcon(m_stopAction, QStyle::SP_MediaStop);
    m_stopAction->setStatusTip(tr("Stop the producers, drain the rings, then show the run's report"));
    connect(m_runAction, &QAction::triggered, m_run, &RunController::start);
    connect(m_pauseAction, &QAction::triggered, this, [this](bool paused) {
        if (paused)
            m_run->pause();
        else
            m_run->resume();
    });
    connect(m_stopAction, &QAction::triggered, m_run, &RunController::stop);
    m_settingsAction = namedAction(this, QStringLiteral("actionRunSettings"), tr("Run &Settings…"), {});
    m_settingsAction->setStatusTip(tr("Memory and thread budgets, drain timeout and sample rate"));
    connect(m_settingsAction, &QAction::triggered, this, &RunActions::editSettings);
}

void RunActions::createSampleRates()
{
    auto *rates = new QActionGroup(this);
    for (const int hertz : RunSettings::kSampleRates) {
        auto *choice = new QAction(tr("%1 per second").arg(hertz), rates);
        choice->setCheckable(true);
        choice->setData(1000 / hertz);
        connect(choice, &QAction::triggered, this, [this, hertz] {
            RunSettings chosen = m_settings;
            chosen.sampleIntervalMs = 1000 / hertz;
            setSettings(chosen);
            chosen.save();
        });
        m_sampleRates.append(choice);
    }
    setSettings(m_settings);
}

void RunActions::setSettings(const RunSettings &settings)
{
    m_settings = settings;
    m_document->setBudget(settings.budget);
    m_run->setDrainTimeout(settings.drainTimeout);
    m_run->setSampleInterval(settings.sampleIntervalMs);
    for (QAction *choice : m_sampleRates)
        choice->setChecked(choice->data().toInt() == settings.sampleIntervalMs);
}

void RunActions::editSettings()
{
    RunSettingsDialog dialog(m_settings, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const RunSettings chosen = dialog.settings();
    setSettings(chosen);
    chosen.save();
}

QList<QAction *> RunActions::actions() const
{
    return {m_runAction, m_pauseAction, m_stopAction};
}

void RunActions::updateEnabled()
{
    const RunController::Phase phase = m_run->phase();
    const bool going = phase == RunController::Phase::Running || phase == RunController::Phase::Paused;
    m_runAction->setEnabled(phase == RunController::Phase::Idle);
    m_pauseAction->setEnabled(going);
    m_pauseAction->setChecked(phase == RunController::Phase::Paused);
    m_pauseAction->setText(phase == RunController::Phase::Paused ? tr("Resume") : tr("&Pause"));
    m_stopAction->setEnabled(going);
}

void RunActions::showFrame(const pipeline::Frame &frame)
{
    // Frames list the run's producers first.
    double published = 0;
    for (std::size_t i = 0; i < m_producers && i < frame.nodes.size(); ++i)
        published += frame.nodes[i].eventsPerSecond;
    const QString phase = m_run->phase() == RunController::Phase::Paused ? tr("Paused")
        : m_run->phase() == RunController::Phase::Stopping               ? tr("Stopping")
                                                                         : tr("Running");
    m_stateLabel->setText(
        tr("%1 · %2 · %3 events/s").arg(phase, secondsText(frame.seconds, 1), eventsPerSecondText(published)));
}

void RunActions::showDrain(qint64 pending, qint64 atStop)
{
    m_drainProgress->setVisible(true);
    m_drainProgress->setRange(0, 1000);
    m_drainProgress->setValue(atStop > 0 ? static_cast<int>(1000 - pending * 1000 / atStop) : 1000);
}

void RunActions::showFinished(const pipeline::RunReport &report)
{
    m_drainProgress->setVisible(false);
    m_stateLabel->setText(report.ok ? tr("Last run: OK") : tr("Last run: FAILED"));
}

} // namespace ringflow::ui
