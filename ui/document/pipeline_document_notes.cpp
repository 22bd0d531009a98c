// The notes on the canvas and edits of nodes and notes together: the part of PipelineDocument that
// is no part of the pipeline that runs.

#include "document/commands.h"
#include "document/pipeline_document.h"

#include <QUndoStack>

namespace ringflow::ui {

void PipelineDocument::setNotes(std::vector<pipeline::Note> notes, const QString &text)
{
    if (notes != m_spec.notes)
        m_undoStack->push(new SetNotesCommand(this, std::move(notes), text));
}

void PipelineDocument::editTogether(const QString &text, const std::function<void()> &edits)
{
    m_undoStack->beginMacro(text);
    edits();
    m_undoStack->endMacro();
    // When nothing changed (the nodes were in line already, the lock refused the edit) no empty step
    // stays in the history: undo() drops an obsolete command without undoing it.
    auto *macro = const_cast<QUndoCommand *>(m_undoStack->command(m_undoStack->index() - 1));
    if (macro->childCount() == 0) {
        macro->setObsolete(true);
        m_undoStack->undo();
    }
}

void PipelineDocument::setNotesRaw(std::vector<pipeline::Note> notes)
{
    m_spec.notes = std::move(notes);
    Q_EMIT notesChanged();
}

} // namespace ringflow::ui
