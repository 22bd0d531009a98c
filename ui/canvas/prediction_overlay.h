#pragma once

#include "pipeline/capacity_model.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>
#include <string>

class QAction;

namespace ringflow::ui {

class CapacityEstimator;
class PipelineDocument;
class PipelineScene;

/// The capacity model's prediction on the canvas before a run: under every producer and consumer
/// a muted pill with the most events per second it can move (its ceiling), the node that limits
/// the pipeline marked "limit", and in the card's tooltip the service time per event, the rate the
/// node would see at the predicted pipeline throughput and why the limit is where it is. It
/// follows every edit (the document compiles once per edit; the model is arithmetic on the plan).
/// During a run the run badge takes the pill's place (RunOverlay puts measurement and prediction
/// side by side there).
class PredictionOverlay : public QObject {
    Q_OBJECT
public:
    PredictionOverlay(const PipelineDocument *document, PipelineScene *scene, const CapacityEstimator *estimator,
        QObject *parent = nullptr);

    /// Shows or hides the predictions; the choice is remembered between sessions.
    void setVisible(bool visible);
    bool isVisible() const { return m_visible; }
    /// View > Predicted Capacity: checkable, follows setVisible().
    QAction *toggleAction() const { return m_toggle; }
    /// The prediction shown, for the document's plan as it is now; nullopt when there is none (a
    /// pipeline with errors, or the machine not yet calibrated).
    const std::optional<pipeline::CapacityPrediction> &prediction() const { return m_prediction; }

    /// The pill's text for a node: "≤ 1.2 M ev/s", "limit ≤ 1.2 M ev/s" for the limiting node.
    static QString pillText(const pipeline::NodePrediction &node, const pipeline::CapacityPrediction &prediction);
    /// The card's tooltip: ceiling, service time and share of the pipeline's predicted throughput.
    static QString toolTip(const pipeline::NodePrediction &node, const pipeline::CapacityPrediction &prediction);

private:
    void refresh();
    /// The prediction shown for node `id`; nullptr when there is none.
    const pipeline::NodePrediction *predictionOf(const std::string &id) const;

    const PipelineDocument *m_document;
    QPointer<PipelineScene> m_scene;
    const CapacityEstimator *m_estimator;
    std::optional<pipeline::CapacityPrediction> m_prediction;
    QAction *m_toggle;
    bool m_visible = true;
};

} // namespace ringflow::ui
