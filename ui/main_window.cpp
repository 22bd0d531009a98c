#include "main_window.h"

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "canvas/run_overlay.h"
#include "canvas/theme.h"
#include "document/pipeline_document.h"
#include "edit_actions.h"
#include "export_actions.h"
#include "file_actions.h"
#include "format/number_format.h"
#include "named_action.h"
#include "panels/palette_widget.h"
#include "panels/plan_panel.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "panels/run_summary_panel.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"
#include "run_actions.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

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
      m_edits(new EditActions(m_document, m_scene, m_view, this)),
      m_run(new RunController(m_document, this)),
      m_plots(new PlotPanel(this)),
      m_overlay(new RunOverlay(m_scene, this)),
      m_summary(new RunSummaryPanel(this)),
      m_exports(new ExportActions(m_document, m_scene, m_plots, m_run, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/ringflow.svg")));
    m_view->setObjectName(QStringLiteral("pipelineView"));
    setCentralWidget(m_view);
    m_overlay->setMinimumInterval(kCanvasFigureIntervalMs);
    createDocks();
    createStatusBar();
    createActions();
    createMenus();
    createToolBars();
    createContextMenu();
    connectPanels();
    connectRun();
    resize(1400, 860);
    updateTitle();
    updateProblemsTab();
    statusBar()->showMessage(tr("Drag a kind from the palette onto the canvas to start."));
}

MainWindow::~MainWindow()
{
    // The undo stack signals as the document, a child, is destroyed: not to half-gone actions.
    m_document->undoStack()->disconnect(m_edits);
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

void MainWindow::createStatusBar()
{
    // The run's state first, then the zoom at the far right.
    m_runActions = new RunActions(m_run, statusBar(), this);
    m_zoomLabel = new QLabel(percentText(1), this);
    statusBar()->addPermanentWidget(m_zoomLabel);
}

void MainWindow::createActions()
{
    QStyle *style = QApplication::style();
    m_files->newAction()->setIcon(style->standardIcon(QStyle::SP_FileIcon));
    m_files->openAction()->setIcon(style->standardIcon(QStyle::SP_DialogOpenButton));
    m_files->saveAction()->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
    m_quit = namedAction(this, QStringLiteral("actionQuit"), tr("&Quit"), {QKeySequence::Quit});
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_zoomIn = namedAction(this, QStringLiteral("actionZoomIn"), tr("Zoom &In"),
        {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOut = namedAction(this, QStringLiteral("actionZoomOut"), tr("Zoom &Out"), {QKeySequence::ZoomOut});
    m_resetZoom = namedAction(
        this, QStringLiteral("actionResetZoom"), tr("&Actual Size"), {QKeySequence(Qt::CTRL | Qt::Key_0)});
    m_fit = namedAction(
        this, QStringLiteral("actionFit"), tr("&Fit to View"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)});
    m_snap = namedAction(this, QStringLiteral("actionSnap"), tr("&Snap to Grid"), {QKeySequence(Qt::CTRL | Qt::Key_G)});
    m_snap->setCheckable(true);
    m_autoLayout = namedAction(
        this, QStringLiteral("actionAutoLayout"), tr("Auto &Layout"), {QKeySequence(Qt::CTRL | Qt::Key_L)});
    m_autoLayout->setStatusTip(tr("Arrange the nodes left to right by dependency"));
    connect(m_zoomIn, &QAction::triggered, m_view, &PipelineView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, m_view, &PipelineView::zoomOut);
    connect(m_resetZoom, &QAction::triggered, m_view, &PipelineView::resetZoom);
    connect(m_fit, &QAction::triggered, m_view, &PipelineView::fitToView);
    connect(m_snap, &QAction::toggled, m_scene, &PipelineScene::setSnapToGrid);
    connect(m_autoLayout, &QAction::triggered, this, [this] {
        m_scene->layoutAll();
        m_view->fitToView();
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
    edit->addAction(m_edits->selectAllAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_zoomIn, m_zoomOut, m_resetZoom, m_fit});
    view->addSeparator();
    view->addAction(m_snap);
    view->addSeparator();
    for (QDockWidget *panel : findChildren<QDockWidget *>())
        view->addAction(panel->toggleViewAction());

    QMenu *pipeline = menuBar()->addMenu(tr("&Pipeline"));
    pipeline->addAction(m_autoLayout);
    pipeline->addSeparator();
    pipeline->addActions(m_runActions->actions());
    QMenu *rate = pipeline->addMenu(tr("Sample &Rate"));
    rate->setObjectName(QStringLiteral("menuSampleRate"));
    rate->addActions(m_runActions->sampleRateActions());
}

void MainWindow::createToolBars()
{
    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setIconSize(QSize(18, 18));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_files->newAction(), m_files->openAction(), m_files->saveAction()});
    tools->addSeparator();
    tools->addActions({m_edits->undoAction(), m_edits->redoAction(), m_edits->deleteAction()});
    tools->addSeparator();
    tools->addActions({m_zoomIn, m_zoomOut, m_fit});
    tools->addSeparator();
    tools->addActions({m_autoLayout, m_snap});
    tools->addSeparator();
    tools->addActions(m_runActions->actions());
}

void MainWindow::createContextMenu()
{
    // Right-clicking a node or wire that is not selected selects it first, so that the menu acts
    // on what is under the mouse.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](QPoint pos) {
        QGraphicsItem *item = m_view->itemAt(pos);
        while (item && !(item->flags() & QGraphicsItem::ItemIsSelectable))
            item = item->parentItem();
        if (item && !item->isSelected()) {
            m_scene->clearSelection();
            item->setSelected(true);
        }
        QMenu menu(this);
        menu.addActions(m_edits->selectionActions());
        menu.addSeparator();
        menu.addActions({m_edits->selectAllAction(), m_autoLayout, m_fit});
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
}

void MainWindow::connectPanels()
{
    connect(m_scene, &PipelineScene::message, this, &MainWindow::showStatus);
    connect(m_properties, &PropertyEditor::message, this, &MainWindow::showStatus);
    connect(m_files, &FileActions::message, this, &MainWindow::showStatus);
    connect(m_edits, &EditActions::message, this, &MainWindow::showStatus);
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
    statusBar()->showMessage(text, kStatusMessageMs);
}

bool MainWindow::openFile(const QString &path)
{
    return m_files->openFile(path);
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

void MainWindow::updateProblemsTab()
{
    const int count = m_problems->errorCount() + m_problems->warningCount();
    m_bottomTabs->setTabText(0, count == 0 ? tr("Problems") : tr("Problems (%1)").arg(count));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_files->maybeSave())
        event->accept();
    else
        event->ignore();
}

} // namespace ringflow::ui
