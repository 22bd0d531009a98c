#include "run/run_controller.h"

#include "document/pipeline_document.h"
#include "format/number_format.h"
#include "pipeline/kind_registry.h"
#include "pipeline/runtime.h"
#include "run/capacity_estimator.h"

#include <QTimer>

#include <algorithm>
#include <exception>

namespace ringflow::ui {

RunController::RunController(PipelineDocument *document, QObject *parent)
    : QObject(parent), m_document(document), m_timer(new QTimer(this))
{
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &RunController::tick);
    connect(m_document, &PipelineDocument::nodeChanged, this, &RunController::applyLiveParameters);
}

RunController::~RunController()
{
    // A stop always returns, within the drain timeout; a run still going is halted by the
    // runtime's own destructor.
    if (m_stopper.joinable())
        m_stopper.join();
}

bool RunController::start()
{
    if (m_phase != Phase::Idle)
        return false;
    const std::optional<pipeline::Plan> &plan = m_document->plan();
    if (!plan) {
        QStringList problems;
        for (const pipeline::Problem &problem : m_document->problems())
            if (problem.severity == pipeline::Severity::Error)
                problems.append(QString::fromStdString(pipeline::toString(problem)));
        Q_EMIT refused(problems);
        Q_EMIT message(
            tr("Cannot run: %n problem(s) to fix first (see Problems).", nullptr, static_cast<int>(problems.size())));
        return false;
    }
    try {
        m_runtime = std::make_unique<pipeline::Runtime>(*plan);
        m_runtime->start();
    } catch (const std::exception &error) {
        m_runtime.reset();
        const QString text = tr("Cannot run: %1").arg(QString::fromStdString(error.what()));
        Q_EMIT refused({text});
        Q_EMIT message(text);
        return false;
    }
    m_colors = runColors(m_runtime->plan());
    m_report.reset();
    m_prediction = m_estimator ? m_estimator->predict(m_runtime->plan()) : std::nullopt;
    m_history.restart(m_runtime->plan());
    m_sampler = pipeline::MetricsSampler();
    m_pendingAtStop = -1;
    m_document->setStructureLock(
        tr("The pipeline is running: stop it (Shift+F5) to change its structure. Rates and costs stay editable."));
    setPhase(Phase::Running);
    const pipeline::Frame first = m_sampler.update(m_runtime->sample());
    m_history.append(first);
    Q_EMIT started(m_runtime->plan(), m_colors, first);
    Q_EMIT message(
        tr("Running %1 on %n thread(s)", nullptr, m_runtime->plan().threadCount()).arg(m_document->displayName()));
    m_timer->start();
    return true;
}

void RunController::pause()
{
    if (m_phase != Phase::Running)
        return;
    m_runtime->pause();
    setPhase(Phase::Paused);
    Q_EMIT message(tr("Paused: producers hold, stages drain what is in flight."));
}

void RunController::resume()
{
    if (m_phase != Phase::Paused)
        return;
    m_runtime->resume();
    setPhase(Phase::Running);
    Q_EMIT message(tr("Resumed"));
}

void RunController::stop()
{
    if (m_phase != Phase::Running && m_phase != Phase::Paused)
        return;
    setPhase(Phase::Stopping);
    Q_EMIT message(tr("Stopping: draining the rings (at most %1 s)…").arg(m_drainTimeout.count() / 1000.0));
    // The drain can take up to the timeout: it runs beside the GUI, which keeps sampling the
    // runtime (lock-free) to show the progress. The report comes back as a queued call.
    pipeline::Runtime *runtime = m_runtime.get();
    const auto timeout = m_drainTimeout;
    m_stopper = std::thread([this, runtime, timeout] {
        pipeline::RunReport report = runtime->stop(timeout);
        QMetaObject::invokeMethod(
            this, [this, report = std::move(report)] { finishStop(report); }, Qt::QueuedConnection);
    });
}

void RunController::finishStop(const pipeline::RunReport &report)
{
    m_stopper.join();
    m_timer->stop();
    // The plan started() lent out is the runtime's: it lives until finished() has been delivered,
    // so that no listener holds a dangling plan meanwhile. A listener may start the next run.
    const std::unique_ptr<pipeline::Runtime> finishedRuntime = std::move(m_runtime);
    // The report the listeners get is a copy of its own: a listener may start the next run.
    pipeline::RunReport finalReport = report;
    if (m_prediction)
        pipeline::addPrediction(finalReport, *m_prediction);
    m_report = finalReport;
    m_document->setStructureLock({});
    setPhase(Phase::Idle);
    Q_EMIT message(report.ok
            ? tr("Run finished: %1, %2 events/s, conservation OK")
                  .arg(countOf(report.totalEvents, "event"), eventsPerSecondText(report.eventsPerSecond))
            : tr("Run finished with problems: %1").arg(QString::fromStdString(report.problems.front())));
    Q_EMIT finished(finalReport);
}

void RunController::setSampleInterval(int milliseconds)
{
    m_timer->setInterval(std::clamp(milliseconds, 20, 2000));
}

int RunController::sampleInterval() const
{
    return m_timer->interval();
}

void RunController::tick()
{
    if (!m_runtime)
        return;
    pipeline::Frame frame = m_sampler.update(m_runtime->sample());
    if (m_phase == Phase::Stopping) {
        const qint64 pending = pendingEvents(frame);
        m_pendingAtStop = std::max(m_pendingAtStop, pending);
        Q_EMIT drainProgress(pending, m_pendingAtStop);
    }
    m_history.append(frame);
    Q_EMIT frameReady(frame);
    if (m_phase != Phase::Running && m_phase != Phase::Paused)
        return;
    if (m_runtime->hasFailed()) {
        Q_EMIT message(tr("A stage halted on an error: stopping the run."));
        stop();
    } else if (m_runtime->producersFinished()) {
        stop(); // a bounded run published everything: drain it and report
    }
}

qint64 RunController::pendingEvents(const pipeline::Frame &frame) const
{
    qint64 pending = 0;
    // Frames list the producers first, then the consumers, whose backlogs are what is left to drain.
    for (std::size_t i = m_runtime->plan().producers.size(); i < frame.nodes.size(); ++i)
        pending += frame.nodes[i].backlog;
    return pending;
}

void RunController::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

void RunController::applyLiveParameters(const QString &nodeId)
{
    if (!m_runtime || (m_phase != Phase::Running && m_phase != Phase::Paused))
        return;
    // The registry says which parameters a running node reads live; the runtime takes them as is.
    const pipeline::Node *node = m_document->node(nodeId);
    const pipeline::KindSpec *kind = node ? pipeline::findKind(node->kind) : nullptr;
    if (!kind)
        return;
    for (const pipeline::LiveSetting &setting : pipeline::liveSettingsOf(*node, *kind))
        m_runtime->setParameter(node->id, setting.param, setting.value);
}

} // namespace ringflow::ui
