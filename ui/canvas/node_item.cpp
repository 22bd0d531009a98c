#include "canvas/node_item.h"

#include "canvas/grid.h"
#include "canvas/node_painter.h"
#include "canvas/port_item.h"
#include "canvas/problem_marker.h"
#include "canvas/theme.h"
#include "document/pipeline_document.h"
#include "format/param_format.h"
#include "pipeline/kind_registry.h"

#include <QGraphicsScene>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace ringflow::ui {

namespace {

constexpr std::size_t kMaxSummaryLines = 3;
// Levels closer than this look the same: the bar is 200 px wide.
constexpr double kLevelSteps = 400;

/// What of a run look shows on the card (the tooltip does not), with the level in visible steps.
auto visiblePart(const std::optional<NodeItem::RunLook> &look)
{
    if (!look)
        return std::tuple(false, QRgb(0), -1L, false);
    return std::tuple(true, look->color.isValid() ? look->color.rgba() : QRgb(0),
        look->level < 0 ? -1L : std::lround(std::min(look->level, 1.0) * kLevelSteps), look->bottleneck);
}

int portRows(const pipeline::KindSpec *kind)
{
    if (!kind)
        return 1;
    const auto in = std::count_if(kind->ports.begin(), kind->ports.end(),
        [](const pipeline::PortSpec &p) { return p.direction == pipeline::PortDirection::In; });
    const auto out = static_cast<long>(kind->ports.size()) - in;
    return static_cast<int>(std::max<long>({in, out, 1}));
}

} // namespace

NodeItem::NodeItem(const PipelineDocument *document, const QString &id)
    : m_document(document), m_id(id), m_marker(new ProblemMarker(this))
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
    m_marker->setPos(NodeGeometry::markerPosition());
    if (const pipeline::Node *node = document->node(id))
        buildPorts(*node);
    refresh();
}

void NodeItem::buildPorts(const pipeline::Node &node)
{
    const pipeline::KindSpec *kind = pipeline::findKind(node.kind);
    m_kindName = kind ? QString::fromStdString(kind->displayName) : QString::fromStdString(node.kind);
    m_category = kind ? std::optional(kind->category) : std::nullopt;
    if (!kind)
        return;
    int inRow = 0;
    int outRow = 0;
    for (const pipeline::PortSpec &spec : kind->ports) {
        auto *port = new PortItem(m_id, spec, this);
        port->setAccentColor(theme::categoryColor(m_category));
        const bool in = spec.direction == pipeline::PortDirection::In;
        port->setPos(NodeGeometry::portPosition(in, in ? inRow++ : outRow++));
        m_ports.push_back(port);
    }
}

QSizeF NodeItem::sizeFor(const pipeline::Node &node)
{
    return NodeGeometry(portRows(pipeline::findKind(node.kind)), summaryOf(node).size()).size();
}

std::vector<NodeItem::SummaryLine> NodeItem::summaryOf(const pipeline::Node &node)
{
    // The kind's first two parameters say what the node is; any other value the user changed says
    // how this one differs. A parameter that does nothing for this node is not shown.
    std::vector<SummaryLine> lines;
    const pipeline::KindSpec *kind = pipeline::findKind(node.kind);
    if (!kind)
        return lines;
    for (std::size_t i = 0; i < kind->params.size() && lines.size() < kMaxSummaryLines; ++i) {
        const pipeline::ParamSpec &param = kind->params[i];
        const auto own = node.params.find(param.name);
        const bool changed = own != node.params.end() && own->second != param.defaultValue;
        if ((i >= 2 && !changed) || pipeline::inapplicableReason(node, param.name))
            continue;
        const pipeline::ParamValue &value = own != node.params.end() ? own->second : param.defaultValue;
        lines.push_back({QString::fromStdString(param.displayName), cardValueText(param, value)});
    }
    return lines;
}

void NodeItem::setNodeId(const QString &id)
{
    m_id = id;
    for (PortItem *port : m_ports)
        port->setNodeId(id);
    update();
}

void NodeItem::refresh()
{
    const pipeline::Node *node = m_document->node(m_id);
    if (!node)
        return;
    prepareGeometryChange();
    m_summary = summaryOf(*node);
    m_geometry = NodeGeometry(portRows(pipeline::findKind(node->kind)), m_summary.size());
    refreshProblems();
    update();
}

void NodeItem::refreshProblems()
{
    m_marker->setProblems(m_document->problemsOf(m_id));
}

PortItem *NodeItem::port(const QString &name) const
{
    const auto found = std::find_if(m_ports.begin(), m_ports.end(), [&](PortItem *p) { return p->portName() == name; });
    return found == m_ports.end() ? nullptr : *found;
}

bool NodeItem::hasErrors() const
{
    return m_marker->isVisible() && m_marker->hasErrors();
}

bool NodeItem::hasProblems() const
{
    return m_marker->isVisible();
}

QString NodeItem::problemText() const
{
    return m_marker->isVisible() ? m_marker->toolTip() : QString();
}

void NodeItem::setBadge(const QString &text)
{
    if (text == m_badge)
        return;
    // Only showing or hiding the pill changes the bounds; run figures change text ten times a second.
    const bool pillAfter = !text.isEmpty() || (!m_runLook && !m_prediction.isEmpty());
    if (pillAfter != !pillText().isEmpty())
        prepareGeometryChange();
    m_badge = text;
    update();
}

void NodeItem::setPrediction(const QString &text, const QString &toolTip)
{
    if (text == m_prediction && toolTip == (m_runLook ? m_editingToolTip : this->toolTip()))
        return; // every edit refreshes every card: only a change moves the bounds
    prepareGeometryChange();
    m_prediction = text;
    if (m_runLook)
        m_editingToolTip = toolTip;
    else
        setToolTip(toolTip);
    update();
}

void NodeItem::setRunLook(const std::optional<RunLook> &look)
{
    const bool changed = visiblePart(look) != visiblePart(m_runLook);
    if (look && !m_runLook)
        m_editingToolTip = toolTip();
    if (isBottleneck() != (look && look->bottleneck) || bool(look) != bool(m_runLook))
        prepareGeometryChange();
    m_runLook = look;
    setToolTip(look ? look->toolTip : m_editingToolTip);
    if (changed)
        update();
}

QRectF NodeItem::boundingRect() const
{
    return m_geometry.boundingRect(isBottleneck(), !pillText().isEmpty());
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(m_geometry.cardRect(), theme::kCornerRadius, theme::kCornerRadius);
    return path;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    NodePainter(painter, *this).paint(option->state & QStyle::State_Selected);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    // Snap only what the mouse moves: positions from a file or an undo are kept exactly.
    if (change == ItemPositionChange && m_snapStep > 0 && scene() && scene()->mouseGrabberItem())
        return snapToGrid(value.toPointF(), m_snapStep);
    return QGraphicsObject::itemChange(change, value);
}

} // namespace ringflow::ui
