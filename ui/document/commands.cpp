#include "document/commands.h"

#include <algorithm>
#include <set>

namespace ringflow::ui {

namespace {

enum CommandId { MoveNodesId = 1 };

bool touches(const pipeline::Connection &connection, const std::set<std::string> &nodes)
{
    return nodes.count(connection.from.node) > 0 || nodes.count(connection.to.node) > 0;
}

} // namespace

InsertItemsCommand::InsertItemsCommand(PipelineDocument *document, std::vector<pipeline::Node> nodes,
    std::vector<pipeline::Connection> connections, const QString &text)
    : DocumentCommand(document, text), m_nodes(std::move(nodes)), m_connections(std::move(connections))
{
}

void InsertItemsCommand::redo()
{
    m_firstNode = static_cast<int>(document()->spec().nodes.size());
    m_firstConnection = static_cast<int>(document()->spec().connections.size());
    for (std::size_t i = 0; i < m_nodes.size(); ++i)
        insertNodeRaw(m_firstNode + static_cast<int>(i), m_nodes[i]);
    for (std::size_t i = 0; i < m_connections.size(); ++i)
        insertConnectionRaw(m_firstConnection + static_cast<int>(i), m_connections[i]);
    finishEdit();
}

void InsertItemsCommand::undo()
{
    for (std::size_t i = m_connections.size(); i-- > 0;)
        removeConnectionRaw(m_firstConnection + static_cast<int>(i));
    for (std::size_t i = m_nodes.size(); i-- > 0;)
        removeNodeRaw(m_firstNode + static_cast<int>(i));
    finishEdit();
}

RemoveItemsCommand::RemoveItemsCommand(PipelineDocument *document, const std::vector<QString> &nodeIds,
    const std::vector<int> &connectionIndexes, const QString &text)
    : DocumentCommand(document, text)
{
    const pipeline::PipelineSpec &spec = document->spec();
    std::set<std::string> removed;
    for (const QString &id : nodeIds) {
        const int index = document->nodeIndex(id);
        if (index >= 0 && removed.insert(id.toStdString()).second)
            m_nodes.emplace_back(index, spec.nodes[static_cast<std::size_t>(index)]);
    }
    std::set<int> wires(connectionIndexes.begin(), connectionIndexes.end());
    for (std::size_t i = 0; i < spec.connections.size(); ++i)
        if (touches(spec.connections[i], removed))
            wires.insert(static_cast<int>(i));
    for (int index : wires)
        if (index >= 0 && index < static_cast<int>(spec.connections.size()))
            m_connections.emplace_back(index, spec.connections[static_cast<std::size_t>(index)]);
    std::sort(m_nodes.begin(), m_nodes.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
}

void RemoveItemsCommand::redo()
{
    // Highest index first, so that the indexes still to remove stay valid.
    for (auto it = m_connections.rbegin(); it != m_connections.rend(); ++it)
        removeConnectionRaw(it->first);
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it)
        removeNodeRaw(it->first);
    finishEdit();
}

void RemoveItemsCommand::undo()
{
    // Lowest index first: each insertion lands where it was because everything before it is back.
    for (const auto &[index, node] : m_nodes)
        insertNodeRaw(index, node);
    for (const auto &[index, connection] : m_connections)
        insertConnectionRaw(index, connection);
    finishEdit();
}

MoveNodesCommand::MoveNodesCommand(
    PipelineDocument *document, std::map<QString, Move> moves, const QString &text, bool mergeable)
    : DocumentCommand(document, text), m_moves(std::move(moves)), m_mergeable(mergeable)
{
}

void MoveNodesCommand::redo()
{
    for (const auto &[id, move] : m_moves)
        setPositionRaw(id, move.to);
    finishEdit();
}

void MoveNodesCommand::undo()
{
    for (const auto &[id, move] : m_moves)
        setPositionRaw(id, move.from);
    finishEdit();
}

int MoveNodesCommand::id() const
{
    return m_mergeable ? MoveNodesId : -1;
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *move = static_cast<const MoveNodesCommand *>(other);
    if (!move->m_mergeable || move->m_moves.size() != m_moves.size())
        return false;
    for (const auto &[id, step] : move->m_moves)
        if (m_moves.count(id) == 0)
            return false;
    for (const auto &[id, step] : move->m_moves)
        m_moves[id].to = step.to;
    return true;
}

SetParameterCommand::SetParameterCommand(
    PipelineDocument *document, const QString &nodeId, std::string param, std::optional<pipeline::ParamValue> value)
    : DocumentCommand(document, QObject::tr("Set %1 of %2").arg(QString::fromStdString(param), nodeId)),
      m_nodeId(nodeId),
      m_param(std::move(param)),
      m_new(std::move(value))
{
    if (const pipeline::Node *node = document->node(nodeId)) {
        const auto own = node->params.find(m_param);
        if (own != node->params.end())
            m_old = own->second;
    }
}

void SetParameterCommand::redo()
{
    setParamRaw(m_nodeId, m_param, m_new);
    finishEdit();
}

bool SetParameterCommand::isStructural() const
{
    return !document()->isLiveParameter(m_nodeId, QString::fromStdString(m_param));
}

void SetParameterCommand::undo()
{
    setParamRaw(m_nodeId, m_param, m_old);
    finishEdit();
}

RenameNodeCommand::RenameNodeCommand(PipelineDocument *document, const QString &oldId, const QString &newId)
    : DocumentCommand(document, QObject::tr("Rename %1 to %2").arg(oldId, newId)), m_oldId(oldId), m_newId(newId)
{
}

void RenameNodeCommand::redo()
{
    renameNodeRaw(m_oldId, m_newId);
    finishEdit();
}

void RenameNodeCommand::undo()
{
    renameNodeRaw(m_newId, m_oldId);
    finishEdit();
}

SetPipelineNameCommand::SetPipelineNameCommand(PipelineDocument *document, std::string name)
    : DocumentCommand(document, QObject::tr("Rename pipeline")), m_old(document->spec().name), m_new(std::move(name))
{
}

void SetPipelineNameCommand::redo()
{
    setNameRaw(m_new);
    finishEdit();
}

void SetPipelineNameCommand::undo()
{
    setNameRaw(m_old);
    finishEdit();
}

SetNotesCommand::SetNotesCommand(PipelineDocument *document, std::vector<pipeline::Note> notes, const QString &text)
    : DocumentCommand(document, text), m_old(document->spec().notes), m_new(std::move(notes))
{
}

void SetNotesCommand::redo()
{
    setNotesRaw(m_new);
    finishEdit();
}

void SetNotesCommand::undo()
{
    setNotesRaw(m_old);
    finishEdit();
}

} // namespace ringflow::ui
