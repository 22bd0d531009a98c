// The scene's edits of the selection: delete, paste, duplicate, lay out.

#include "canvas/auto_layout.h"
#include "canvas/free_spot.h"
#include "canvas/node_item.h"
#include "canvas/note_item.h"
#include "canvas/note_layer.h"
#include "canvas/pipeline_scene.h"
#include "document/fragment.h"
#include "document/pipeline_document.h"

namespace ringflow::ui {

namespace {

constexpr qreal kPasteStep = 40;

} // namespace

void PipelineScene::deleteSelection(const QString &text)
{
    const QStringList nodes = selectedNodeIds();
    const std::vector<pipeline::Connection> wires = selectedConnections();
    const std::optional<std::vector<pipeline::Note>> notes = m_notes->withoutSelected();
    const qsizetype count = nodes.size() + static_cast<qsizetype>(wires.size() + m_notes->selectedIndexes().size());
    if (count == 0)
        return;
    const QString name = !text.isEmpty()               ? text
        : nodes.size() == 1 && wires.empty() && !notes ? tr("Delete %1").arg(nodes.front())
                                                       : tr("Delete %n item(s)", nullptr, static_cast<int>(count));
    m_document->editTogether(name, [&] {
        if (!nodes.isEmpty() || !wires.empty())
            m_document->removeItems(nodes, wires, name);
        if (notes)
            m_document->setNotes(*notes, name);
    });
}

pipeline::PipelineSpec PipelineScene::selectionFragment() const
{
    return fragmentOf(m_document->spec(), selectedNodeIds(), m_notes->selectedIndexes());
}

QStringList PipelineScene::pasteFragment(const pipeline::PipelineSpec &fragment, const QString &text)
{
    if (fragment.nodes.empty() && fragment.notes.empty())
        return {};
    // Down and right of where the copies come from, or the nearest spot where the nodes cover
    // nothing; the notes move with them, so that each stays beside what it was written about.
    const QPointF offset = freeOffset(fragment.nodes, m_document->spec(), QPointF(kPasteStep, kPasteStep));
    const std::size_t firstNote = m_document->spec().notes.size();
    QStringList ids;
    m_document->editTogether(text, [&] {
        ids = m_document->insertFragment(fragment, offset, text);
        // Nodes refused (a run holds the structure): their notes stay out too.
        if (ids.isEmpty() && !fragment.nodes.empty())
            return;
        std::vector<pipeline::Note> notes = m_document->spec().notes;
        for (pipeline::Note note : fragment.notes) {
            note.position = {note.position.x + offset.x(), note.position.y + offset.y()};
            notes.push_back(std::move(note));
        }
        m_document->setNotes(std::move(notes), text);
    });
    const std::vector<NoteItem *> &noteItems = m_notes->items();
    if (ids.isEmpty() && noteItems.size() == firstNote)
        return ids;
    selectNodes(ids);
    for (std::size_t i = firstNote; i < noteItems.size(); ++i)
        noteItems[i]->setSelected(true);
    const int pastedNotes = static_cast<int>(noteItems.size() - firstNote);
    QStringList added = ids;
    if (pastedNotes > 0)
        added.append(tr("%n note(s)", nullptr, pastedNotes));
    Q_EMIT message(tr("%1: added %2, clear of the other nodes.").arg(text, added.join(QStringLiteral(", "))));
    return ids;
}

void PipelineScene::duplicateSelection()
{
    pasteFragment(selectionFragment(), tr("Duplicate"));
}

void PipelineScene::layoutAll()
{
    const std::map<std::string, pipeline::Position> layout = autoLayout(m_document->spec(), &NodeItem::sizeFor);
    std::map<QString, pipeline::Position> positions;
    for (const auto &[id, position] : layout)
        positions[QString::fromStdString(id)] = position;
    m_document->moveNodes(positions, tr("Auto layout"));
}

int PipelineScene::arrangeableCount() const
{
    return static_cast<int>(selectedNodeIds().size()) + static_cast<int>(m_notes->selectedIndexes().size());
}

void PipelineScene::alignSelection(Alignment alignment)
{
    if (arrangeableCount() >= 2)
        moveSelectionTo(alignedCorners(selectedRects(), alignment), tr("Align"));
}

void PipelineScene::distributeSelection(Qt::Orientation orientation)
{
    if (arrangeableCount() >= 3)
        moveSelectionTo(distributedCorners(selectedRects(), orientation), tr("Distribute"));
}

std::vector<QRectF> PipelineScene::selectedRects() const
{
    std::vector<QRectF> rects;
    for (const QString &id : selectedNodeIds())
        rects.emplace_back(nodeItem(id)->pos(), NodeItem::sizeFor(*m_document->node(id)));
    for (const int index : m_notes->selectedIndexes())
        rects.push_back(m_notes->items()[static_cast<std::size_t>(index)]->sceneBoundingRect());
    return rects;
}

void PipelineScene::moveSelectionTo(const std::vector<QPointF> &corners, const QString &text)
{
    const QStringList ids = selectedNodeIds();
    const std::vector<int> noteIndexes = m_notes->selectedIndexes();
    std::map<QString, pipeline::Position> positions;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QPointF corner = corners[static_cast<std::size_t>(i)];
        positions[ids[i]] = pipeline::Position {corner.x(), corner.y()};
    }
    std::vector<pipeline::Note> notes = m_document->spec().notes;
    for (std::size_t i = 0; i < noteIndexes.size(); ++i) {
        const QPointF corner = corners[static_cast<std::size_t>(ids.size()) + i];
        notes[static_cast<std::size_t>(noteIndexes[i])].position = pipeline::Position {corner.x(), corner.y()};
    }
    m_document->editTogether(text, [&] {
        m_document->moveNodes(positions, text);
        m_document->setNotes(std::move(notes), text);
    });
}

} // namespace ringflow::ui
