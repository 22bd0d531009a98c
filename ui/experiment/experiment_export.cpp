#include "experiment_export.h"

#include "pipeline/sweep_format.h"

#include <QObject>
#include <QSaveFile>

#include <qcustomplot.h>

namespace ringflow::ui {

QString exportExperimentData(const pipeline::SweepResult &sweep, const QString &path)
{
    // The pipeline's name as ringflow-run gives it: the compiled plan's.
    const std::string pipelineName = sweep.points.empty() ? "" : sweep.points.front().plan.name;
    const bool csv = path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive);
    const std::string text = csv ? pipeline::sweepCsv(sweep) : pipeline::sweepJson(sweep, pipelineName) + "\n";
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    file.write(text.data(), static_cast<qint64>(text.size()));
    if (!file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString exportExperimentChart(QCustomPlot *chart, const QString &path)
{
    const bool pdf = path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
    // The size the chart has on screen, so that the file looks as the user saw it.
    const bool saved = pdf ? chart->savePdf(path, chart->width(), chart->height())
                           : chart->savePng(path, chart->width(), chart->height(), 2.0);
    return saved ? QString() : QObject::tr("Cannot write %1").arg(path);
}

} // namespace ringflow::ui
