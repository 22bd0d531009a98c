#pragma once

#include "pipeline/pipeline_spec.h"

#include <QObject>
#include <QPointF>
#include <QString>

#include <optional>
#include <vector>

class QGraphicsScene;

namespace ringflow::ui {

class NoteItem;
class PipelineDocument;

/// The notes of the document on the canvas: one NoteItem per note, kept in step with the document,
/// and the notes' edits (add, type, drag, delete) made into steps of the document's undo history.
class NoteLayer : public QObject {
    Q_OBJECT
public:
    NoteLayer(PipelineDocument *document, QGraphicsScene *scene);

    const std::vector<NoteItem *> &items() const { return m_items; }
    /// Indexes of the selected notes, ascending.
    std::vector<int> selectedIndexes() const;

    /// Adds an empty note with its top-left corner at `scenePos` (one undo step) and starts
    /// editing it, so that what the user types goes into it.
    NoteItem *addNote(QPointF scenePos);
    /// Remembers where the selected notes are: a drag starts.
    void rememberPositions();
    /// The notes with the selected ones where they were dragged to, when any moved since
    /// rememberPositions().
    std::optional<std::vector<pipeline::Note>> draggedNotes();
    /// The notes without the selected ones; nullopt when none is selected.
    std::optional<std::vector<pipeline::Note>> withoutSelected() const;

private:
    /// Brings the items in line with the document's notes, editing in place what it can: the item
    /// whose text is being edited stays.
    void sync();
    void commitText(int index, const QString &text);

    PipelineDocument *m_document;
    QGraphicsScene *m_scene;
    std::vector<NoteItem *> m_items;
    std::vector<pipeline::Position> m_pressPositions; ///< by index; empty when no drag
};

} // namespace ringflow::ui
