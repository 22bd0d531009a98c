#include "run/capacity_estimator.h"

#include "pipeline/capacity_calibration.h"

#include <QThread>

#include <memory>

namespace ringflow::ui {

CapacityEstimator::CapacityEstimator(QObject *parent) : QObject(parent)
{
    auto result = std::make_shared<Machine>();
    m_thread = QThread::create([result] {
        result->constants = pipeline::machineCapacityConstants();
        result->cores = pipeline::thisMachine().cores;
        result->coreShare = pipeline::measureCoreShare();
    });
    m_thread->setObjectName(QStringLiteral("calibration"));
    // Delivered on the GUI thread after the thread's last write: `result` is then safe to read.
    connect(m_thread, &QThread::finished, this, [this, result] {
        m_machine = *result;
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
    if (!m_machine)
        return std::nullopt;
    return pipeline::predictCapacity(plan, m_machine->constants, m_machine->cores, m_machine->coreShare);
}

} // namespace ringflow::ui
