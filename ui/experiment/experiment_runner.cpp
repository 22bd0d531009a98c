#include "experiment_runner.h"

#include "pipeline/capacity_calibration.h"
#include "pipeline/param_text.h"
#include "run/capacity_estimator.h"

#include <QMetaObject>

namespace ringflow::ui {

ExperimentRunner::ExperimentRunner(const CapacityEstimator *estimator, QObject *parent)
    : QObject(parent), m_estimator(estimator)
{
}

ExperimentRunner::~ExperimentRunner()
{
    m_cancel.store(true, std::memory_order_relaxed);
    if (m_worker.joinable())
        m_worker.join();
}

std::variant<std::vector<pipeline::SweepAxis>, QString> ExperimentRunner::axesOf(
    const pipeline::PipelineSpec &spec, const pipeline::ExperimentSpec &experiment)
{
    std::vector<pipeline::SweepAxis> axes;
    for (const pipeline::ExperimentAxisText &text : experiment.axes) {
        auto axis = pipeline::parseSweepAxis(spec, text.sweepText());
        if (const auto *error = std::get_if<std::string>(&axis))
            return QString::fromStdString(*error);
        axes.push_back(std::get<pipeline::SweepAxis>(std::move(axis)));
    }
    return axes;
}

QStringList ExperimentRunner::start(const pipeline::PipelineSpec &spec, const pipeline::ExperimentSpec &experiment)
{
    if (isRunning())
        return {tr("An experiment is already running.")};
    const std::optional<CapacityEstimator::Machine> &machine = m_estimator->machine();
    if (!machine)
        return {tr("This machine is still being measured for the model's predictions: start again in a moment.")};
    // As ringflow-run's --duration: a run length lifts the producers' own event counts.
    pipeline::PipelineSpec limited = spec;
    if (experiment.durationSeconds > 0)
        pipeline::limitProducers(limited, std::nullopt, experiment.durationSeconds);
    auto axes = axesOf(limited, experiment);
    if (const QString *error = std::get_if<QString>(&axes))
        return {*error};
    auto prepared = pipeline::prepareSweep(limited, std::get<std::vector<pipeline::SweepAxis>>(axes),
        pipeline::ResourceBudget::forThisMachine(), machine->constants, machine->cores, machine->coreShare);
    if (const auto *problems = std::get_if<std::vector<std::string>>(&prepared)) {
        QStringList list;
        for (const std::string &problem : *problems)
            list.append(QString::fromStdString(problem));
        return list;
    }
    m_result = std::get<pipeline::SweepResult>(std::move(prepared));
    m_cancel.store(false, std::memory_order_relaxed);
    m_clock.start();
    const pipeline::SweepSettings settings {
        experiment.repeat, experiment.durationSeconds, pipeline::kDefaultDrainTimeout};
    // The worker alone touches m_result until finish() has joined it.
    m_worker = std::thread([this, settings] {
        pipeline::runSweep(
            m_result, settings, [this](std::size_t done, std::size_t total) { reportProgress(done, total); },
            &m_cancel);
        QMetaObject::invokeMethod(this, &ExperimentRunner::finish, Qt::QueuedConnection);
    });
    Q_EMIT runningChanged(true);
    Q_EMIT progress(0, static_cast<int>(m_result.points.size()) * experiment.repeat, -1);
    return {};
}

void ExperimentRunner::cancel()
{
    // Relaxed: runSweep only polls the flag; nothing else is published through it.
    m_cancel.store(true, std::memory_order_relaxed);
}

void ExperimentRunner::reportProgress(std::size_t done, std::size_t total)
{
    // On the worker: the GUI thread hears of it through its event loop.
    const double elapsed = static_cast<double>(m_clock.elapsed()) / 1000.0;
    const double left = done == 0 ? -1 : elapsed / static_cast<double>(done) * static_cast<double>(total - done);
    QMetaObject::invokeMethod(
        this, [this, done, total, left] { Q_EMIT progress(static_cast<int>(done), static_cast<int>(total), left); },
        Qt::QueuedConnection);
}

void ExperimentRunner::finish()
{
    m_worker.join();
    Q_EMIT runningChanged(false);
    Q_EMIT finished();
}

} // namespace ringflow::ui
