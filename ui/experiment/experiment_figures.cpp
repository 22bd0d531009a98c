#include "experiment_figures.h"

#include "pipeline/param_text.h"

#include <QObject>

namespace ringflow::ui {

QString figureTitle(ExperimentFigure figure)
{
    switch (figure) {
    case ExperimentFigure::Throughput:
        return QObject::tr("Events/s");
    case ExperimentFigure::CpuSeconds:
        return QObject::tr("CPU seconds per run");
    case ExperimentFigure::LatencyP99:
        return QObject::tr("p99 latency (ns)");
    }
    return {};
}

pipeline::Spread figureOf(const pipeline::PointResult &point, ExperimentFigure figure)
{
    std::vector<double> values;
    for (const pipeline::RunMeasure &run : point.runs) {
        switch (figure) {
        case ExperimentFigure::Throughput:
            values.push_back(run.eventsPerSecond);
            break;
        case ExperimentFigure::CpuSeconds:
            values.push_back(run.cpuSeconds);
            break;
        case ExperimentFigure::LatencyP99:
            values.push_back(static_cast<double>(run.latency.p99Ns));
            break;
        }
    }
    return pipeline::spreadOf(std::move(values));
}

QString valueText(const pipeline::ParamValue &value)
{
    return QString::fromStdString(pipeline::paramText(value));
}

} // namespace ringflow::ui
