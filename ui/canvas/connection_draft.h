#pragma once

#include "pipeline/pipeline_spec.h"

#include <QPointF>

#include <optional>

namespace ringflow::ui {

class ConnectionItem;
class PipelineDocument;
class PipelineScene;
class PortItem;

/// A wire being drawn: from the press on a port to the release. Shows a dashed line that follows
/// the mouse and lights up the ports where the wire may end (those the document would accept),
/// fading the others. Destroying it takes the line and the highlights away.
class ConnectionDraft {
public:
    ConnectionDraft(PipelineScene *scene, PortItem *start, QPointF scenePos);
    ~ConnectionDraft();
    ConnectionDraft(const ConnectionDraft &) = delete;
    ConnectionDraft &operator=(const ConnectionDraft &) = delete;

    const PortItem *start() const { return m_start; }
    void moveTo(QPointF scenePos);
    /// The wire the user means when releasing at `scenePos`: none unless over another port.
    std::optional<pipeline::Connection> connectionAt(QPointF scenePos) const;

    /// The wire between two ports as the user drew it, either way round: it always runs from the
    /// output to the input. When both are of one direction it keeps the drawn order, and the
    /// validator explains what is wrong.
    static pipeline::Connection between(const PortItem *start, const PortItem *end);

private:
    PipelineScene *m_scene;
    PortItem *m_start;
    PortItem *m_target = nullptr;
    ConnectionItem *m_line;
};

} // namespace ringflow::ui
