#pragma once

#include "document/pipeline_document.h"
#include "pipeline/pipeline_spec.h"

#include <QString>
#include <QUndoCommand>

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace ringflow::ui {

/// A step of the document's undo history. Commands change the spec only through the document's raw
/// mutators, which this class alone may call (it is their friend) and lends to its subclasses, so
/// that every change of the spec is a step of the history. Each redo() and undo() ends with
/// finishEdit(): the document compiles the spec once and emits edited().
class DocumentCommand : public QUndoCommand {
public:
    /// Whether the step changes what a running pipeline is made of (nodes, wires, ids, parameters
    /// the runtime cannot take live). The structure lock refuses to undo or redo such a step.
    virtual bool isStructural() const = 0;

protected:
    DocumentCommand(PipelineDocument *document, const QString &text) : QUndoCommand(text), m_document(document) { }

    PipelineDocument *document() const { return m_document; }

    void insertNodeRaw(int index, pipeline::Node node) { m_document->insertNodeRaw(index, std::move(node)); }
    pipeline::Node removeNodeRaw(int index) { return m_document->removeNodeRaw(index); }
    void setPositionRaw(const QString &id, const std::optional<pipeline::Position> &position)
    {
        m_document->setPositionRaw(id, position);
    }
    void setParamRaw(const QString &id, const std::string &param, const std::optional<pipeline::ParamValue> &value)
    {
        m_document->setParamRaw(id, param, value);
    }
    void renameNodeRaw(const QString &oldId, const QString &newId) { m_document->renameNodeRaw(oldId, newId); }
    void setNameRaw(const std::string &name) { m_document->setNameRaw(name); }
    void setExperimentsRaw(std::vector<pipeline::ExperimentSpec> list)
    {
        m_document->setExperimentsRaw(std::move(list));
    }
    void insertConnectionRaw(int index, const pipeline::Connection &connection)
    {
        m_document->insertConnectionRaw(index, connection);
    }
    pipeline::Connection removeConnectionRaw(int index) { return m_document->removeConnectionRaw(index); }
    void setNotesRaw(std::vector<pipeline::Note> notes) { m_document->setNotesRaw(std::move(notes)); }
    void finishEdit() { m_document->finishEdit(); }

private:
    PipelineDocument *m_document;
};

/// Appends nodes, then wires, to the document: adding one node, pasting, connecting two ports.
class InsertItemsCommand : public DocumentCommand {
public:
    InsertItemsCommand(PipelineDocument *document, std::vector<pipeline::Node> nodes,
        std::vector<pipeline::Connection> connections, const QString &text);
    void redo() override;
    void undo() override;
    bool isStructural() const override { return true; }

private:
    std::vector<pipeline::Node> m_nodes;
    std::vector<pipeline::Connection> m_connections;
    int m_firstNode = 0;
    int m_firstConnection = 0;
};

/// Removes nodes together with every wire attached to them, plus any other wires given. Undo puts
/// each one back at its old index, so that undo restores a spec equal to the one before.
class RemoveItemsCommand : public DocumentCommand {
public:
    /// `connectionIndexes` are indexes into spec().connections at the time of construction.
    RemoveItemsCommand(PipelineDocument *document, const std::vector<QString> &nodeIds,
        const std::vector<int> &connectionIndexes, const QString &text);
    void redo() override;
    void undo() override;
    bool isStructural() const override { return true; }
    bool isEmpty() const { return m_nodes.empty() && m_connections.empty(); }

private:
    std::vector<std::pair<int, pipeline::Node>> m_nodes; // ascending index
    std::vector<std::pair<int, pipeline::Connection>> m_connections; // ascending index
};

/// Moves nodes. A drag is one command; keyboard nudges of the same nodes merge into one.
class MoveNodesCommand : public DocumentCommand {
public:
    struct Move {
        std::optional<pipeline::Position> from;
        pipeline::Position to;
    };
    MoveNodesCommand(
        PipelineDocument *document, std::map<QString, Move> moves, const QString &text, bool mergeable = false);
    void redo() override;
    void undo() override;
    bool isStructural() const override { return false; }
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    std::map<QString, Move> m_moves;
    bool m_mergeable;
};

/// Sets a parameter to a value, or with nullopt removes it so that the kind's default applies.
class SetParameterCommand : public DocumentCommand {
public:
    SetParameterCommand(PipelineDocument *document, const QString &nodeId, std::string param,
        std::optional<pipeline::ParamValue> value);
    void redo() override;
    void undo() override;
    /// Structural unless the parameter is live: a running pipeline takes it at once.
    bool isStructural() const override;

private:
    QString m_nodeId;
    std::string m_param;
    std::optional<pipeline::ParamValue> m_old;
    std::optional<pipeline::ParamValue> m_new;
};

/// Renames a node and the ends of its wires.
class RenameNodeCommand : public DocumentCommand {
public:
    RenameNodeCommand(PipelineDocument *document, const QString &oldId, const QString &newId);
    void redo() override;
    void undo() override;
    bool isStructural() const override { return true; }

private:
    QString m_oldId;
    QString m_newId;
};

class SetPipelineNameCommand : public DocumentCommand {
public:
    SetPipelineNameCommand(PipelineDocument *document, std::string name);
    void redo() override;
    void undo() override;
    bool isStructural() const override { return false; }

private:
    std::string m_old;
    std::string m_new;
};

/// Replaces the notes on the canvas: adding, editing, moving or deleting notes. Notes are no part of
/// what runs, so a run's structure lock leaves them editable.
class SetNotesCommand : public DocumentCommand {
public:
    SetNotesCommand(PipelineDocument *document, std::vector<pipeline::Note> notes, const QString &text);
    void redo() override;
    void undo() override;
    bool isStructural() const override { return false; }

private:
    std::vector<pipeline::Note> m_old;
    std::vector<pipeline::Note> m_new;
};

} // namespace ringflow::ui
