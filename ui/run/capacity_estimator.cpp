#include "run/capacity_estimator.h"

#include "pipeline/capacity_calibration.h"

#include <QThread>

#include <memory>

namespace ringflow::ui {

namespace {

struct Calibration {
    pipeline::CapacityConstants constants;
    double coreShare = 1;
};

} // namespace

CapacityEstimator::CapacityEstimator(QObject *parent) : QObject(parent), m_cores(pipeline::thisMachine().cores)
{
    auto result = std::make_shared<Calibration>();
    m_thread = QThread::create([result] {
        result->constants = pipeline::machineCapacityConstants();
        result->coreShare = pipeline::measureCoreShare();
    });
    m_thread->setObjectName(QStringLiteral("calibration"));
    // Delivered on the GUI thread after the thread's last write: `result` is then safe to read.
    connect(m_thread, &QThread::finished, this, [this, result] {
        m_constants = result->constants;
        m_coreShare = result->coreShare;
        Q_EMIT ready();
    });
    m_thread->start(QThread::LowPriority);
}

CapacityEstimator::~CapacityEstimator()
{
    m_thread->wait();
    delete m_thread;
}

std::optional<pipeline::CapacityPrediction> CapacityEstimator::predict(const pipeline::Plan &plan) const
{
    if (!m_constants)
        return std::nullopt;
    return pipeline::predictCapacity(plan, *m_constants, m_cores, m_coreShare);
}

} // namespace ringflow::ui
