#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace ringflow::ui {

class CapacityEstimator;
class ExperimentChart;
class ExperimentForm;
class ExperimentRunner;
class ExperimentTable;
class PipelineDocument;
class RunController;

/// The Experiment panel: sweeps one or two parameters of the document's pipeline (the form), runs
/// the points on a worker thread with progress, time left and cancel, then shows a chart and a
/// table of the results and exports them (PNG, PDF, CSV, JSON). It lists the experiments kept in
/// the pipeline file and keeps the form's among them. An experiment and the designer's own run
/// never run at once. Run waits for `estimator`, whose measure of the machine the predictions use.
class ExperimentDock : public QWidget {
    Q_OBJECT
public:
    ExperimentDock(
        PipelineDocument *document, RunController *run, const CapacityEstimator *estimator, QWidget *parent = nullptr);

    ExperimentForm *form() const { return m_form; }
    ExperimentRunner *runner() const { return m_runner; }
    ExperimentChart *chart() const { return m_chart; }
    ExperimentTable *table() const { return m_table; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *messageLabel() const { return m_message; }
    QProgressBar *progressBar() const { return m_progress; }
    QComboBox *savedBox() const { return m_saved; }
    QComboBox *figureBox() const { return m_figure; }

    /// Runs the experiment named `name` kept in the pipeline, as choosing it under Saved and clicking
    /// Run does. Returns why it cannot start, or an empty string.
    QString runKept(const QString &name);
    /// Writes the last result by the path's suffix: .png or .pdf the chart, .csv or .json the data.
    /// Returns why not, or an empty string.
    QString exportTo(const QString &path);

Q_SIGNALS:
    /// An experiment started (true) or ended (false): the designer's Run waits for it.
    void busyChanged(bool busy);

private:
    QWidget *createControls();
    QWidget *createResults();
    void connectSignals();
    void updateEnabled();
    void runExperiment();
    void showProgress(int done, int total, double secondsLeft);
    void showFinished();
    void showResult();
    void refreshSaved();
    void keepExperiment();
    void chooseExport(const QString &format);

    PipelineDocument *m_document;
    RunController *m_designerRun;
    const CapacityEstimator *m_estimator;
    ExperimentRunner *m_runner;
    ExperimentForm *m_form;
    QComboBox *m_saved;
    QPushButton *m_keep;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_message = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_timeLeft = nullptr;
    QComboBox *m_figure = nullptr;
    QToolButton *m_export = nullptr;
    ExperimentChart *m_chart = nullptr;
    ExperimentTable *m_table = nullptr;
};

} // namespace ringflow::ui
