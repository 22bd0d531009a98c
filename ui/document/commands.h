#pragma once

#include "pipeline/pipeline_spec.h"

#include <QString>
#include <QUndoCommand>

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace ringflow::ui {

class PipelineDocument;

/// Appends nodes, then wires, to the document: adding one node, pasting, connecting two ports.
class InsertItemsCommand : public QUndoCommand {
public:
    InsertItemsCommand(PipelineDocument *document, std::vector<pipeline::Node> nodes,
        std::vector<pipeline::Connection> connections, const QString &text);
    void redo() override;
    void undo() override;

private:
    PipelineDocument *m_document;
    std::vector<pipeline::Node> m_nodes;
    std::vector<pipeline::Connection> m_connections;
    int m_firstNode = 0;
    int m_firstConnection = 0;
};

/// Removes nodes together with every wire attached to them, plus any other wires given. Undo puts
/// each one back at its old index, so that undo restores a spec equal to the one before.
class RemoveItemsCommand : public QUndoCommand {
public:
    /// `connectionIndexes` are indexes into spec().connections at the time of construction.
    RemoveItemsCommand(PipelineDocument *document, const std::vector<QString> &nodeIds,
        const std::vector<int> &connectionIndexes, const QString &text);
    void redo() override;
    void undo() override;
    bool isEmpty() const { return m_nodes.empty() && m_connections.empty(); }

private:
    PipelineDocument *m_document;
    std::vector<std::pair<int, pipeline::Node>> m_nodes; // ascending index
    std::vector<std::pair<int, pipeline::Connection>> m_connections; // ascending index
};

/// Moves nodes. A drag is one command; keyboard nudges of the same nodes merge into one.
class MoveNodesCommand : public QUndoCommand {
public:
    struct Move {
        std::optional<pipeline::Position> from;
        pipeline::Position to;
    };
    MoveNodesCommand(
        PipelineDocument *document, std::map<QString, Move> moves, const QString &text, bool mergeable = false);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    PipelineDocument *m_document;
    std::map<QString, Move> m_moves;
    bool m_mergeable;
};

/// Sets a parameter to a value, or with nullopt removes it so that the kind's default applies.
class SetParameterCommand : public QUndoCommand {
public:
    SetParameterCommand(PipelineDocument *document, const QString &nodeId, std::string param,
        std::optional<pipeline::ParamValue> value);
    void redo() override;
    void undo() override;
    QString nodeId() const { return m_nodeId; }
    const std::string &param() const { return m_param; }

private:
    PipelineDocument *m_document;
    QString m_nodeId;
    std::string m_param;
    std::optional<pipeline::ParamValue> m_old;
    std::optional<pipeline::ParamValue> m_new;
};

/// Renames a node and the ends of its wires.
class RenameNodeCommand : public QUndoCommand {
public:
    RenameNodeCommand(PipelineDocument *document, const QString &oldId, const QString &newId);
    void redo() override;
    void undo() override;

private:
    PipelineDocument *m_document;
    QString m_oldId;
    QString m_newId;
};

class SetPipelineNameCommand : public QUndoCommand {
public:
    SetPipelineNameCommand(PipelineDocument *document, std::string name);
    void redo() override;
    void undo() override;

private:
    PipelineDocument *m_document;
    std::string m_old;
    std::string m_new;
};

} // namespace ringflow::ui
