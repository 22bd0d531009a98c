#pragma once

#include "canvas/node_geometry.h"
#include "pipeline/kind_registry.h"
#include "pipeline/pipeline_spec.h"

#include <QColor>
#include <QGraphicsObject>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace ringflow::ui {

class PipelineDocument;
class PortItem;
class ProblemMarker;

/// A node on the canvas: a card in its category's colour with the node's id, kind, ports and a
/// summary of its main parameters. It keeps only the node's id and reads everything else from the
/// document when told to refresh, so it never holds stale data. It owns the node's identity and
/// the interaction (ports, selection, snapped drags, the run look it is given); where things go on
/// the card is NodeGeometry's, and how they are drawn NodePainter's.
class NodeItem : public QGraphicsObject {
    Q_OBJECT
public:
    enum { Type = UserType + 1 };

    /// A parameter shown on the card: its label and its value with the unit.
    struct SummaryLine {
        QString label;
        QString value;
    };

    /// How the card looks while the pipeline runs, on top of its editing look.
    struct RunLook {
        QColor color; ///< the node's series colour in the plots, shown as a dot in the badge
        double level = -1; ///< 0..1: the bar along the card's foot (backlog, fill); negative: none
        bool bottleneck = false; ///< outlined in a red glow, the badge turns red
        QString toolTip; ///< the card's tooltip during the run
    };

    NodeItem(const PipelineDocument *document, const QString &id);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    QString nodeId() const { return m_id; }
    void setNodeId(const QString &id);
    /// Re-reads the node's parameters and problems from the document.
    void refresh();
    /// Re-reads only its problems (after an edit elsewhere).
    void refreshProblems();
    PortItem *port(const QString &name) const;
    const std::vector<PortItem *> &ports() const { return m_ports; }
    bool hasErrors() const;
    bool hasProblems() const;
    /// The problem marker's tooltip: why the node is outlined.
    QString problemText() const;

    /// The kind's display name, its palette category and the parameters the card shows.
    QString kindName() const { return m_kindName; }
    std::optional<pipeline::KindCategory> category() const { return m_category; }
    const std::vector<SummaryLine> &summary() const { return m_summary; }
    const NodeGeometry &geometry() const { return m_geometry; }

    /// A short text shown in a pill under the node (a run-time figure, for instance); empty hides it.
    void setBadge(const QString &text);
    QString badge() const { return m_badge; }

    /// The capacity model's word on the node before a run: a muted pill under the card (where the
    /// run badge goes during a run) and the card's tooltip. Empty texts remove it.
    void setPrediction(const QString &text, const QString &toolTip);
    QString prediction() const { return m_prediction; }
    /// What the card shows under it: the badge when there is one, else the prediction outside a run.
    QString pillText() const { return !m_badge.isEmpty() ? m_badge : m_runLook ? QString() : m_prediction; }

    /// Puts the card in its run look, or with nullopt back in its editing look (and its tooltip
    /// before the run). Repaints only when something visible changed: frames arrive at 10 Hz.
    void setRunLook(const std::optional<RunLook> &look);
    const std::optional<RunLook> &runLook() const { return m_runLook; }
    bool isBottleneck() const { return m_runLook && m_runLook->bottleneck; }

    /// Grid step that user drags snap to; 0 for free movement.
    void setSnapStep(qreal step) { m_snapStep = step; }

    /// The size of the card that shows `node`, so that layouts can be computed without items.
    static QSizeF sizeFor(const pipeline::Node &node);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void buildPorts(const pipeline::Node &node);
    static std::vector<SummaryLine> summaryOf(const pipeline::Node &node);

    const PipelineDocument *m_document;
    QString m_id;
    QString m_kindName;
    std::optional<pipeline::KindCategory> m_category; ///< none for an unknown kind
    NodeGeometry m_geometry;
    std::vector<SummaryLine> m_summary;
    std::vector<PortItem *> m_ports;
    ProblemMarker *m_marker;
    QString m_badge;
    QString m_prediction;
    std::optional<RunLook> m_runLook;
    QString m_editingToolTip;
    qreal m_snapStep = 0;
};

} // namespace ringflow::ui
