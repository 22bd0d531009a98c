#include "document/pipeline_document.h"

#include "document/commands.h"
#include "document/edit_rules.h"
#include "pipeline/kind_registry.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUndoStack>

#include <algorithm>
#include <set>

namespace ringflow::ui {

namespace {

std::string toStd(const QString &text)
{
    return text.toStdString();
}

} // namespace

PipelineDocument::PipelineDocument(QObject *parent) : QObject(parent), m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
    recompile();
}

const pipeline::Node *PipelineDocument::node(const QString &id) const
{
    const int index = indexOf(toStd(id));
    return index < 0 ? nullptr : &m_spec.nodes[static_cast<std::size_t>(index)];
}

int PipelineDocument::nodeIndex(const QString &id) const
{
    return indexOf(toStd(id));
}

pipeline::Node *PipelineDocument::mutableNode(const QString &id)
{
    const int index = indexOf(toStd(id));
    return index < 0 ? nullptr : &m_spec.nodes[static_cast<std::size_t>(index)];
}

int PipelineDocument::indexOf(const std::string &id) const
{
    if (m_nodeIndex.empty()) {
        // A file may repeat an id (the validator says so): the first node keeps it, as findNode does.
        for (std::size_t i = 0; i < m_spec.nodes.size(); ++i)
            m_nodeIndex.emplace(m_spec.nodes[i].id, static_cast<int>(i));
    }
    const auto found = m_nodeIndex.find(id);
    return found == m_nodeIndex.end() ? -1 : found->second;
}

QString PipelineDocument::displayName() const
{
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    return m_spec.name.empty() ? tr("Untitled") : QString::fromStdString(m_spec.name);
}

bool PipelineDocument::isModified() const
{
    return !m_undoStack->isClean();
}

std::vector<pipeline::Problem> PipelineDocument::problemsOf(const QString &nodeId) const
{
    std::vector<pipeline::Problem> found;
    const auto indexes = m_problemsByNode.find(toStd(nodeId));
    if (indexes != m_problemsByNode.end())
        for (const std::size_t index : indexes->second)
            found.push_back(m_compiled.problems[index]);
    return found;
}

void PipelineDocument::reset(pipeline::PipelineSpec spec, const QString &filePath)
{
    m_undoStack->clear();
    m_spec = std::move(spec);
    forgetIndex();
    const bool pathChanged = filePath != m_filePath;
    m_filePath = filePath;
    recompile();
    Q_EMIT specReset();
    Q_EMIT edited();
    Q_EMIT modifiedChanged(false);
    if (pathChanged)
        Q_EMIT filePathChanged(m_filePath);
}

void PipelineDocument::markSaved(const QString &filePath)
{
    m_undoStack->setClean();
    if (filePath != m_filePath) {
        m_filePath = filePath;
        Q_EMIT filePathChanged(m_filePath);
    }
}

QString PipelineDocument::uniqueId(const QString &base, const QSet<QString> &alsoTaken) const
{
    static const QRegularExpression trailingDigits(QStringLiteral("\\d+$"));
    QString stem = base;
    stem.remove(trailingDigits);
    if (stem.isEmpty())
        stem = QStringLiteral("node");
    for (int n = 1;; ++n) {
        const QString candidate = stem + QString::number(n);
        if (!node(candidate) && !alsoTaken.contains(candidate))
            return candidate;
    }
}

QString PipelineDocument::connectionRefusal(const pipeline::Connection &connection) const
{
    return ui::connectionRefusal(m_spec, problems(), connection);
}

QString PipelineDocument::parameterRefusal(
    const QString &nodeId, const QString &param, const pipeline::ParamValue &value) const
{
    const pipeline::Node *current = node(nodeId);
    return current ? ui::parameterRefusal(*current, toStd(param), value) : tr("There is no node '%1'.").arg(nodeId);
}

QString PipelineDocument::renameRefusal(const QString &oldId, const QString &newId) const
{
    return ui::renameRefusal(m_spec, oldId, newId);
}

void PipelineDocument::setStructureLock(const QString &reason)
{
    const bool wasLocked = isStructureLocked();
    m_lockReason = reason;
    if (wasLocked != isStructureLocked())
        Q_EMIT structureLockChanged(isStructureLocked());
}

bool PipelineDocument::isLiveParameter(const QString &nodeId, const QString &param) const
{
    const pipeline::Node *current = node(nodeId);
    const pipeline::KindSpec *kind = current ? pipeline::findKind(current->kind) : nullptr;
    const pipeline::ParamSpec *spec = kind ? kind->findParam(toStd(param)) : nullptr;
    return spec && spec->liveTunable;
}

bool PipelineDocument::refusedByLock()
{
    if (!isStructureLocked())
        return false;
    Q_EMIT editRefused(m_lockReason);
    return true;
}

bool PipelineDocument::allowedUnderLock(const QUndoCommand *command) const
{
    // Only the document pushes onto its stack: DocumentCommands, and editTogether()'s macros of them.
    if (const auto *step = dynamic_cast<const DocumentCommand *>(command))
        return !step->isStructural();
    for (int i = 0; i < command->childCount(); ++i)
        if (!allowedUnderLock(command->child(i)))
            return false;
    return true;
}

bool PipelineDocument::canUndoNow() const
{
    if (!m_undoStack->canUndo())
        return false;
    return !isStructureLocked() || allowedUnderLock(m_undoStack->command(m_undoStack->index() - 1));
}

bool PipelineDocument::canRedoNow() const
{
    if (!m_undoStack->canRedo())
        return false;
    return !isStructureLocked() || allowedUnderLock(m_undoStack->command(m_undoStack->index()));
}

void PipelineDocument::undo()
{
    if (canUndoNow())
        m_undoStack->undo();
    else if (m_undoStack->canUndo())
        Q_EMIT editRefused(m_lockReason);
}

void PipelineDocument::redo()
{
    if (canRedoNow())
        m_undoStack->redo();
    else if (m_undoStack->canRedo())
        Q_EMIT editRefused(m_lockReason);
}

QString PipelineDocument::addNode(const QString &kind, QPointF position)
{
    if (refusedByLock())
        return {};
    pipeline::Node node;
    node.kind = toStd(kind);
    node.id = toStd(uniqueId(kind));
    node.position = pipeline::Position {position.x(), position.y()};
    const QString id = QString::fromStdString(node.id);
    m_undoStack->push(new InsertItemsCommand(this, {node}, {}, tr("Add %1").arg(id)));
    return id;
}

void PipelineDocument::removeItems(
    const QStringList &nodeIds, const std::vector<pipeline::Connection> &connections, const QString &text)
{
    if (refusedByLock())
        return;
    // Each given wire takes the first index holding an equal wire that no earlier one took, so that
    // a wire drawn twice can be removed once.
    std::vector<int> indexes;
    std::set<int> taken;
    for (const pipeline::Connection &connection : connections) {
        for (std::size_t i = 0; i < m_spec.connections.size(); ++i) {
            if (m_spec.connections[i] == connection && taken.insert(static_cast<int>(i)).second) {
                indexes.push_back(static_cast<int>(i));
                break;
            }
        }
    }
    auto *command = new RemoveItemsCommand(this, {nodeIds.begin(), nodeIds.end()}, indexes, text);
    if (command->isEmpty()) {
        delete command;
        return;
    }
    m_undoStack->push(command);
}

void PipelineDocument::moveNodes(
    const std::map<QString, pipeline::Position> &positions, const QString &text, bool mergeable)
{
    std::map<QString, MoveNodesCommand::Move> moves;
    for (const auto &[id, to] : positions) {
        const pipeline::Node *current = node(id);
        if (current && current->position != to)
            moves[id] = {current->position, to};
    }
    if (!moves.empty())
        m_undoStack->push(new MoveNodesCommand(this, std::move(moves), text, mergeable));
}

QString PipelineDocument::connectPorts(const pipeline::Connection &connection)
{
    if (refusedByLock())
        return m_lockReason;
    const QString refusal = connectionRefusal(connection);
    if (!refusal.isEmpty())
        return refusal;
    const QString text
        = tr("Connect %1.%2 to %3.%4")
              .arg(QString::fromStdString(connection.from.node), QString::fromStdString(connection.from.port),
                  QString::fromStdString(connection.to.node), QString::fromStdString(connection.to.port));
    m_undoStack->push(new InsertItemsCommand(this, {}, {connection}, text));
    return {};
}

QString PipelineDocument::setParameter(
    const QString &nodeId, const QString &param, const std::optional<pipeline::ParamValue> &value)
{
    const pipeline::Node *current = node(nodeId);
    if (!current)
        return tr("There is no node '%1'.").arg(nodeId);
    if (isStructureLocked() && !isLiveParameter(nodeId, param)) {
        Q_EMIT editRefused(m_lockReason);
        return m_lockReason;
    }
    if (value) {
        const QString refusal = parameterRefusal(nodeId, param, *value);
        if (!refusal.isEmpty())
            return refusal;
    }
    const auto own = current->params.find(toStd(param));
    const std::optional<pipeline::ParamValue> old
        = own == current->params.end() ? std::nullopt : std::optional<pipeline::ParamValue>(own->second);
    if (old != value)
        m_undoStack->push(new SetParameterCommand(this, nodeId, toStd(param), value));
    return {};
}

QString PipelineDocument::renameNode(const QString &oldId, const QString &newId)
{
    if (!node(oldId))
        return tr("There is no node '%1'.").arg(oldId);
    if (oldId != newId && refusedByLock())
        return m_lockReason;
    const QString refusal = renameRefusal(oldId, newId);
    if (refusal.isEmpty() && oldId != newId)
        m_undoStack->push(new RenameNodeCommand(this, oldId, newId));
    return refusal;
}

void PipelineDocument::setPipelineName(const QString &name)
{
    if (toStd(name) != m_spec.name)
        m_undoStack->push(new SetPipelineNameCommand(this, toStd(name)));
}

QStringList PipelineDocument::insertFragment(
    const pipeline::PipelineSpec &fragment, QPointF offset, const QString &text)
{
    if (!fragment.nodes.empty() && refusedByLock())
        return {};
    std::map<std::string, std::string> renamed;
    QSet<QString> taken;
    QStringList ids;
    std::vector<pipeline::Node> nodes;
    for (pipeline::Node node : fragment.nodes) {
        const QString id = uniqueId(QString::fromStdString(node.kind), taken);
        taken.insert(id);
        ids.append(id);
        renamed[node.id] = toStd(id);
        node.id = toStd(id);
        const pipeline::Position from = node.position.value_or(pipeline::Position {});
        node.position = pipeline::Position {from.x + offset.x(), from.y + offset.y()};
        nodes.push_back(std::move(node));
    }
    std::vector<pipeline::Connection> connections;
    for (pipeline::Connection connection : fragment.connections) {
        const auto from = renamed.find(connection.from.node);
        const auto to = renamed.find(connection.to.node);
        if (from == renamed.end() || to == renamed.end())
            continue;
        connection.from.node = from->second;
        connection.to.node = to->second;
        connections.push_back(std::move(connection));
    }
    if (!nodes.empty())
        m_undoStack->push(new InsertItemsCommand(this, std::move(nodes), std::move(connections), text));
    return ids;
}

void PipelineDocument::insertNodeRaw(int index, pipeline::Node node)
{
    const QString id = QString::fromStdString(node.id);
    // Appending, the usual case, keeps every other index; inserting before others shifts them.
    if (!m_nodeIndex.empty() && index == static_cast<int>(m_spec.nodes.size()))
        m_nodeIndex.emplace(node.id, index);
    else
        forgetIndex();
    m_spec.nodes.insert(m_spec.nodes.begin() + index, std::move(node));
    Q_EMIT nodeAdded(id);
}

pipeline::Node PipelineDocument::removeNodeRaw(int index)
{
    pipeline::Node node = std::move(m_spec.nodes[static_cast<std::size_t>(index)]);
    m_spec.nodes.erase(m_spec.nodes.begin() + index);
    forgetIndex();
    Q_EMIT nodeRemoved(QString::fromStdString(node.id));
    return node;
}

void PipelineDocument::setPositionRaw(const QString &id, const std::optional<pipeline::Position> &position)
{
    if (pipeline::Node *target = mutableNode(id)) {
        target->position = position;
        Q_EMIT nodeMoved(id);
    }
}

void PipelineDocument::setParamRaw(
    const QString &id, const std::string &param, const std::optional<pipeline::ParamValue> &value)
{
    pipeline::Node *target = mutableNode(id);
    if (!target)
        return;
    if (value)
        target->params[param] = *value;
    else
        target->params.erase(param);
    Q_EMIT nodeChanged(id);
}

void PipelineDocument::renameNodeRaw(const QString &oldId, const QString &newId)
{
    pipeline::Node *target = mutableNode(oldId);
    if (!target)
        return;
    const std::string from = toStd(oldId);
    const std::string to = toStd(newId);
    target->id = to;
    forgetIndex();
    for (pipeline::Connection &connection : m_spec.connections) {
        if (connection.from.node == from)
            connection.from.node = to;
        if (connection.to.node == from)
            connection.to.node = to;
    }
    Q_EMIT nodeRenamed(oldId, newId);
}

void PipelineDocument::setNameRaw(const std::string &name)
{
    m_spec.name = name;
    Q_EMIT nameChanged();
}

void PipelineDocument::insertConnectionRaw(int index, const pipeline::Connection &connection)
{
    m_spec.connections.insert(m_spec.connections.begin() + index, connection);
    Q_EMIT connectionAdded(connection);
}

pipeline::Connection PipelineDocument::removeConnectionRaw(int index)
{
    const pipeline::Connection connection = m_spec.connections[static_cast<std::size_t>(index)];
    m_spec.connections.erase(m_spec.connections.begin() + index);
    Q_EMIT connectionRemoved(connection);
    return connection;
}

void PipelineDocument::finishEdit()
{
    recompile();
    Q_EMIT edited();
}

void PipelineDocument::setBudget(const pipeline::ResourceBudget &budget)
{
    if (budget.memoryBytes == m_budget.memoryBytes && budget.threads == m_budget.threads)
        return;
    m_budget = budget;
    recompile();
    Q_EMIT edited();
}

void PipelineDocument::recompile()
{
    m_compiled = pipeline::compile(m_spec, m_budget);
    m_problemsByNode.clear();
    for (std::size_t i = 0; i < m_compiled.problems.size(); ++i)
        if (!m_compiled.problems[i].nodeId.empty())
            m_problemsByNode[m_compiled.problems[i].nodeId].push_back(i);
}

} // namespace ringflow::ui
