#pragma once

#include "pipeline/metrics.h"
#include "pipeline/plan.h"
#include "pipeline/run_report.h"
#include "pipeline/runtime.h"
#include "pipeline/time_series.h"
#include "run/run_colors.h"

#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <thread>

class QTimer;

namespace ringflow::ui {

class CapacityEstimator;
class PipelineDocument;

/// Runs the document's pipeline from the designer. start() runs the document's plan on the
/// runtime's own threads; a timer on the GUI thread samples it (lock-free) and publishes a Frame
/// per tick. While a run is active the document's structure is locked, and edits of live
/// parameters (rate, cost, sleep) reach the running pipeline at once. stop() drains on a worker
/// thread, so the GUI never waits for the engine; finished() brings the report.
///
/// The run's plan is the runtime's copy of the document's plan at start(), the one copy besides
/// the document's: the document's changes with every live edit, and the run must keep the plan it
/// was built from. The controller keeps none after the run, since nothing needs it then: the report
/// and the history carry the run's figures.
class RunController : public QObject {
    Q_OBJECT
public:
    enum class Phase { Idle, Running, Paused, Stopping };
    Q_ENUM(Phase)

    static constexpr int kDefaultIntervalMs = 100;

    explicit RunController(PipelineDocument *document, QObject *parent = nullptr);
    /// Waits for a stop in progress; a run still going is halted (by the runtime's destructor).
    ~RunController() override;

    /// Starts the document's plan. False when the pipeline has errors (refused() lists them) or
    /// the runtime could not be built.
    bool start();
    void pause();
    void resume();
    /// Stops producers, drains within the drain timeout, then halts; returns at once.
    void stop();

    Phase phase() const { return m_phase; }
    /// Running, paused or stopping: the structure is locked.
    bool isActive() const { return m_phase != Phase::Idle; }

    void setSampleInterval(int milliseconds);
    int sampleInterval() const;
    void setDrainTimeout(std::chrono::milliseconds timeout) { m_drainTimeout = timeout; }
    std::chrono::milliseconds drainTimeout() const { return m_drainTimeout; }

    /// The colours and frames of the current or last run; no frames before the first run.
    const RunColors &colors() const { return m_colors; }
    const pipeline::TimeSeries &history() const { return m_history; }
    const std::optional<pipeline::RunReport> &lastReport() const { return m_report; }

    /// With an estimator, each run is predicted at its start and its report carries the prediction
    /// next to the measurement.
    void setCapacityEstimator(const CapacityEstimator *estimator) { m_estimator = estimator; }
    /// The capacity model's prediction for the current or last run's plan; nullopt without one.
    const std::optional<pipeline::CapacityPrediction> &prediction() const { return m_prediction; }

Q_SIGNALS:
    void phaseChanged(ringflow::ui::RunController::Phase phase);
    /// A run started: `first` names every series (its rates are zero). `plan` is the runtime's: it
    /// stays valid until finished() has been delivered.
    void started(const ringflow::pipeline::Plan &plan, const ringflow::ui::RunColors &colors,
        const ringflow::pipeline::Frame &first);
    void frameReady(const ringflow::pipeline::Frame &frame);
    /// While stopping: events still to drain (summed over consumers) and how many there were when
    /// the stop began.
    void drainProgress(qint64 pending, qint64 atStop);
    void finished(const ringflow::pipeline::RunReport &report);
    /// start() refused: the problems, one sentence each.
    void refused(const QStringList &problems);
    /// A sentence for the status bar.
    void message(const QString &text);

private:
    void tick();
    void setPhase(Phase phase);
    void applyLiveParameters(const QString &nodeId);
    void finishStop(const pipeline::RunReport &report);
    qint64 pendingEvents(const pipeline::Frame &frame) const;

    PipelineDocument *m_document;
    QTimer *m_timer;
    Phase m_phase = Phase::Idle;
    std::chrono::milliseconds m_drainTimeout {pipeline::kDefaultDrainTimeout};
    std::unique_ptr<pipeline::Runtime> m_runtime;
    RunColors m_colors;
    pipeline::MetricsSampler m_sampler;
    pipeline::TimeSeries m_history;
    std::optional<pipeline::RunReport> m_report;
    const CapacityEstimator *m_estimator = nullptr;
    std::optional<pipeline::CapacityPrediction> m_prediction;
    std::thread m_stopper;
    qint64 m_pendingAtStop = -1;
};

} // namespace ringflow::ui
