#include "canvas/prediction_overlay.h"

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "document/pipeline_document.h"
#include "format/number_format.h"
#include "run/capacity_estimator.h"

#include <QAction>
#include <QSettings>

#include <algorithm>
#include <cmath>

namespace ringflow::ui {

namespace {

const QString kVisibleKey = QStringLiteral("view/predictions");

} // namespace

PredictionOverlay::PredictionOverlay(
    const PipelineDocument *document, PipelineScene *scene, const CapacityEstimator *estimator, QObject *parent)
    : QObject(parent),
      m_document(document),
      m_scene(scene),
      m_estimator(estimator),
      m_toggle(new QAction(tr("Predicted &Capacity"), this)),
      m_visible(QSettings().value(kVisibleKey, true).toBool())
{
    m_toggle->setObjectName(QStringLiteral("actionPredictions"));
    m_toggle->setCheckable(true);
    m_toggle->setChecked(m_visible);
    m_toggle->setStatusTip(tr("Show under each node the most events per second the capacity model predicts for it"));
    connect(m_toggle, &QAction::toggled, this, &PredictionOverlay::setVisible);
    connect(document, &PipelineDocument::edited, this, &PredictionOverlay::refresh);
    connect(estimator, &CapacityEstimator::ready, this, &PredictionOverlay::refresh);
    refresh();
}

void PredictionOverlay::setVisible(bool visible)
{
    if (visible == m_visible)
        return;
    m_visible = visible;
    m_toggle->setChecked(visible);
    QSettings().setValue(kVisibleKey, visible);
    refresh();
}

QString PredictionOverlay::pillText(
    const pipeline::NodePrediction &node, const pipeline::CapacityPrediction &prediction)
{
    const QString ceiling = std::isfinite(node.ceiling) ? tr("≤ %1").arg(rateText(node.ceiling)) : tr("unbounded");
    return node.id == prediction.limit ? tr("limit %1").arg(ceiling) : ceiling;
}

QString PredictionOverlay::toolTip(const pipeline::NodePrediction &node, const pipeline::CapacityPrediction &prediction)
{
    const bool producer = node.role == pipeline::NodeRole::Producer;
    QString text = tr("Predicted before the run (capacity model, docs/experiments.md):\n");
    text += std::isfinite(node.ceiling) ? tr("• at most %1 events/s").arg(siText(node.ceiling)) : tr("• no ceiling");
    if (node.serviceNs > 0)
        text += producer ? tr(", %1 per event published on one thread").arg(durationText(node.serviceNs))
                         : tr(", %1 of one thread per event").arg(durationText(node.serviceNs));
    text += tr("\n• %1 events/s at the pipeline's predicted %2 events/s, keeping %3 core(s) busy")
                .arg(siText(node.eventsPerSecond), siText(prediction.eventsPerSecond),
                    QString::number(node.cpuCores, 'f', 2));
    if (node.id == prediction.limit)
        text += tr("\n• limits the pipeline: %1").arg(QString::fromStdString(prediction.reason));
    return text;
}

const pipeline::NodePrediction *PredictionOverlay::predictionOf(const std::string &id) const
{
    if (!m_prediction)
        return nullptr;
    const auto &nodes = m_prediction->nodes;
    const auto found = std::find_if(nodes.begin(), nodes.end(), [&](const auto &node) { return node.id == id; });
    return found == nodes.end() ? nullptr : &*found;
}

void PredictionOverlay::refresh()
{
    if (!m_scene)
        return;
    const std::optional<pipeline::Plan> &plan = m_document->plan();
    m_prediction = m_visible && plan ? m_estimator->predict(*plan) : std::nullopt;
    // Each card once: its prediction, or none (a ring, or no prediction at all).
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() != NodeItem::Type)
            continue;
        auto *card = static_cast<NodeItem *>(item);
        const pipeline::NodePrediction *node = predictionOf(card->nodeId().toStdString());
        card->setPrediction(
            node ? pillText(*node, *m_prediction) : QString(), node ? toolTip(*node, *m_prediction) : QString());
    }
}

} // namespace ringflow::ui
