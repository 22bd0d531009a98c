#include "experiment_dock.h"

#include "document/pipeline_document.h"
#include "experiment_chart.h"
#include "experiment_export.h"
#include "experiment_form.h"
#include "experiment_runner.h"
#include "experiment_table.h"
#include "experiments_command.h"
#include "format/number_format.h"
#include "run/capacity_estimator.h"
#include "run/run_controller.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace ringflow::ui {

ExperimentDock::ExperimentDock(
    PipelineDocument *document, RunController *run, const CapacityEstimator *estimator, QWidget *parent)
    : QWidget(parent),
      m_document(document),
      m_designerRun(run),
      m_estimator(estimator),
      m_runner(new ExperimentRunner(estimator, this)),
      m_form(new ExperimentForm(this)),
      m_saved(new QComboBox(this)),
      m_keep(new QPushButton(tr("Keep in Pipeline"), this))
{
    setObjectName(QStringLiteral("experimentPanel"));
    // Side by side: the panel shares the wide, low bottom of the window with the live plots.
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createControls());
    splitter->addWidget(createResults());
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);
    connectSignals();
    m_form->setSpec(m_document->spec());
    refreshSaved();
    updateEnabled();
}

QWidget *ExperimentDock::createControls()
{
    auto *controls = new QWidget(this);
    m_saved->setObjectName(QStringLiteral("savedExperiments"));
    m_saved->setToolTip(tr("The experiments kept in the pipeline file: choose one to run it again"));
    m_keep->setObjectName(QStringLiteral("keepExperiment"));
    m_keep->setToolTip(tr("Keep this experiment in the pipeline; saving the file saves it"));
    m_run = new QPushButton(tr("Run"), controls);
    m_run->setObjectName(QStringLiteral("runExperiment"));
    m_cancel = new QPushButton(tr("Cancel"), controls);
    m_cancel->setObjectName(QStringLiteral("cancelExperiment"));
    m_cancel->setToolTip(tr("Stop after the run in progress; the points measured so far are kept"));
    m_message = new QLabel(controls);
    m_message->setObjectName(QStringLiteral("experimentMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(controls);
    m_progress->setObjectName(QStringLiteral("experimentProgress"));
    m_progress->setFormat(tr("%v of %m runs"));
    m_progress->setValue(0);
    m_timeLeft = new QLabel(controls);
    m_timeLeft->setObjectName(QStringLiteral("experimentTimeLeft"));
    auto *saved = new QHBoxLayout;
    saved->addWidget(new QLabel(tr("Saved"), controls));
    saved->addWidget(m_saved, 1);
    saved->addWidget(m_keep);
    auto *running = new QHBoxLayout;
    running->addWidget(m_run);
    running->addWidget(m_cancel);
    running->addWidget(m_progress, 1);
    running->addWidget(m_timeLeft);
    auto *layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(saved);
    layout->addWidget(m_form);
    layout->addLayout(running);
    layout->addWidget(m_message);
    return controls;
}

QWidget *ExperimentDock::createResults()
{
    auto *results = new QWidget(this);
    m_figure = new QComboBox(results);
    m_figure->setObjectName(QStringLiteral("experimentFigure"));
    for (ExperimentFigure figure :
        {ExperimentFigure::Throughput, ExperimentFigure::CpuSeconds, ExperimentFigure::LatencyP99})
        m_figure->addItem(figureTitle(figure), static_cast<int>(figure));
    m_export = new QToolButton(results);
    m_export->setObjectName(QStringLiteral("exportExperiment"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_export);
    for (const QString &format :
        {QStringLiteral("PNG"), QStringLiteral("PDF"), QStringLiteral("CSV"), QStringLiteral("JSON")})
        connect(menu->addAction(tr("%1…").arg(format)), &QAction::triggered, this,
            [this, format] { chooseExport(format); });
    m_export->setMenu(menu);
    m_chart = new ExperimentChart(results);
    m_table = new ExperimentTable(results);
    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Chart"), results));
    header->addWidget(m_figure, 1);
    header->addWidget(m_export);
    auto *split = new QSplitter(Qt::Vertical, results);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->setStretchFactor(0, 2);
    auto *layout = new QVBoxLayout(results);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(split, 1);
    return results;
}

void ExperimentDock::connectSignals()
{
    connect(m_run, &QPushButton::clicked, this, &ExperimentDock::runExperiment);
    connect(m_cancel, &QPushButton::clicked, m_runner, &ExperimentRunner::cancel);
    connect(m_keep, &QPushButton::clicked, this, &ExperimentDock::keepExperiment);
    connect(m_runner, &ExperimentRunner::progress, this, &ExperimentDock::showProgress);
    connect(m_runner, &ExperimentRunner::finished, this, &ExperimentDock::showFinished);
    connect(m_runner, &ExperimentRunner::runningChanged, this, [this](bool running) {
        updateEnabled();
        Q_EMIT busyChanged(running);
    });
    connect(m_figure, &QComboBox::currentIndexChanged, this, &ExperimentDock::showResult);
    connect(m_designerRun, &RunController::phaseChanged, this, &ExperimentDock::updateEnabled);
    connect(m_estimator, &CapacityEstimator::ready, this, &ExperimentDock::updateEnabled);
    connect(m_document, &PipelineDocument::edited, this, [this] { m_form->setSpec(m_document->spec()); });
    connect(m_document, &PipelineDocument::experimentsChanged, this, &ExperimentDock::refreshSaved);
    connect(m_document, &PipelineDocument::specReset, this, &ExperimentDock::refreshSaved);
    connect(m_saved, &QComboBox::activated, this, [this](int index) {
        const auto &experiments = m_document->spec().experiments;
        if (index >= 0 && index < static_cast<int>(experiments.size()))
            m_form->setExperiment(experiments[static_cast<std::size_t>(index)]);
    });
}

void ExperimentDock::updateEnabled()
{
    const bool running = m_runner->isRunning();
    const bool designerRunning = m_designerRun->isActive();
    const bool measured = m_estimator->isReady();
    m_run->setEnabled(!running && !designerRunning && measured);
    m_run->setToolTip(designerRunning ? tr("The pipeline is running: stop it to run an experiment")
            : measured                ? tr("Run every point of the experiment")
                                      : tr("Measuring this machine for the model's predictions (about a second)"));
    m_cancel->setEnabled(running);
    m_form->setEnabled(!running);
    m_saved->setEnabled(!running && m_saved->count() > 0);
    m_keep->setEnabled(!running);
    m_export->setEnabled(!running && !m_runner->result().points.empty());
}

void ExperimentDock::runExperiment()
{
    m_message->clear();
    m_timeLeft->clear();
    const QStringList problems = m_runner->start(m_document->spec(), m_form->experiment());
    if (!problems.isEmpty())
        m_message->setText(problems.join(QLatin1Char('\n')));
}

QString ExperimentDock::runKept(const QString &name)
{
    const int index = m_saved->findText(name);
    if (index < 0)
        return tr("no experiment named \"%1\" is kept in this pipeline").arg(name);
    m_saved->setCurrentIndex(index);
    m_form->setExperiment(m_document->spec().experiments[static_cast<std::size_t>(index)]);
    runExperiment();
    return m_runner->isRunning() ? QString() : m_message->text();
}

void ExperimentDock::showProgress(int done, int total, double secondsLeft)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_timeLeft->setText(secondsLeft < 0 ? QString() : tr("about %1 left").arg(secondsText(secondsLeft, 0)));
}

void ExperimentDock::showFinished()
{
    const pipeline::SweepResult &result = m_runner->result();
    const auto measured = std::count_if(
        result.points.begin(), result.points.end(), [](const auto &point) { return !point.runs.empty(); });
    m_timeLeft->clear();
    m_message->setText(result.cancelled
            ? tr("Cancelled: %1 of %2 points measured.").arg(measured).arg(result.points.size())
            : tr("Done: %1 points, %2.")
                  .arg(result.points.size())
                  .arg(result.ok() ? tr("every run kept every event") : tr("some runs FAILED")));
    showResult();
    updateEnabled();
}

void ExperimentDock::showResult()
{
    const auto figure = static_cast<ExperimentFigure>(m_figure->currentData().toInt());
    m_chart->showResult(m_runner->result(), figure);
    m_table->showResult(m_runner->result());
}

void ExperimentDock::refreshSaved()
{
    m_saved->clear();
    for (const pipeline::ExperimentSpec &experiment : m_document->spec().experiments)
        m_saved->addItem(QString::fromStdString(experiment.name));
    m_saved->setPlaceholderText(tr("none in this pipeline"));
    m_saved->setCurrentIndex(-1);
    updateEnabled();
}

void ExperimentDock::keepExperiment()
{
    pipeline::ExperimentSpec experiment = m_form->experiment();
    if (experiment.name.empty())
        experiment.name = experiment.axes.front().param;
    std::vector<pipeline::ExperimentSpec> experiments = m_document->spec().experiments;
    const auto same = std::find_if(experiments.begin(), experiments.end(),
        [&](const pipeline::ExperimentSpec &kept) { return kept.name == experiment.name; });
    if (same != experiments.end())
        *same = experiment;
    else
        experiments.push_back(experiment);
    m_document->undoStack()->push(new SetExperimentsCommand(
        m_document, std::move(experiments), tr("Keep experiment %1").arg(QString::fromStdString(experiment.name))));
    m_saved->setCurrentIndex(m_saved->findText(QString::fromStdString(experiment.name)));
}

void ExperimentDock::chooseExport(const QString &format)
{
    const QString suffix = format.toLower();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Experiment as %1").arg(format),
        QStringLiteral("experiment.") + suffix, tr("%1 files (*.%2)").arg(format, suffix));
    if (path.isEmpty())
        return;
    const QString error = exportTo(path);
    m_message->setText(error.isEmpty() ? tr("Exported %1.").arg(path) : error);
}

QString ExperimentDock::exportTo(const QString &path)
{
    const pipeline::SweepResult &result = m_runner->result();
    if (result.points.empty())
        return tr("Nothing to export: run the experiment first.");
    if (path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive)
        || path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        return exportExperimentChart(m_chart, path);
    return exportExperimentData(result, path);
}

} // namespace ringflow::ui
