#pragma once

#include "pipeline/capacity_model.h"
#include "pipeline/metrics.h"
#include "pipeline/plan.h"
#include "run/run_colors.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

namespace ringflow::ui {

class PipelineScene;

/// The live figures of a run drawn onto the canvas, on top of the editing look:
///
/// - every node's badge gives its figure (producers and consumers their events per second, rings
///   their fill) after a dot in the node's run colour, so nodes can be matched with plot lines; a
///   producer publishing with try adds the events it dropped;
/// - consumer cards carry a bar of their backlog relative to their ring's slots, ring cards a bar
///   of their fill, green to amber to red;
/// - wires are drawn thicker and bluer the more they carry (on a log scale up to the busiest
///   wire), idle ones thin and grey; their tooltip gives the rate;
/// - the bottleneck (findBottleneck()) glows orange-red and its tooltip says why;
/// - given the capacity model's prediction, each badge puts the measured rate next to the
///   predicted ceiling ("1.2 M ev/s of ≤ 4 M"), and the bottleneck's tooltip names the measured
///   and the predicted limit.
///
/// It holds node ids only and pushes the whole state to the items on each frame, so items that
/// the scene rebuilt meanwhile catch up; the items repaint only what changed.
class RunOverlay : public QObject {
    Q_OBJECT
public:
    explicit RunOverlay(PipelineScene *scene, QObject *parent = nullptr);
    ~RunOverlay() override;

    /// Switches the canvas to its run look for `plan`; nodes show their colours and no figures yet.
    /// `plan` is not copied: it must stay valid until end() (the run's runtime owns it).
    /// `prediction`, when given, was made for `plan`.
    void begin(const pipeline::Plan &plan, const RunColors &colors,
        const std::optional<pipeline::CapacityPrediction> &prediction = std::nullopt);
    /// Shows the figures of one frame (about ten a second). Ignored unless begun, and within the
    /// minimum interval of the last frame shown.
    void show(const pipeline::Frame &frame);
    /// Frames closer than this to the last one shown are skipped (0, the default: none). Figures
    /// that change ten times a second cannot be read anyway, and repainting the canvas is most of
    /// what a frame costs the GUI thread (docs/benchmarks.md).
    void setMinimumInterval(int milliseconds) { m_minimumIntervalMs = milliseconds; }
    /// Removes every overlay: the canvas is back to the editing look.
    void end();

    bool isActive() const { return m_plan != nullptr; }
    /// The consumer named the bottleneck by the last frame; empty when there is none.
    QString bottleneckId() const { return m_bottleneckId; }
    /// Why, in a sentence (also the node's tooltip); empty when there is none.
    QString bottleneckReason() const { return m_bottleneckReason; }

private:
    void showNodes(const pipeline::Frame &frame);
    void showWires(const pipeline::Frame &frame);
    /// The badge of plan node `index`: its measured `rate`, and its predicted ceiling when known.
    QString badgeText(std::size_t index, double rate) const;
    QString predictedLimitText() const;

    QPointer<PipelineScene> m_scene;
    const pipeline::Plan *m_plan = nullptr;
    RunColors m_colors;
    std::optional<pipeline::CapacityPrediction> m_prediction;
    QString m_bottleneckId;
    QString m_bottleneckReason;
    int m_minimumIntervalMs = 0;
    QElapsedTimer m_lastShown;
};

} // namespace ringflow::ui
