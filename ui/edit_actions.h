#pragma once

#include <QList>
#include <QObject>

class QAction;

namespace ringflow::ui {

class PipelineDocument;
class PipelineScene;
class PipelineView;

/// The Edit menu: undo and redo through the document, which refuses structural steps while a run
/// holds it; cut, copy, paste, duplicate, delete and select all on the canvas's selection, with the
/// clipboard. The selection's shortcuts act while the canvas has the focus, so that the same keys
/// typed into a field edit the field.
class EditActions : public QObject {
    Q_OBJECT
public:
    EditActions(PipelineDocument *document, PipelineScene *scene, PipelineView *view, QObject *parent);

    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *deleteAction() const { return m_delete; }
    QAction *selectAllAction() const { return m_selectAll; }
    /// Cut, copy, paste, duplicate and delete: what acts on the selection, in menu order.
    QList<QAction *> selectionActions() const;

    void copySelection();
    void cutSelection();
    void paste();
    void selectAll();

Q_SIGNALS:
    /// A sentence for the status bar.
    void message(const QString &text);

private:
    void createUndoActions();
    void createSelectionActions(PipelineView *view);
    void updateEnabled();

    PipelineDocument *m_document;
    PipelineScene *m_scene;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_cut = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_paste = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_selectAll = nullptr;
};

} // namespace ringflow::ui
