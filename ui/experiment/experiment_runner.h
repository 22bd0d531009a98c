#pragma once

#include "pipeline/pipeline_spec.h"
#include "pipeline/sweep_runner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <thread>

namespace ringflow::ui {

class CapacityEstimator;

/// Runs an experiment (runSweep()) on a worker thread, so the designer stays responsive: progress
/// and the end arrive as signals on the GUI thread. One experiment at a time. The model's
/// predictions use the window's estimator: the machine is measured once, on its thread, never here.
class ExperimentRunner : public QObject {
    Q_OBJECT
public:
    explicit ExperimentRunner(const CapacityEstimator *estimator, QObject *parent = nullptr);
    /// Cancels a running experiment and waits for its current run to end.
    ~ExperimentRunner() override;

    /// Compiles every point of `experiment` on `spec` (with the model's prediction), then starts the
    /// runs. Returns the problems when it cannot start (the estimator not ready yet; an axis the
    /// pipeline refuses, with the message `ringflow-run --sweep` prints; a point that does not
    /// compile); empty when started.
    QStringList start(const pipeline::PipelineSpec &spec, const pipeline::ExperimentSpec &experiment);
    /// Stops after the run in progress; the finished runs are kept.
    void cancel();
    bool isRunning() const { return m_worker.joinable(); }

    /// The last experiment's result: complete after finished().
    const pipeline::SweepResult &result() const { return m_result; }

    /// Every axis of `experiment` read against `spec`, or the first refusal in parseSweepAxis()'s words.
    static std::variant<std::vector<pipeline::SweepAxis>, QString> axesOf(
        const pipeline::PipelineSpec &spec, const pipeline::ExperimentSpec &experiment);

Q_SIGNALS:
    void runningChanged(bool running);
    /// After each run: runs done, runs in all, and the seconds the rest will take at the pace so far.
    void progress(int done, int total, double secondsLeft);
    void finished();

private:
    void reportProgress(std::size_t done, std::size_t total);
    void finish();

    const CapacityEstimator *m_estimator;
    pipeline::SweepResult m_result; ///< written by the worker only while it runs
    std::atomic<bool> m_cancel {false};
    std::thread m_worker;
    QElapsedTimer m_clock;
};

} // namespace ringflow::ui
