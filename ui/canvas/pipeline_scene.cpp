#include "canvas/pipeline_scene.h"

#include "canvas/connection_draft.h"
#include "canvas/connection_item.h"
#include "canvas/grid.h"
#include "canvas/node_item.h"
#include "canvas/note_item.h"
#include "canvas/note_layer.h"
#include "canvas/port_item.h"
#include "canvas/theme.h"
#include "document/pipeline_document.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>

#include <algorithm>

namespace ringflow::ui {

namespace {

// Far larger than any pipeline, so that the view can pan freely around the drawing.
constexpr qreal kSceneExtent = 20000;

QString endText(const pipeline::Endpoint &end)
{
    return QString::fromStdString(end.node) + QLatin1Char('.') + QString::fromStdString(end.port);
}

QPointF positionOf(const pipeline::Node &node)
{
    return node.position ? QPointF(node.position->x, node.position->y) : QPointF();
}

} // namespace

PipelineScene::PipelineScene(PipelineDocument *document, QObject *parent)
    : QGraphicsScene(parent), m_document(document), m_notes(new NoteLayer(document, this))
{
    setSceneRect(-kSceneExtent, -kSceneExtent, 2 * kSceneExtent, 2 * kSceneExtent);
    setItemIndexMethod(QGraphicsScene::NoIndex);
    connect(document, &PipelineDocument::specReset, this, &PipelineScene::rebuild);
    connect(document, &PipelineDocument::nodeAdded, this, &PipelineScene::addNodeItem);
    connect(document, &PipelineDocument::nodeRemoved, this, &PipelineScene::removeNodeItem);
    connect(document, &PipelineDocument::nodeMoved, this, &PipelineScene::moveNodeItem);
    connect(document, &PipelineDocument::nodeRenamed, this, &PipelineScene::renameNodeItem);
    connect(document, &PipelineDocument::nodeChanged, this, [this](const QString &id) {
        if (NodeItem *item = nodeItem(id))
            item->refresh();
    });
    connect(document, &PipelineDocument::connectionAdded, this, &PipelineScene::addConnectionItem);
    connect(document, &PipelineDocument::connectionRemoved, this, &PipelineScene::removeConnectionItem);
    connect(document, &PipelineDocument::edited, this, &PipelineScene::refreshState);
    rebuild();
}

PipelineScene::~PipelineScene()
{
    // Deleting the items changes the selection; nobody may hear of it, since the document that
    // listeners would consult may already be gone.
    blockSignals(true);
    delete m_notes; // before the notes' items: one losing the focus must not edit the document
}

NodeItem *PipelineScene::nodeItem(const QString &id) const
{
    const auto found = m_nodes.find(id);
    return found == m_nodes.end() ? nullptr : found->second;
}

PortItem *PipelineScene::portItem(const QString &nodeId, const QString &port) const
{
    const NodeItem *item = nodeItem(nodeId);
    return item ? item->port(port) : nullptr;
}

ConnectionItem *PipelineScene::connectionItem(const pipeline::Connection &connection) const
{
    const auto found = std::find_if(m_connections.begin(), m_connections.end(),
        [&](const ConnectionItem *item) { return item->connection() == connection; });
    return found == m_connections.end() ? nullptr : *found;
}

QStringList PipelineScene::selectedNodeIds() const
{
    QStringList ids;
    for (const pipeline::Node &node : m_document->spec().nodes) {
        const QString id = QString::fromStdString(node.id);
        const NodeItem *item = nodeItem(id);
        if (item && item->isSelected() && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

std::vector<pipeline::Connection> PipelineScene::selectedConnections() const
{
    std::vector<pipeline::Connection> selected;
    for (const ConnectionItem *item : m_connections)
        if (item->isSelected())
            selected.push_back(*item->connection());
    return selected;
}

void PipelineScene::selectNodes(const QStringList &ids)
{
    clearSelection();
    for (const QString &id : ids)
        if (NodeItem *item = nodeItem(id))
            item->setSelected(true);
}

void PipelineScene::setSnapToGrid(bool snap)
{
    m_snap = snap;
    for (const auto &[id, item] : m_nodes)
        item->setSnapStep(snap ? theme::kGridStep : 0);
}

QPointF PipelineScene::snapped(QPointF point) const
{
    return m_snap ? ui::snapToGrid(point) : point;
}

void PipelineScene::setNodeBadge(const QString &id, const QString &text)
{
    if (NodeItem *item = nodeItem(id))
        item->setBadge(text);
}

void PipelineScene::rebuild()
{
    m_draft.reset();
    m_pressPositions.clear();
    for (ConnectionItem *item : m_connections)
        delete item;
    m_connections.clear();
    for (const auto &[id, item] : m_nodes)
        delete item;
    m_nodes.clear();
    for (const pipeline::Node &node : m_document->spec().nodes)
        addNodeItem(QString::fromStdString(node.id));
    for (const pipeline::Connection &connection : m_document->spec().connections)
        addConnectionItem(connection);
    refreshState();
}

void PipelineScene::addNodeItem(const QString &id)
{
    const pipeline::Node *node = m_document->node(id);
    if (!node || m_nodes.count(id) > 0)
        return;
    auto *item = new NodeItem(m_document, id);
    item->setPos(positionOf(*node));
    item->setSnapStep(m_snap ? theme::kGridStep : 0);
    // Read the id when the signal fires, not now: the node may have been renamed in between.
    const auto follow = [this, item] { updateWiresOf(item->nodeId()); };
    connect(item, &NodeItem::xChanged, this, follow);
    connect(item, &NodeItem::yChanged, this, follow);
    addItem(item);
    m_nodes[id] = item;
}

void PipelineScene::removeNodeItem(const QString &id)
{
    const auto found = m_nodes.find(id);
    if (found == m_nodes.end())
        return;
    // A wire being drawn may point at this node's ports (an undo while the button is held).
    m_draft.reset();
    m_pressPositions.erase(id);
    delete found->second;
    m_nodes.erase(found);
}

void PipelineScene::moveNodeItem(const QString &id)
{
    const pipeline::Node *node = m_document->node(id);
    if (NodeItem *item = nodeItem(id); node && item)
        item->setPos(positionOf(*node));
}

void PipelineScene::renameNodeItem(const QString &oldId, const QString &newId)
{
    const auto found = m_nodes.find(oldId);
    if (found == m_nodes.end())
        return;
    NodeItem *item = found->second;
    m_nodes.erase(found);
    m_nodes[newId] = item;
    item->setNodeId(newId);
    const std::string from = oldId.toStdString();
    const std::string to = newId.toStdString();
    for (ConnectionItem *wire : m_connections) {
        pipeline::Connection connection = *wire->connection();
        if (connection.from.node == from)
            connection.from.node = to;
        if (connection.to.node == from)
            connection.to.node = to;
        wire->setConnection(connection);
    }
}

void PipelineScene::addConnectionItem(const pipeline::Connection &connection)
{
    auto *item = new ConnectionItem(connection);
    addItem(item);
    m_connections.push_back(item);
    updateWire(item);
}

void PipelineScene::removeConnectionItem(const pipeline::Connection &connection)
{
    const auto found = std::find_if(m_connections.begin(), m_connections.end(),
        [&](const ConnectionItem *item) { return item->connection() == connection; });
    if (found == m_connections.end())
        return;
    delete *found;
    m_connections.erase(found);
}

void PipelineScene::updateWiresOf(const QString &id)
{
    const std::string key = id.toStdString();
    for (ConnectionItem *item : m_connections)
        if (item->connection()->from.node == key || item->connection()->to.node == key)
            updateWire(item);
}

void PipelineScene::updateWire(ConnectionItem *item) const
{
    // A wire to a port that does not exist (a hand-edited file) is drawn to the node's edge; the
    // validator has already said what is wrong with it.
    const auto anchor = [this](const pipeline::Endpoint &end, bool output) {
        const QString id = QString::fromStdString(end.node);
        if (const PortItem *port = portItem(id, QString::fromStdString(end.port)))
            return port->anchor();
        if (const NodeItem *node = nodeItem(id))
            return node->mapToScene(
                output ? QPointF(theme::kNodeWidth, theme::kHeaderHeight / 2) : QPointF(0, theme::kHeaderHeight / 2));
        return QPointF();
    };
    item->setEnds(anchor(item->connection()->from, true), anchor(item->connection()->to, false));
}

void PipelineScene::refreshState()
{
    // Parameters reach the cards through nodeChanged(); after an edit only the problems and the
    // wires' ends may have changed, anywhere. Linear in the items: files have tens of thousands.
    for (const auto &[id, item] : m_nodes) {
        item->refreshProblems();
        for (PortItem *port : item->ports())
            port->setConnected(false);
    }
    std::map<pipeline::Connection, ConnectionItem *> byConnection;
    for (ConnectionItem *item : m_connections) {
        item->setProblem({});
        byConnection.emplace(*item->connection(), item);
        for (const pipeline::Endpoint &end : {item->connection()->from, item->connection()->to})
            if (PortItem *port = portItem(QString::fromStdString(end.node), QString::fromStdString(end.port)))
                port->setConnected(true);
        updateWire(item);
    }
    const pipeline::PipelineSpec &spec = m_document->spec();
    for (const pipeline::Problem &problem : m_document->problems()) {
        if (!problem.connection || *problem.connection >= spec.connections.size())
            continue;
        if (const auto found = byConnection.find(spec.connections[*problem.connection]); found != byConnection.end())
            found->second->setProblem(QString::fromStdString(pipeline::toString(problem)));
    }
}

PortItem *PipelineScene::portAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos))
        if (item->type() == PortItem::Type)
            return static_cast<PortItem *>(item);
    return nullptr;
}

void PipelineScene::finishConnection(QPointF scenePos)
{
    const std::optional<pipeline::Connection> connection = m_draft->connectionAt(scenePos);
    m_draft.reset();
    if (!connection)
        return;
    const QString refusal = m_document->connectPorts(*connection);
    if (refusal.isEmpty())
        Q_EMIT message(tr("Connected %1 to %2.").arg(endText(connection->from), endText(connection->to)));
    else
        Q_EMIT message(
            tr("Cannot connect %1 to %2: %3").arg(endText(connection->from), endText(connection->to), refusal));
}

void PipelineScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !m_draft) {
        if (PortItem *port = portAt(event->scenePos())) {
            m_draft = std::make_unique<ConnectionDraft>(this, port, event->scenePos());
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_pressPositions.clear();
    if (event->button() != Qt::LeftButton)
        return;
    m_notes->rememberPositions();
    for (const auto &[id, item] : m_nodes)
        if (item->isSelected())
            m_pressPositions[id] = item->pos();
}

void PipelineScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_draft) {
        m_draft->moveTo(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void PipelineScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_draft) {
        if (event->button() == Qt::LeftButton)
            finishConnection(event->scenePos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    std::map<QString, pipeline::Position> moved;
    for (const auto &[id, from] : m_pressPositions) {
        const NodeItem *item = nodeItem(id);
        if (item && item->pos() != from)
            moved[id] = pipeline::Position {item->pos().x(), item->pos().y()};
    }
    m_pressPositions.clear();
    const std::optional<std::vector<pipeline::Note>> notes = m_notes->draggedNotes();
    if (moved.empty() && !notes)
        return;
    const QString text = moved.size() == 1 && !notes ? tr("Move %1").arg(moved.begin()->first)
        : moved.empty()                              ? tr("Move note")
                                                     : tr("Move %n item(s)", nullptr, static_cast<int>(moved.size()));
    m_document->editTogether(text, [&] {
        m_document->moveNodes(moved, text);
        if (notes)
            m_document->setNotes(*notes, text);
    });
}

void PipelineScene::keyPressEvent(QKeyEvent *event)
{
    if (focusItem() && focusItem()->type() == NoteItem::Type) { // the keys of a note being written
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    if (m_draft && event->key() == Qt::Key_Escape) {
        m_draft.reset();
        event->accept();
        return;
    }
    QPointF step;
    const qreal distance = (event->modifiers() & Qt::ShiftModifier) && !m_snap ? 1 : theme::kGridStep;
    switch (event->key()) {
    case Qt::Key_Left:
        step = {-distance, 0};
        break;
    case Qt::Key_Right:
        step = {distance, 0};
        break;
    case Qt::Key_Up:
        step = {0, -distance};
        break;
    case Qt::Key_Down:
        step = {0, distance};
        break;
    default:
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    std::map<QString, pipeline::Position> moved;
    for (const QString &id : selectedNodeIds()) {
        const QPointF to = nodeItem(id)->pos() + step;
        moved[id] = pipeline::Position {to.x(), to.y()};
    }
    if (moved.empty()) {
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    m_document->moveNodes(moved, tr("Nudge"), true);
    event->accept();
}

void PipelineScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    paintGrid(painter, rect);
}

} // namespace ringflow::ui
