#include "main_window.h"

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "canvas/theme.h"
#include "document/fragment.h"
#include "document/pipeline_document.h"
#include "file_actions.h"
#include "panels/palette_widget.h"
#include "panels/plan_panel.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
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
      m_zoomLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/ringflow.svg")));
    m_view->setObjectName(QStringLiteral("pipelineView"));
    setCentralWidget(m_view);
    createDocks();
    createActions();
    statusBar()->addPermanentWidget(m_zoomLabel);
    m_zoomLabel->setText(QStringLiteral("100%"));

    connect(m_scene, &PipelineScene::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(m_properties, &PropertyEditor::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(m_files, &FileActions::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, kStatusMessageMs); });
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
    QDockWidget *bottom = dock(tr("Output"), QStringLiteral("outputDock"), m_bottomTabs, this);
    bottom->setTitleBarWidget(new QWidget(bottom));
    addDockWidget(Qt::LeftDockWidgetArea, palette);
    addDockWidget(Qt::RightDockWidgetArea, properties);
    addDockWidget(Qt::BottomDockWidgetArea, bottom);
    resizeDocks({palette, properties}, {190, 310}, Qt::Horizontal);
    resizeDocks({bottom}, {170}, Qt::Vertical);
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

    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcuts(QKeySequence::Undo);
    undo->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setIcon(style->standardIcon(QStyle::SP_ArrowForward));
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
    const bool nodes = !m_scene->selectedNodeIds().isEmpty();
    m_cut->setEnabled(nodes);
    m_copy->setEnabled(nodes);
    m_duplicate->setEnabled(nodes);
    m_delete->setEnabled(!m_scene->selectedItems().isEmpty());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_files->maybeSave())
        event->accept();
    else
        event->ignore();
}

} // namespace ringflow::ui
