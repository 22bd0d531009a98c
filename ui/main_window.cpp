#include "main_window.h"

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "canvas/run_overlay.h"
#include "canvas/theme.h"
#include "document/fragment.h"
#include "document/pipeline_document.h"
#include "export_actions.h"
#include "file_actions.h"
#include "panels/palette_widget.h"
#include "panels/plan_panel.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "panels/run_summary_panel.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

namespace ringflow::ui {

namespace {

constexpr int kStatusMessageMs = 10000;
// The canvas's figures change about three times a second, which eyes can follow; the plots move
// at the full sample rate.
constexpr int kCanvasFigureIntervalMs = 300;

QDockWidget *dock(const QString &title, const QString &name, QWidget *content, QWidget *parent)
{
    auto *widget = new QDockWidget(title, parent);
    widget->setObjectName(name);
    widget->setWidget(content);
    widget->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    return widget;
}

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
      m_zoomLabel(new QLabel(this)),
      m_run(new RunController(m_document, this)),
      m_plots(new PlotPanel(this)),
      m_overlay(new RunOverlay(m_scene, this)),
      m_summary(new RunSummaryPanel(this)),
      m_exports(new ExportActions(m_document, m_scene, m_plots, m_run, this)),
      m_runLabel(new QLabel(this)),
      m_drainProgress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/ringflow.svg")));
    m_view->setObjectName(QStringLiteral("pipelineView"));
    setCentralWidget(m_view);
    createDocks();
    createActions();
    m_runLabel->setObjectName(QStringLiteral("runStateLabel"));
    // Wide enough for any figure it shows: a label that resizes as its text changes lays the whole
    // window out again, ten times a second during a run.
    m_runLabel->setMinimumWidth(
        m_runLabel->fontMetrics().horizontalAdvance(QStringLiteral("Stopping · 00000.0 s · 000,000,000 events/s")));
    m_overlay->setMinimumInterval(kCanvasFigureIntervalMs);
    m_drainProgress->setObjectName(QStringLiteral("drainProgress"));
    m_drainProgress->setMaximumWidth(180);
    m_drainProgress->setFormat(tr("draining %p%"));
    m_drainProgress->setVisible(false);
    statusBar()->addPermanentWidget(m_drainProgress);
    statusBar()->addPermanentWidget(m_runLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    m_zoomLabel->setText(QStringLiteral("100%"));

    connect(m_scene, &PipelineScene::message, this, &MainWindow::showStatus);
    connect(m_properties, &PropertyEditor::message, this, &MainWindow::showStatus);
    connect(m_files, &FileActions::message, this, &MainWindow::showStatus);
    connect(m_exports, &ExportActions::message, this, &MainWindow::showStatus);
    connect(m_document, &PipelineDocument::editRefused, this, &MainWindow::showStatus);
    connect(m_document, &PipelineDocument::structureLockChanged, this, &MainWindow::updateEditActions);
    connectRun();
    connect(m_files, &FileActions::documentReplaced, this, [this] {
        m_view->fitToView();
        // Once more after the layout settles: a window being shown has no final size yet.
        QTimer::singleShot(0, m_view, &PipelineView::fitToView);
    });
    connect(m_view, &PipelineView::zoomChanged, this,
        [this](qreal zoom) { m_zoomLabel->setText(QStringLiteral("%1%").arg(qRound(zoom * 100))); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        m_properties->showSelection(m_scene->selectedNodeIds());
        updateEditActions();
    });
    connect(m_palette, &PaletteWidget::kindActivated, this, &MainWindow::addNodeAtCenter);
    connect(m_problems, &ProblemsPanel::nodeRequested, this, &MainWindow::showNode);
    connect(m_problems, &ProblemsPanel::countsChanged, this, [this](int errors, int warnings) {
        m_bottomTabs->setTabText(
            0, errors + warnings == 0 ? tr("Problems") : tr("Problems (%1)").arg(errors + warnings));
    });
    connect(m_document, &PipelineDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &PipelineDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &PipelineDocument::edited, this, &MainWindow::updateTitle);

    m_bottomTabs->setTabText(0,
        m_problems->errorCount() + m_problems->warningCount() == 0
            ? tr("Problems")
            : tr("Problems (%1)").arg(m_problems->errorCount() + m_problems->warningCount()));
    resize(1400, 860);
    updateTitle();
    updateEditActions();
    statusBar()->showMessage(tr("Drag a kind from the palette onto the canvas to start."));
}

void MainWindow::createDocks()
{
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget *palette = dock(tr("Palette"), QStringLiteral("paletteDock"), m_palette, this);
    QDockWidget *properties = dock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties, this);
    m_bottomTabs->setObjectName(QStringLiteral("bottomTabs"));
    m_bottomTabs->setDocumentMode(true);
    m_bottomTabs->addTab(m_problems, tr("Problems"));
    m_bottomTabs->addTab(m_plan, tr("Compiled plan"));
    m_bottomTabs->addTab(m_summary, tr("Run summary"));
    QDockWidget *bottom = dock(tr("Output"), QStringLiteral("outputDock"), m_bottomTabs, this);
    bottom->setTitleBarWidget(new QWidget(bottom));
    QDockWidget *plots = dock(tr("Live Plots"), QStringLiteral("plotsDock"), m_plots, this);
    addDockWidget(Qt::LeftDockWidgetArea, palette);
    addDockWidget(Qt::RightDockWidgetArea, properties);
    addDockWidget(Qt::BottomDockWidgetArea, bottom);
    splitDockWidget(bottom, plots, Qt::Horizontal);
    // The bottom pair shares the canvas's width (1400 - 190 - 310 at the default size); asking for
    // more would squeeze the palette and the properties instead.
    resizeDocks({bottom, plots}, {340, 560}, Qt::Horizontal);
    resizeDocks({palette, properties}, {190, 310}, Qt::Horizontal);
    resizeDocks({bottom}, {360}, Qt::Vertical);
}

QAction *MainWindow::addAction(
    const QString &name, const QString &text, const QList<QKeySequence> &shortcuts, bool canvasOnly)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcuts(shortcuts);
    if (canvasOnly) {
        // Edits of the selection act on the canvas only: Delete or Ctrl+A typed in the palette's
        // filter or a parameter field belong to that field.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
    }
    return action;
}

void MainWindow::createActions()
{
    QStyle *style = QApplication::style();
    m_files->newAction()->setIcon(style->standardIcon(QStyle::SP_FileIcon));
    m_files->openAction()->setIcon(style->standardIcon(QStyle::SP_DialogOpenButton));
    m_files->saveAction()->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
    QAction *quit = addAction(QStringLiteral("actionQuit"), tr("&Quit"), {QKeySequence::Quit});
    connect(quit, &QAction::triggered, this, &QWidget::close);

    // Undo and redo go through the document, which refuses structural steps while a run holds it.
    QAction *undo = m_undo
        = addAction(QStringLiteral("actionUndo"), tr("&Undo"), QKeySequence::keyBindings(QKeySequence::Undo));
    undo->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
    undo->setIconText(tr("Undo")); // the tool bar stays short; the menu names the step
    QAction *redo = m_redo = addAction(QStringLiteral("actionRedo"), tr("&Redo"),
        QKeySequence::keyBindings(QKeySequence::Redo) + QList<QKeySequence> {QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setIcon(style->standardIcon(QStyle::SP_ArrowForward));
    redo->setIconText(tr("Redo"));
    connect(undo, &QAction::triggered, m_document, &PipelineDocument::undo);
    connect(redo, &QAction::triggered, m_document, &PipelineDocument::redo);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateEditActions);
    m_cut = addAction(QStringLiteral("actionCut"), tr("Cu&t"), {QKeySequence::Cut}, true);
    m_copy = addAction(QStringLiteral("actionCopy"), tr("&Copy"), {QKeySequence::Copy}, true);
    QAction *paste = addAction(QStringLiteral("actionPaste"), tr("&Paste"), {QKeySequence::Paste}, true);
    m_duplicate
        = addAction(QStringLiteral("actionDuplicate"), tr("D&uplicate"), {QKeySequence(Qt::CTRL | Qt::Key_D)}, true);
    m_delete = addAction(
        QStringLiteral("actionDelete"), tr("&Delete"), {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)}, true);
    m_delete->setIcon(style->standardIcon(QStyle::SP_TrashIcon));
    QAction *selectAll
        = addAction(QStringLiteral("actionSelectAll"), tr("Select &All"), {QKeySequence::SelectAll}, true);
    connect(m_cut, &QAction::triggered, this, &MainWindow::cutSelection);
    connect(m_copy, &QAction::triggered, this, &MainWindow::copySelection);
    connect(paste, &QAction::triggered, this, &MainWindow::paste);
    connect(m_duplicate, &QAction::triggered, m_scene, &PipelineScene::duplicateSelection);
    connect(m_delete, &QAction::triggered, m_scene, [this] { m_scene->deleteSelection(); });
    connect(selectAll, &QAction::triggered, this, &MainWindow::selectAll);

    QAction *zoomIn = addAction(
        QStringLiteral("actionZoomIn"), tr("Zoom &In"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction *zoomOut = addAction(QStringLiteral("actionZoomOut"), tr("Zoom &Out"), {QKeySequence::ZoomOut});
    QAction *resetZoom
        = addAction(QStringLiteral("actionResetZoom"), tr("&Actual Size"), {QKeySequence(Qt::CTRL | Qt::Key_0)});
    QAction *fit
        = addAction(QStringLiteral("actionFit"), tr("&Fit to View"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)});
    QAction *snap = addAction(QStringLiteral("actionSnap"), tr("&Snap to Grid"), {QKeySequence(Qt::CTRL | Qt::Key_G)});
    snap->setCheckable(true);
    QAction *layout
        = addAction(QStringLiteral("actionAutoLayout"), tr("Auto &Layout"), {QKeySequence(Qt::CTRL | Qt::Key_L)});
    layout->setStatusTip(tr("Arrange the nodes left to right by dependency"));
    connect(zoomIn, &QAction::triggered, m_view, &PipelineView::zoomIn);
    connect(zoomOut, &QAction::triggered, m_view, &PipelineView::zoomOut);
    connect(resetZoom, &QAction::triggered, m_view, &PipelineView::resetZoom);
    connect(fit, &QAction::triggered, m_view, &PipelineView::fitToView);
    connect(snap, &QAction::toggled, m_scene, &PipelineScene::setSnapToGrid);
    connect(layout, &QAction::triggered, this, [this] {
        m_scene->layoutAll();
        m_view->fitToView();
    });

    // Right-clicking a node or wire that is not selected selects it first, so that the menu acts
    // on what is under the mouse.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [=, this](QPoint pos) {
        QGraphicsItem *item = m_view->itemAt(pos);
        while (item && !(item->flags() & QGraphicsItem::ItemIsSelectable))
            item = item->parentItem();
        if (item && !item->isSelected()) {
            m_scene->clearSelection();
            item->setSelected(true);
        }
        QMenu menu(this);
        menu.addActions({m_cut, m_copy, paste, m_duplicate, m_delete});
        menu.addSeparator();
        menu.addActions({selectAll, layout, fit});
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_files->newAction());
    file->addAction(m_files->openAction());
    file->addMenu(m_files->recentMenu());
    file->addMenu(m_files->examplesMenu());
    file->addSeparator();
    file->addAction(m_files->saveAction());
    file->addAction(m_files->saveAsAction());
    file->addMenu(m_exports->menu());
    file->addSeparator();
    file->addAction(quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({undo, redo});
    edit->addSeparator();
    edit->addActions({m_cut, m_copy, paste, m_duplicate, m_delete});
    edit->addSeparator();
    edit->addAction(selectAll);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({zoomIn, zoomOut, resetZoom, fit});
    view->addSeparator();
    view->addAction(snap);
    view->addSeparator();
    for (QDockWidget *panel : findChildren<QDockWidget *>())
        view->addAction(panel->toggleViewAction());
    QMenu *pipelineMenu = menuBar()->addMenu(tr("&Pipeline"));
    pipelineMenu->addAction(layout);
    pipelineMenu->addSeparator();

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setIconSize(QSize(18, 18));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_files->newAction(), m_files->openAction(), m_files->saveAction()});
    tools->addSeparator();
    tools->addActions({undo, redo, m_delete});
    tools->addSeparator();
    tools->addActions({zoomIn, zoomOut, fit});
    tools->addSeparator();
    tools->addActions({layout, snap});
    tools->addSeparator();
    createRunActions(pipelineMenu, tools);
}

void MainWindow::createRunActions(QMenu *menu, QToolBar *tools)
{
    QStyle *style = QApplication::style();
    m_runAction = addAction(QStringLiteral("actionRun"), tr("&Run"), {QKeySequence(Qt::Key_F5)});
    m_runAction->setIcon(style->standardIcon(QStyle::SP_MediaPlay));
    m_runAction->setStatusTip(tr("Compile the pipeline and run it on real threads, with live figures"));
    m_pauseAction = addAction(QStringLiteral("actionPause"), tr("&Pause"), {QKeySequence(Qt::Key_F6)});
    m_pauseAction->setIcon(style->standardIcon(QStyle::SP_MediaPause));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setStatusTip(tr("Hold the producers; the stages drain what is in flight"));
    m_stopAction = addAction(QStringLiteral("actionStop"), tr("&Stop"), {QKeySequence(Qt::SHIFT | Qt::Key_F5)});
    m_stopAction->setIcon(style->standardIcon(QStyle::SP_MediaStop));
    m_stopAction->setStatusTip(tr("Stop the producers, drain the rings, then show the run's report"));
    connect(m_runAction, &QAction::triggered, m_run, &RunController::start);
    connect(m_pauseAction, &QAction::triggered, this, [this](bool paused) {
        if (paused)
            m_run->pause();
        else
            m_run->resume();
    });
    connect(m_stopAction, &QAction::triggered, m_run, &RunController::stop);
    menu->addActions({m_runAction, m_pauseAction, m_stopAction});

    // How often the running pipeline is sampled, which is also how often plots and canvas redraw.
    QMenu *rate = menu->addMenu(tr("Sample &Rate"));
    rate->setObjectName(QStringLiteral("menuSampleRate"));
    auto *rates = new QActionGroup(this);
    for (const int hertz : {2, 5, 10, 20}) {
        QAction *choice = rate->addAction(tr("%1 per second").arg(hertz));
        choice->setCheckable(true);
        choice->setChecked(1000 / hertz == RunController::kDefaultIntervalMs);
        rates->addAction(choice);
        connect(choice, &QAction::triggered, this, [this, hertz] { m_run->setSampleInterval(1000 / hertz); });
    }
    tools->addActions({m_runAction, m_pauseAction, m_stopAction});
    updateRunActions();
}

void MainWindow::connectRun()
{
    connect(m_run, &RunController::phaseChanged, this, &MainWindow::updateRunActions);
    connect(m_run, &RunController::message, this, &MainWindow::showStatus);
    connect(m_run, &RunController::refused, this, [this](const QStringList &) {
        // The problems panel already lists them: bring it forward.
        m_bottomTabs->setCurrentWidget(m_problems);
        if (QDockWidget *output = findChild<QDockWidget *>(QStringLiteral("outputDock")))
            output->show();
    });
    connect(m_run, &RunController::started, this,
        [this](const pipeline::Plan &plan, const RunColors &colors, const pipeline::Frame &first) {
            m_overlay->begin(plan, colors);
            m_plots->beginRun(plan, colors, first);
            if (QDockWidget *plots = findChild<QDockWidget *>(QStringLiteral("plotsDock")))
                plots->show();
        });
    connect(m_run, &RunController::frameReady, this, [this](const pipeline::Frame &frame) {
        m_overlay->show(frame);
        m_plots->addFrame(frame);
        double published = 0;
        for (std::size_t i = 0; m_run->plan() && i < m_run->plan()->producers.size() && i < frame.nodes.size(); ++i)
            published += frame.nodes[i].eventsPerSecond;
        const QString phase = m_run->phase() == RunController::Phase::Paused ? tr("Paused")
            : m_run->phase() == RunController::Phase::Stopping               ? tr("Stopping")
                                                                             : tr("Running");
        m_runLabel->setText(
            tr("%1 · %2 s · %3 events/s")
                .arg(phase, QLocale().toString(frame.seconds, 'f', 1), QLocale().toString(published, 'f', 0)));
    });
    connect(m_run, &RunController::drainProgress, this, [this](qint64 pending, qint64 atStop) {
        m_drainProgress->setVisible(true);
        m_drainProgress->setRange(0, 1000);
        m_drainProgress->setValue(atStop > 0 ? static_cast<int>(1000 - pending * 1000 / atStop) : 1000);
    });
    connect(m_run, &RunController::finished, this, [this](const pipeline::RunReport &report) {
        m_overlay->end();
        m_drainProgress->setVisible(false);
        m_runLabel->setText(report.ok ? tr("Last run: OK") : tr("Last run: FAILED"));
        m_summary->showReport(report);
        m_bottomTabs->setCurrentWidget(m_summary);
    });
}

void MainWindow::updateRunActions()
{
    const RunController::Phase phase = m_run->phase();
    m_runAction->setEnabled(phase == RunController::Phase::Idle);
    m_pauseAction->setEnabled(phase == RunController::Phase::Running || phase == RunController::Phase::Paused);
    m_pauseAction->setChecked(phase == RunController::Phase::Paused);
    m_pauseAction->setText(phase == RunController::Phase::Paused ? tr("Resume") : tr("&Pause"));
    m_stopAction->setEnabled(phase == RunController::Phase::Running || phase == RunController::Phase::Paused);
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text, kStatusMessageMs);
}

MainWindow::~MainWindow()
{
    // The undo stack signals as the document, a child, is destroyed: not to a half-gone window.
    m_document->undoStack()->disconnect(this);
}

bool MainWindow::openFile(const QString &path)
{
    return m_files->openFile(path);
}

void MainWindow::copySelection()
{
    const pipeline::PipelineSpec fragment = m_scene->selectionFragment();
    if (fragment.nodes.empty())
        return;
    QGuiApplication::clipboard()->setMimeData(fragmentMimeData(fragment));
    statusBar()->showMessage(
        tr("Copied %n node(s)", nullptr, static_cast<int>(fragment.nodes.size())), kStatusMessageMs);
}

void MainWindow::cutSelection()
{
    const pipeline::PipelineSpec fragment = m_scene->selectionFragment();
    if (fragment.nodes.empty())
        return;
    QGuiApplication::clipboard()->setMimeData(fragmentMimeData(fragment));
    m_scene->deleteSelection(tr("Cut"));
}

void MainWindow::paste()
{
    const std::optional<pipeline::PipelineSpec> fragment
        = fragmentFromMimeData(QGuiApplication::clipboard()->mimeData());
    if (!fragment || fragment->nodes.empty()) {
        statusBar()->showMessage(tr("The clipboard holds no nodes."), kStatusMessageMs);
        return;
    }
    m_scene->pasteFragment(*fragment, tr("Paste"));
}

void MainWindow::selectAll()
{
    for (QGraphicsItem *item : m_scene->items())
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            item->setSelected(true);
}

QString MainWindow::addNodeAtCenter(const QString &kind)
{
    pipeline::Node probe;
    probe.kind = kind.toStdString();
    const QSizeF size = NodeItem::sizeFor(probe);
    QPointF topLeft = m_scene->snapped(m_view->visibleCenter() - QPointF(size.width() / 2, size.height() / 2));
    // Several double-clicks in a row fan out instead of stacking up.
    const auto taken = [this](QPointF point) {
        for (const pipeline::Node &node : m_document->spec().nodes)
            if (node.position && QPointF(node.position->x, node.position->y) == point)
                return true;
        return false;
    };
    while (taken(topLeft))
        topLeft += QPointF(theme::kGridStep * 2, theme::kGridStep * 2);
    const QString id = m_document->addNode(kind, topLeft);
    if (id.isEmpty())
        return id;
    m_scene->selectNodes({id});
    m_view->setFocus(Qt::OtherFocusReason);
    return id;
}

void MainWindow::showNode(const QString &id)
{
    if (!m_scene->nodeItem(id))
        return;
    m_scene->selectNodes({id});
    m_view->centerOnNode(id);
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — Ringflow").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::updateEditActions()
{
    // While a run holds the structure, cut, paste, duplicate and delete stay enabled so that the
    // document refuses them with its reason in the status bar: a dead key explains nothing. The
    // palette greys out, and the property editor keeps only live parameters editable.
    const bool nodes = !m_scene->selectedNodeIds().isEmpty();
    m_cut->setEnabled(nodes);
    m_copy->setEnabled(nodes);
    m_duplicate->setEnabled(nodes);
    m_delete->setEnabled(!m_scene->selectedItems().isEmpty());
    m_palette->setEnabled(!m_document->isStructureLocked());
    m_undo->setEnabled(m_document->canUndoNow());
    m_redo->setEnabled(m_document->canRedoNow());
    const QUndoStack *stack = m_document->undoStack();
    m_undo->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    m_redo->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_files->maybeSave())
        event->accept();
    else
        event->ignore();
}

} // namespace ringflow::ui
