#include "edit_actions.h"

#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "document/fragment.h"
#include "document/pipeline_document.h"
#include "named_action.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGraphicsItem>
#include <QStyle>
#include <QUndoStack>

namespace ringflow::ui {

EditActions::EditActions(PipelineDocument *document, PipelineScene *scene, PipelineView *view, QObject *parent)
    : QObject(parent), m_document(document), m_scene(scene)
{
    createUndoActions();
    createSelectionActions(view);
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &EditActions::updateEnabled);
    connect(m_document, &PipelineDocument::structureLockChanged, this, &EditActions::updateEnabled);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &EditActions::updateEnabled);
    updateEnabled();
}

void EditActions::createUndoActions()
{
    QStyle *style = QApplication::style();
    // Undo and redo go through the document, which refuses structural steps while a run holds it.
    m_undo
        = namedAction(this, QStringLiteral("actionUndo"), tr("&Undo"), QKeySequence::keyBindings(QKeySequence::Undo));
    m_undo->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
    m_undo->setIconText(tr("Undo")); // the tool bar stays short; the menu names the step
    m_redo = namedAction(this, QStringLiteral("actionRedo"), tr("&Redo"),
        QKeySequence::keyBindings(QKeySequence::Redo) + QList<QKeySequence> {QKeySequence(Qt::CTRL | Qt::Key_Y)});
    m_redo->setIcon(style->standardIcon(QStyle::SP_ArrowForward));
    m_redo->setIconText(tr("Redo"));
    connect(m_undo, &QAction::triggered, m_document, &PipelineDocument::undo);
    connect(m_redo, &QAction::triggered, m_document, &PipelineDocument::redo);
}

void EditActions::createSelectionActions(PipelineView *view)
{
    m_cut = canvasAction(view, this, QStringLiteral("actionCut"), tr("Cu&t"), {QKeySequence::Cut});
    m_copy = canvasAction(view, this, QStringLiteral("actionCopy"), tr("&Copy"), {QKeySequence::Copy});
    m_paste = canvasAction(view, this, QStringLiteral("actionPaste"), tr("&Paste"), {QKeySequence::Paste});
    m_duplicate = canvasAction(
        view, this, QStringLiteral("actionDuplicate"), tr("D&uplicate"), {QKeySequence(Qt::CTRL | Qt::Key_D)});
    m_delete = canvasAction(view, this, QStringLiteral("actionDelete"), tr("&Delete"),
        {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_delete->setIcon(QApplication::style()->standardIcon(QStyle::SP_TrashIcon));
    m_selectAll
        = canvasAction(view, this, QStringLiteral("actionSelectAll"), tr("Select &All"), {QKeySequence::SelectAll});
    connect(m_cut, &QAction::triggered, this, &EditActions::cutSelection);
    connect(m_copy, &QAction::triggered, this, &EditActions::copySelection);
    connect(m_paste, &QAction::triggered, this, &EditActions::paste);
    connect(m_duplicate, &QAction::triggered, m_scene, &PipelineScene::duplicateSelection);
    connect(m_delete, &QAction::triggered, m_scene, [this] { m_scene->deleteSelection(); });
    connect(m_selectAll, &QAction::triggered, this, &EditActions::selectAll);
}

QList<QAction *> EditActions::selectionActions() const
{
    return {m_cut, m_copy, m_paste, m_duplicate, m_delete};
}

void EditActions::copySelection()
{
    const pipeline::PipelineSpec fragment = m_scene->selectionFragment();
    if (fragment.nodes.empty() && fragment.notes.empty())
        return;
    QGuiApplication::clipboard()->setMimeData(fragmentMimeData(fragment));
    QString copied = tr("Copied %n node(s)", nullptr, static_cast<int>(fragment.nodes.size()));
    if (!fragment.notes.empty())
        copied = fragment.nodes.empty()
            ? tr("Copied %n note(s)", nullptr, static_cast<int>(fragment.notes.size()))
            : tr("Copied %n node(s) and %1", nullptr, static_cast<int>(fragment.nodes.size()))
                  .arg(tr("%n note(s)", nullptr, static_cast<int>(fragment.notes.size())));
    Q_EMIT message(copied);
}

void EditActions::cutSelection()
{
    const pipeline::PipelineSpec fragment = m_scene->selectionFragment();
    if (fragment.nodes.empty() && fragment.notes.empty())
        return;
    QGuiApplication::clipboard()->setMimeData(fragmentMimeData(fragment));
    m_scene->deleteSelection(tr("Cut"));
}

void EditActions::paste()
{
    const std::optional<pipeline::PipelineSpec> fragment
        = fragmentFromMimeData(QGuiApplication::clipboard()->mimeData());
    if (!fragment || (fragment->nodes.empty() && fragment->notes.empty())) {
        Q_EMIT message(tr("The clipboard holds no nodes or notes."));
        return;
    }
    m_scene->pasteFragment(*fragment, tr("Paste"));
}

void EditActions::selectAll()
{
    for (QGraphicsItem *item : m_scene->items())
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            item->setSelected(true);
}

void EditActions::updateEnabled()
{
    // While a run holds the structure, cut, paste, duplicate and delete stay enabled so that the
    // document refuses them with its reason in the status bar: a dead key explains nothing.
    const bool copyable = m_scene->arrangeableCount() > 0; // nodes or notes
    m_cut->setEnabled(copyable);
    m_copy->setEnabled(copyable);
    m_duplicate->setEnabled(copyable);
    m_delete->setEnabled(!m_scene->selectedItems().isEmpty());
    m_undo->setEnabled(m_document->canUndoNow());
    m_redo->setEnabled(m_document->canRedoNow());
    const QUndoStack *stack = m_document->undoStack();
    m_undo->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    m_redo->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
}

} // namespace ringflow::ui
