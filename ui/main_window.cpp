#include "main_window.h"

#include "arrange_actions.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "canvas/prediction_overlay.h"
#include "canvas/run_overlay.h"
#include "canvas_actions.h"
#include "document/pipeline_document.h"
#include "edit_actions.h"
#include "experiment/experiment_dock.h"
#include "export_actions.h"
#include "file_actions.h"
#include "format/number_format.h"
#include "help_actions.h"
#include "named_action.h"
#include "panels/palette_widget.h"
#include "panels/plan_panel.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "panels/run_summary_panel.h"
#include "plots/plot_panel.h"
#include "run/capacity_estimator.h"
#include "run/run_controller.h"
#include "run_actions.h"
#include "status_line.h"
#include "view_actions.h"
#include "window_settings.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QGraphicsItem>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

namespace ringflow::ui {

namespace {

// The canvas's figures change about three times a second, which eyes can follow; the plots move
// at the full sample rate.
constexpr int kCanvasFigureIntervalMs = 300;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_document(new PipelineDocument(this)),
      m_scene(new PipelineScene(m_document, this)),
      m_view(new PipelineView(m_scene, this)),
      m_palette(new PaletteWidget(this)),
      m_properties(new PropertyEditor(m_document, this)),
      m_problems(new ProblemsPanel(m_document, this)),
      m_plan(new PlanPanel(m_document, this)),
      m_bottomTabs(new QTabWidget(this)),
      m_files(new FileActions(m_document, this)),
      m_edits(new EditActions(m_document, m_scene, m_view, this)),
      m_canvas(new CanvasActions(m_document, m_scene, m_view, this)),
      m_arrange(new ArrangeActions(m_scene, m_view, this)),
      m_viewActions(new ViewActions(m_view, m_scene, this)),
      m_run(new RunController(m_document, this)),
      m_plots(new PlotPanel(this)),
      m_overlay(new RunOverlay(m_scene, this)),
      m_estimator(new CapacityEstimator(this)),
      m_predictions(new PredictionOverlay(m_document, m_scene, m_estimator, this)),
      m_summary(new RunSummaryPanel(this)),
      m_exports(new ExportActions(m_document, m_scene, m_plots, m_run, this)),
      m_help(new HelpActions(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/ringflow.svg")));
    m_view->setObjectName(QStringLiteral("pipelineView"));
    setCentralWidget(m_view);
    m_overlay->setMinimumInterval(kCanvasFigureIntervalMs);
    m_run->setCapacityEstimator(m_estimator);
    resize(1400, 860);
    createDocks();
    createStatusBar();
    createActions();
    createMenus();
    createToolBars();
    createContextMenu();
    connectPanels();
    connectRun();
    m_defaultState = saveState();
    updateTitle();
    updateProblemsTab();
}

MainWindow::~MainWindow()
{
    // The undo stack signals as the document, a child, is destroyed: not to half-gone actions.
    m_document->undoStack()->disconnect(m_edits);
}

void MainWindow::createStatusBar()
{
    // The message on the left, the run's state, then the zoom at the far right.
    m_statusLine = new StatusLine(statusBar());
    m_runActions = new RunActions(m_run, m_document, statusBar(), this);
    m_zoomLabel = new QLabel(percentText(1), this);
    statusBar()->addPermanentWidget(m_zoomLabel);
}

void MainWindow::createActions()
{
    QStyle *style = QApplication::style();
    m_files->newAction()->setIcon(style->standardIcon(QStyle::SP_FileIcon));
    m_files->openAction()->setIcon(style->standardIcon(QStyle::SP_DialogOpenButton));
    m_files->saveAction()->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
    m_quit = namedAction(this, QStringLiteral("actionQuit"), tr("&Quit"), {QKeySequence(Qt::CTRL | Qt::Key_Q)});
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_autoLayout = namedAction(
        this, QStringLiteral("actionAutoLayout"), tr("Auto &Layout"), {QKeySequence(Qt::CTRL | Qt::Key_L)});
    m_autoLayout->setStatusTip(tr("Arrange the nodes left to right by dependency"));
    connect(m_autoLayout, &QAction::triggered, this, [this] {
        m_scene->layoutAll();
        m_view->fitToView();
    });
    m_resetLayout = namedAction(this, QStringLiteral("actionResetLayout"), tr("&Reset Panels"), {});
    m_resetLayout->setStatusTip(tr("Show every panel where a first start has it"));
    connect(m_resetLayout, &QAction::triggered, this, &MainWindow::resetLayout);
    m_showExperiment = namedAction(
        this, QStringLiteral("actionExperiment"), tr("&Experiment…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)});
    m_showExperiment->setStatusTip(tr("Sweep parameters of the pipeline and chart what they cost"));
    connect(m_showExperiment, &QAction::triggered, this, [this] {
        QDockWidget *experiment = findChild<QDockWidget *>(QStringLiteral("experimentDock"));
        experiment->show();
        experiment->raise();
        // Its form, chart and table want more height than the plots: the bottom docks grow to
        // under half the window (never shrink) while it shows.
        resizeDocks({experiment}, {std::max(experiment->height(), height() * 9 / 20)}, Qt::Vertical);
    });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_files->newAction(), m_files->openAction()});
    file->addMenu(m_files->recentMenu());
    file->addMenu(m_files->examplesMenu());
    file->addSeparator();
    file->addActions({m_files->saveAction(), m_files->saveAsAction()});
    file->addMenu(m_exports->menu());
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_edits->undoAction(), m_edits->redoAction()});
    edit->addSeparator();
    edit->addActions(m_edits->selectionActions());
    edit->addSeparator();
    edit->addActions({m_edits->selectAllAction(), m_canvas->quickAddAction(), m_canvas->findAction()});
    edit->addSeparator();
    edit->addAction(m_canvas->addNoteAction());
    edit->addMenu(m_arrange->menu());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_viewActions->zoomInAction(), m_viewActions->zoomOutAction(), m_viewActions->resetZoomAction(),
        m_viewActions->fitAction()});
    view->addSeparator();
    view->addActions({m_viewActions->snapAction(), m_predictions->toggleAction()});
    view->addSeparator();
    view->addAction(m_showExperiment);
    QMenu *panels = view->addMenu(tr("&Panels"));
    panels->setObjectName(QStringLiteral("menuPanels"));
    for (QDockWidget *panel : findChildren<QDockWidget *>())
        panels->addAction(panel->toggleViewAction());
    panels->addSeparator();
    panels->addAction(m_resetLayout);
    QMenu *themes = view->addMenu(tr("&Theme"));
    themes->setObjectName(QStringLiteral("menuTheme"));
    themes->addActions(m_viewActions->themeActions());

    QMenu *pipeline = menuBar()->addMenu(tr("&Pipeline"));
    pipeline->addAction(m_autoLayout);
    pipeline->addSeparator();
    pipeline->addActions(m_runActions->actions());
    QMenu *rate = pipeline->addMenu(tr("Sample &Rate"));
    rate->setObjectName(QStringLiteral("menuSampleRate"));
    rate->addActions(m_runActions->sampleRateActions());
    pipeline->addAction(m_runActions->settingsAction());

    menuBar()->addMenu(m_help->menu());
}

void MainWindow::createToolBars()
{
    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setIconSize(QSize(18, 18));
    // Icons with their names beside them where it helps most; what does not fit goes into the tool
    // bar's » menu at the right.
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_files->newAction(), m_files->openAction(), m_files->saveAction()});
    tools->addSeparator();
    tools->addActions(m_runActions->actions());
    tools->addSeparator();
    tools->addActions({m_edits->undoAction(), m_edits->redoAction(), m_edits->deleteAction()});
    tools->addSeparator();
    tools->addActions({m_viewActions->zoomInAction(), m_viewActions->zoomOutAction(), m_viewActions->fitAction()});
    tools->addSeparator();
    tools->addActions({m_autoLayout, m_viewActions->snapAction()});
}

void MainWindow::createContextMenu()
{
    // Right-clicking a node or wire that is not selected selects it first, so that the menu acts
    // on what is under the mouse; right-clicking empty canvas adds a node or a note there.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](QPoint pos) {
        QGraphicsItem *item = m_view->itemAt(pos);
        while (item && !(item->flags() & QGraphicsItem::ItemIsSelectable))
            item = item->parentItem();
        if (!item) {
            m_canvas->openQuickAdd(pos);
            return;
        }
        if (!item->isSelected()) {
            m_scene->clearSelection();
            item->setSelected(true);
        }
        QMenu menu(this);
        menu.addActions(m_edits->selectionActions());
        menu.addMenu(m_arrange->menu());
        menu.addSeparator();
        menu.addActions({m_edits->selectAllAction(), m_autoLayout, m_viewActions->fitAction()});
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
}

void MainWindow::connectPanels()
{
    connect(m_scene, &PipelineScene::message, this, &MainWindow::showStatus);
    connect(m_properties, &PropertyEditor::message, this, &MainWindow::showStatus);
    connect(m_files, &FileActions::message, this, &MainWindow::showStatus);
    connect(m_edits, &EditActions::message, this, &MainWindow::showStatus);
    connect(m_canvas, &CanvasActions::message, this, &MainWindow::showStatus);
    connect(m_exports, &ExportActions::message, this, &MainWindow::showStatus);
    connect(m_document, &PipelineDocument::editRefused, this, &MainWindow::showStatus);
    connect(m_document, &PipelineDocument::structureLockChanged, m_palette,
        [this](bool locked) { m_palette->setEnabled(!locked); });
    connect(m_document, &PipelineDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &PipelineDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &PipelineDocument::edited, this, &MainWindow::updateTitle);
    connect(m_files, &FileActions::documentReplaced, this, [this] {
        m_view->fitToView();
        // Once more after the layout settles: a window being shown has no final size yet.
        QTimer::singleShot(0, m_view, &PipelineView::fitToView);
    });
    connect(m_view, &PipelineView::zoomChanged, this, [this](qreal zoom) { m_zoomLabel->setText(percentText(zoom)); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this,
        [this] { m_properties->showSelection(m_scene->selectedNodeIds()); });
    connect(m_palette, &PaletteWidget::kindActivated, this, &MainWindow::addNodeAtCenter);
    connect(m_problems, &ProblemsPanel::nodeRequested, this, &MainWindow::showNode);
    connect(m_problems, &ProblemsPanel::countsChanged, this, &MainWindow::updateProblemsTab);
}

void MainWindow::connectRun()
{
    connect(m_run, &RunController::message, this, &MainWindow::showStatus);
    // An experiment measures the machine: the designer's own run (Run is the first action) waits.
    connect(m_experiments, &ExperimentDock::busyChanged, this,
        [this](bool busy) { m_runActions->actions().constFirst()->setEnabled(!busy); });
    connect(m_run, &RunController::refused, this, [this](const QStringList &) {
        // The problems panel already lists them: bring it forward.
        m_bottomTabs->setCurrentWidget(m_problems);
        if (QDockWidget *output = findChild<QDockWidget *>(QStringLiteral("outputDock")))
            output->show();
    });
    connect(m_run, &RunController::started, this,
        [this](const pipeline::Plan &plan, const RunColors &colors, const pipeline::Frame &first) {
            m_overlay->begin(plan, colors, m_run->prediction());
            m_plots->beginRun(plan, colors, first);
            m_summary->showRunStarted();
            if (QDockWidget *plots = findChild<QDockWidget *>(QStringLiteral("plotsDock")))
                plots->show();
        });
    connect(m_run, &RunController::frameReady, this, [this](const pipeline::Frame &frame) {
        m_overlay->show(frame);
        m_plots->addFrame(frame);
    });
    connect(m_run, &RunController::finished, this, [this](const pipeline::RunReport &report) {
        m_overlay->end();
        m_summary->showReport(report);
        m_bottomTabs->setCurrentWidget(m_summary);
    });
}

void MainWindow::showStatus(const QString &text)
{
    m_statusLine->showMessage(text);
}

bool MainWindow::openFile(const QString &path)
{
    return m_files->openFile(path);
}

QString MainWindow::addNodeAtCenter(const QString &kind)
{
    return m_canvas->addNodeAtCenter(kind);
}

void MainWindow::showNode(const QString &id)
{
    m_canvas->showNode(id);
}

void MainWindow::restoreSettings()
{
    m_restored = window_settings::restore(this, m_plots);
    m_viewActions->setTheme(ViewActions::savedTheme());
    m_runActions->setSettings(RunSettings::load());
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    for (QDockWidget *panel : findChildren<QDockWidget *>())
        panel->show();
    findChild<QDockWidget *>(QStringLiteral("experimentDock"))->hide(); // closed at a first start
    fitDocks();
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — Ringflow").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::updateProblemsTab()
{
    const int count = m_problems->errorCount() + m_problems->warningCount();
    m_bottomTabs->setTabText(0, count == 0 ? tr("Problems") : tr("Problems (%1)").arg(countText(count)));
}

bool MainWindow::maybeStopRun()
{
    if (!m_run->isActive())
        return true;
    QMessageBox box(QMessageBox::Question, tr("A pipeline is running"),
        tr("<b>%1 is running.</b>").arg(m_document->displayName().toHtmlEscaped()), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("closeDuringRunBox"));
    box.setInformativeText(tr("Stop it and keep its report (the window stays open to show it), or discard the "
                              "run and close?"));
    QPushButton *keep = box.addButton(tr("Stop and Keep Report"), QMessageBox::AcceptRole);
    QPushButton *discard = box.addButton(tr("Discard Run"), QMessageBox::DestructiveRole);
    box.setDefaultButton(keep);
    box.exec();
    if (box.clickedButton() == keep) {
        m_run->stop();
        showStatus(tr("Stopping the run: its report will be in Run summary. Close again to quit."));
        return false;
    }
    return box.clickedButton() == discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A discarded run is halted as the window, and the runtime with it, is destroyed.
    if (maybeStopRun() && m_files->maybeSave()) {
        window_settings::save(this, m_plots);
        event->accept();
    } else {
        event->ignore();
    }
}

} // namespace ringflow::ui
