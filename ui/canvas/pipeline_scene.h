#pragma once

#include "canvas/arrange.h"
#include "pipeline/pipeline_spec.h"

#include <QGraphicsScene>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

namespace ringflow::ui {

class ConnectionDraft;
class ConnectionItem;
class NodeItem;
class NoteLayer;
class PipelineDocument;
class PortItem;

/// The canvas: one NodeItem per node and one ConnectionItem per wire of the document, kept in step
/// with the document's signals. The items hold ids only. User gestures on the canvas (moving nodes,
/// drawing a wire from port to port) and edits of the selection become document edits, so every
/// one of them can be undone.
class PipelineScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit PipelineScene(PipelineDocument *document, QObject *parent = nullptr);
    ~PipelineScene() override;

    PipelineDocument *document() const { return m_document; }
    NoteLayer *notes() const { return m_notes; }
    NodeItem *nodeItem(const QString &id) const;
    PortItem *portItem(const QString &nodeId, const QString &port) const;
    const std::vector<ConnectionItem *> &connectionItems() const { return m_connections; }
    ConnectionItem *connectionItem(const pipeline::Connection &connection) const;

    /// Ids of the selected nodes, in the order of the spec.
    QStringList selectedNodeIds() const;
    std::vector<pipeline::Connection> selectedConnections() const;
    /// Selects exactly these nodes.
    void selectNodes(const QStringList &ids);

    void setSnapToGrid(bool snap);
    bool snapToGrid() const { return m_snap; }
    /// `point` on the grid when snapping is on, else unchanged.
    QPointF snapped(QPointF point) const;

    /// Shows a short text under a node (for run-time figures); empty removes it.
    void setNodeBadge(const QString &id, const QString &text);

    /// Deletes the selected nodes (with their wires), wires and notes, as one undo step named `text`
    /// (by default "Delete ...").
    void deleteSelection(const QString &text = {});
    /// The selected nodes, the wires among them and the selected notes.
    pipeline::PipelineSpec selectionFragment() const;
    /// Adds a copy of `fragment` (nodes under new ids, and notes) as one undo step, shifted so that
    /// it does not hide what it was copied from, and selects it. Returns the new nodes' ids.
    QStringList pasteFragment(const pipeline::PipelineSpec &fragment, const QString &text);
    void duplicateSelection();
    /// Lays out every node left to right (one undo step).
    void layoutAll();
    /// How many nodes and notes are selected: what alignment and distribution move.
    int arrangeableCount() const;
    /// Lines up the selected nodes and notes (two or more), one undo step.
    void alignSelection(Alignment alignment);
    /// Spaces the selected nodes and notes (three or more) with equal gaps, one undo step.
    void distributeSelection(Qt::Orientation orientation);

    bool isDrawingConnection() const { return m_draft != nullptr; }
    /// The port under `scenePos`, if any.
    PortItem *portAt(QPointF scenePos) const;

Q_SIGNALS:
    /// A sentence for the status bar: why a wire was refused, what was connected.
    void message(const QString &text);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void rebuild();
    void addNodeItem(const QString &id);
    void removeNodeItem(const QString &id);
    void moveNodeItem(const QString &id);
    void renameNodeItem(const QString &oldId, const QString &newId);
    void addConnectionItem(const pipeline::Connection &connection);
    void removeConnectionItem(const pipeline::Connection &connection);
    void updateWiresOf(const QString &id);
    void updateWire(ConnectionItem *item) const;
    void refreshState();

    void finishConnection(QPointF scenePos);
    /// Moves the selected nodes and notes to `corners` (in the order of selectedRects()).
    void moveSelectionTo(const std::vector<QPointF> &corners, const QString &text);
    /// The selected nodes' cards, then the selected notes, in scene coordinates.
    std::vector<QRectF> selectedRects() const;

    PipelineDocument *m_document;
    NoteLayer *m_notes;
    std::map<QString, NodeItem *> m_nodes;
    std::vector<ConnectionItem *> m_connections;
    std::unique_ptr<ConnectionDraft> m_draft;
    std::map<QString, QPointF> m_pressPositions;
    bool m_snap = false;
};

} // namespace ringflow::ui
