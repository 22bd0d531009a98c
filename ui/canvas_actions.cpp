#include "canvas_actions.h"

#include "canvas/chooser_popup.h"
#include "canvas/free_spot.h"
#include "canvas/node_item.h"
#include "canvas/note_layer.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "canvas/theme.h"
#include "document/pipeline_document.h"
#include "named_action.h"
#include "pipeline/kind_registry.h"

#include <QAction>

namespace ringflow::ui {

namespace {

/// Quick add's entry for a note; no kind has a name with a colon.
const QString kNoteKey = QStringLiteral(":note");

std::vector<ChooserPopup::Entry> kindEntries()
{
    std::vector<ChooserPopup::Entry> entries;
    for (const pipeline::KindSpec &kind : pipeline::KindRegistry::instance().kinds())
        entries.push_back({QString::fromStdString(kind.name), QString::fromStdString(kind.displayName),
            QString::fromUtf8(pipeline::categoryName(kind.category)), theme::categoryIcon(kind.category),
            QString::fromStdString(kind.help)});
    entries.push_back({kNoteKey, CanvasActions::tr("Note"), CanvasActions::tr("Comment"), QIcon(),
        CanvasActions::tr("A comment on the canvas, saved with the pipeline; it changes nothing that runs")});
    return entries;
}

} // namespace

CanvasActions::CanvasActions(PipelineDocument *document, PipelineScene *scene, PipelineView *view, QObject *parent)
    : QObject(parent),
      m_document(document),
      m_scene(scene),
      m_view(view),
      m_quickAdd(
          canvasAction(view, this, QStringLiteral("actionQuickAdd"), tr("&Add Node…"), {QKeySequence(Qt::Key_Tab)})),
      m_find(namedAction(this, QStringLiteral("actionFind"), tr("&Find Node…"), {QKeySequence::Find})),
      m_addNote(namedAction(
          this, QStringLiteral("actionAddNote"), tr("Add N&ote"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)})),
      m_kinds(new ChooserPopup(tr("Add a node: type to filter kinds"), view)),
      m_nodes(new ChooserPopup(tr("Find a node: type part of its id"), view))
{
    m_kinds->setObjectName(QStringLiteral("quickAddPopup"));
    m_nodes->setObjectName(QStringLiteral("findPopup"));
    m_kinds->setEntries(kindEntries());
    m_quickAdd->setStatusTip(tr("Choose a kind by typing its name; it is added where the mouse is"));
    m_find->setStatusTip(tr("Go to a node by its id"));
    connect(m_quickAdd, &QAction::triggered, this, [this] { openQuickAdd(m_view->mousePosition()); });
    connect(m_find, &QAction::triggered, this, &CanvasActions::openFind);
    m_addNote->setStatusTip(tr("Write a note on the canvas where the mouse is; it is saved with the pipeline"));
    connect(m_addNote, &QAction::triggered, this, [this] { addNoteAt(m_view->mapToScene(m_view->mousePosition())); });
    connect(m_kinds, &ChooserPopup::chosen, this, [this](const QString &kind) {
        if (kind == kNoteKey)
            addNoteAt(m_quickAddAt);
        else
            addNodeAt(kind, m_quickAddAt);
    });
    connect(m_nodes, &ChooserPopup::chosen, this, &CanvasActions::showNode);
}

void CanvasActions::openQuickAdd(QPoint viewportPos)
{
    if (m_document->isStructureLocked()) {
        Q_EMIT message(m_document->structureLockReason());
        return;
    }
    m_quickAddAt = m_view->mapToScene(viewportPos);
    m_kinds->popup(m_view->viewport()->mapToGlobal(viewportPos));
}

void CanvasActions::openFind()
{
    std::vector<ChooserPopup::Entry> entries;
    for (const pipeline::Node &node : m_document->spec().nodes) {
        const pipeline::KindSpec *kind = pipeline::findKind(node.kind);
        entries.push_back({QString::fromStdString(node.id), QString::fromStdString(node.id),
            kind ? QString::fromStdString(kind->displayName) : QString::fromStdString(node.kind),
            theme::categoryIcon(kind ? std::optional(kind->category) : std::nullopt), {}});
    }
    m_nodes->setEntries(entries);
    const QPoint corner
        = m_view->viewport()->mapToGlobal(QPoint(m_view->viewport()->width() / 2 - m_nodes->width() / 2, 12));
    m_nodes->popup(corner);
}

QString CanvasActions::addNodeAt(const QString &kind, QPointF scenePos)
{
    const QString id = add(kind, scenePos - QPointF(theme::kNodeWidth / 2, theme::kHeaderHeight / 2));
    if (!id.isEmpty())
        Q_EMIT message(tr("Added %1 where the mouse is.").arg(id));
    return id;
}

QString CanvasActions::addNodeAtCenter(const QString &kind)
{
    pipeline::Node probe;
    probe.kind = kind.toStdString();
    const QSizeF size = NodeItem::sizeFor(probe);
    const QPointF centred = m_view->visibleCenter() - QPointF(size.width() / 2, size.height() / 2);
    probe.position = pipeline::Position {centred.x(), centred.y()};
    const QPointF offset = freeOffset({probe}, m_document->spec(), QPointF());
    const QString id = add(kind, centred + offset);
    if (!id.isEmpty())
        Q_EMIT message(offset.isNull()
                ? tr("Added %1 in the middle of the view.").arg(id)
                : tr("Added %1 beside the middle of the view, where it covers no other node.").arg(id));
    return id;
}

QString CanvasActions::add(const QString &kind, QPointF topLeft)
{
    const QString id = m_document->addNode(kind, m_scene->snapped(topLeft));
    if (id.isEmpty())
        return id;
    m_scene->selectNodes({id});
    m_view->setFocus(Qt::OtherFocusReason);
    return id;
}

void CanvasActions::addNoteAt(QPointF scenePos)
{
    m_view->setFocus(Qt::OtherFocusReason);
    m_scene->notes()->addNote(scenePos);
    Q_EMIT message(tr("Added a note: type its text, then click elsewhere or press Escape."));
}

void CanvasActions::showNode(const QString &id)
{
    if (!m_scene->nodeItem(id))
        return;
    m_scene->selectNodes({id});
    m_view->centerOnNode(id);
}

} // namespace ringflow::ui
