#include "canvas/connection_draft.h"

#include "canvas/connection_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/port_item.h"
#include "document/pipeline_document.h"

namespace ringflow::ui {

namespace {

template <typename Visit>
void forEachPort(const PipelineScene *scene, Visit visit)
{
    for (QGraphicsItem *item : scene->items())
        if (item->type() == PortItem::Type)
            visit(static_cast<PortItem *>(item));
}

} // namespace

ConnectionDraft::ConnectionDraft(PipelineScene *scene, PortItem *start, QPointF scenePos)
    : m_scene(scene), m_start(start), m_line(new ConnectionItem())
{
    scene->addItem(m_line);
    const PipelineDocument *document = scene->document();
    forEachPort(scene, [&](PortItem *port) {
        if (port == start) {
            port->setHighlight(PortHighlight::Source);
            return;
        }
        const bool fits
            = port->direction() != start->direction() && document->connectionRefusal(between(start, port)).isEmpty();
        port->setHighlight(fits ? PortHighlight::Compatible : PortHighlight::Incompatible);
    });
    moveTo(scenePos);
}

ConnectionDraft::~ConnectionDraft()
{
    delete m_line;
    forEachPort(m_scene, [](PortItem *port) { port->setHighlight(PortHighlight::None); });
}

pipeline::Connection ConnectionDraft::between(const PortItem *start, const PortItem *end)
{
    const pipeline::Endpoint a {start->nodeId().toStdString(), start->portName().toStdString()};
    const pipeline::Endpoint b {end->nodeId().toStdString(), end->portName().toStdString()};
    return start->direction() == pipeline::PortDirection::In ? pipeline::Connection {b, a}
                                                             : pipeline::Connection {a, b};
}

void ConnectionDraft::moveTo(QPointF scenePos)
{
    PortItem *target = m_scene->portAt(scenePos);
    if (target == m_start)
        target = nullptr;
    if (target != m_target) {
        if (m_target && m_target->highlight() == PortHighlight::Target)
            m_target->setHighlight(PortHighlight::Compatible);
        if (target && target->highlight() == PortHighlight::Compatible)
            target->setHighlight(PortHighlight::Target);
        m_target = target;
    }
    // Over a port the line snaps to it, showing where the wire would attach.
    const QPointF end = target ? target->anchor() : scenePos;
    if (m_start->direction() == pipeline::PortDirection::Out)
        m_line->setEnds(m_start->anchor(), end);
    else
        m_line->setEnds(end, m_start->anchor());
}

std::optional<pipeline::Connection> ConnectionDraft::connectionAt(QPointF scenePos) const
{
    const PortItem *target = m_scene->portAt(scenePos);
    if (!target || target == m_start)
        return std::nullopt;
    return between(m_start, target);
}

} // namespace ringflow::ui
