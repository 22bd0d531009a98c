#include "canvas/note_layer.h"

#include "canvas/note_item.h"
#include "document/pipeline_document.h"

#include <QGraphicsScene>

namespace ringflow::ui {

NoteLayer::NoteLayer(PipelineDocument *document, QGraphicsScene *scene)
    : QObject(scene), m_document(document), m_scene(scene)
{
    connect(document, &PipelineDocument::notesChanged, this, &NoteLayer::sync);
    connect(document, &PipelineDocument::specReset, this, &NoteLayer::sync);
    sync();
}

std::vector<int> NoteLayer::selectedIndexes() const
{
    std::vector<int> selected;
    for (const NoteItem *item : m_items)
        if (item->isSelected())
            selected.push_back(item->index());
    return selected;
}

NoteItem *NoteLayer::addNote(QPointF scenePos)
{
    std::vector<pipeline::Note> notes = m_document->spec().notes;
    pipeline::Note note;
    note.position = {scenePos.x(), scenePos.y()};
    notes.push_back(std::move(note));
    m_document->setNotes(std::move(notes), tr("Add note"));
    NoteItem *item = m_items.back();
    m_scene->clearSelection();
    item->setSelected(true);
    item->startEditing();
    return item;
}

void NoteLayer::rememberPositions()
{
    m_pressPositions.clear();
    for (const NoteItem *item : m_items)
        m_pressPositions.push_back({item->pos().x(), item->pos().y()});
}

std::optional<std::vector<pipeline::Note>> NoteLayer::draggedNotes()
{
    std::vector<pipeline::Note> notes = m_document->spec().notes;
    bool moved = false;
    for (std::size_t i = 0; i < m_items.size() && i < m_pressPositions.size() && i < notes.size(); ++i) {
        const pipeline::Position now {m_items[i]->pos().x(), m_items[i]->pos().y()};
        if (now != m_pressPositions[i]) {
            notes[i].position = now;
            moved = true;
        }
    }
    m_pressPositions.clear();
    return moved ? std::optional(notes) : std::nullopt;
}

std::optional<std::vector<pipeline::Note>> NoteLayer::withoutSelected() const
{
    const std::vector<pipeline::Note> &notes = m_document->spec().notes;
    std::vector<pipeline::Note> kept;
    for (std::size_t i = 0; i < notes.size() && i < m_items.size(); ++i)
        if (!m_items[i]->isSelected())
            kept.push_back(notes[i]);
    return kept.size() == notes.size() ? std::nullopt : std::optional(kept);
}

void NoteLayer::sync()
{
    const std::vector<pipeline::Note> &notes = m_document->spec().notes;
    while (m_items.size() > notes.size()) {
        delete m_items.back();
        m_items.pop_back();
    }
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (i < m_items.size()) {
            m_items[i]->setNote(notes[i]);
            continue;
        }
        auto *item = new NoteItem(static_cast<int>(i), notes[i]);
        connect(item, &NoteItem::textEdited, this, &NoteLayer::commitText);
        m_scene->addItem(item);
        m_items.push_back(item);
    }
}

void NoteLayer::commitText(int index, const QString &text)
{
    std::vector<pipeline::Note> notes = m_document->spec().notes;
    if (index < 0 || static_cast<std::size_t>(index) >= notes.size())
        return;
    notes[static_cast<std::size_t>(index)].text = text.toStdString();
    m_document->setNotes(std::move(notes), tr("Edit note"));
}

} // namespace ringflow::ui
