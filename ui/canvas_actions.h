#pragma once

#include <QObject>
#include <QPoint>
#include <QPointF>

class QAction;

namespace ringflow::ui {

class ChooserPopup;
class PipelineDocument;
class PipelineScene;
class PipelineView;

/// Adding and finding nodes from the keyboard and the mouse, as GRC, Node-RED and QtNodes editors
/// do: quick add (Tab, or a right-click on empty canvas) lists the kinds, filtered as one types,
/// and adds the chosen one where the mouse is; Find (Ctrl+F) lists the nodes and selects and
/// centres the chosen one; a kind double-clicked in the palette goes in the middle of the view, or
/// the nearest spot where it covers no other node. Notes are added the same ways: Add Note
/// (Ctrl+Shift+N) where the mouse is, or "Note" at the end of quick add's list. The status bar says
/// what happened.
class CanvasActions : public QObject {
    Q_OBJECT
public:
    CanvasActions(PipelineDocument *document, PipelineScene *scene, PipelineView *view, QObject *parent);

    QAction *quickAddAction() const { return m_quickAdd; }
    QAction *findAction() const { return m_find; }
    QAction *addNoteAction() const { return m_addNote; }
    ChooserPopup *quickAddPopup() const { return m_kinds; }
    ChooserPopup *findPopup() const { return m_nodes; }

    /// Lists the kinds under `viewportPos`; the chosen one is added there.
    void openQuickAdd(QPoint viewportPos);
    void openFind();
    /// A node of `kind` whose title bar is centred on `scenePos`, as a drop puts it; its id, or
    /// empty when refused (a run holds the structure).
    QString addNodeAt(const QString &kind, QPointF scenePos);
    /// A node of `kind` in the middle of the view, or the nearest spot where it covers nothing.
    QString addNodeAtCenter(const QString &kind);
    /// Adds a note with its top-left corner at `scenePos` and starts editing it.
    void addNoteAt(QPointF scenePos);
    /// Selects the node and scrolls it into the middle of the view.
    void showNode(const QString &id);

Q_SIGNALS:
    /// A sentence for the status bar.
    void message(const QString &text);

private:
    QString add(const QString &kind, QPointF topLeft);

    PipelineDocument *m_document;
    PipelineScene *m_scene;
    PipelineView *m_view;
    QAction *m_quickAdd;
    QAction *m_find;
    QAction *m_addNote;
    ChooserPopup *m_kinds;
    ChooserPopup *m_nodes;
    QPointF m_quickAddAt; ///< scene position of the quick add in progress
};

} // namespace ringflow::ui
