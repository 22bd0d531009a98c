#pragma once

#include "pipeline/capacity_model.h"
#include "pipeline/plan.h"

#include <QObject>

#include <optional>

class QThread;

namespace ringflow::ui {

/// The capacity model as the designer uses it: the machine's constants (cached per machine, or
/// measured in under a second the first time) and the share of a core a busy thread gets now are
/// found on a thread of their own when the estimator is created, so the window never waits for
/// them; until then predict() has nothing to say. ready() tells when it has.
class CapacityEstimator : public QObject {
    Q_OBJECT
public:
    explicit CapacityEstimator(QObject *parent = nullptr);
    /// Waits for the calibration thread: it ends in about a second at most.
    ~CapacityEstimator() override;

    /// What the model knows of this machine: prepareSweep()'s and predictCapacity()'s arguments.
    struct Machine {
        pipeline::CapacityConstants constants;
        int cores = 1;
        double coreShare = 1;
    };

    bool isReady() const { return m_machine.has_value(); }
    /// This machine as measured when the estimator was created; nullopt until ready().
    const std::optional<Machine> &machine() const { return m_machine; }
    /// The model's prediction for `plan` on this machine; nullopt until ready().
    std::optional<pipeline::CapacityPrediction> predict(const pipeline::Plan &plan) const;

Q_SIGNALS:
    void ready();

private:
    QThread *m_thread = nullptr;
    std::optional<Machine> m_machine;
};

} // namespace ringflow::ui
