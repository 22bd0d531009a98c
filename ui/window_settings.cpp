#include "window_settings.h"

#include "plots/plot_panel.h"

#include <QMainWindow>
#include <QSettings>

namespace ringflow::ui::window_settings {

namespace {

// Changes when the docks change, so that an older layout is not forced on new docks.
constexpr int kStateVersion = 2;

} // namespace

bool restore(QMainWindow *window, PlotPanel *plots)
{
    const QSettings settings;
    if (const QVariant seconds = settings.value(QLatin1String(kPlotWindowKey)); seconds.isValid())
        plots->setWindowSeconds(seconds.toDouble());
    if (const QVariant log = settings.value(QLatin1String(kPlotLogScaleKey)); log.isValid())
        plots->setLogScale(log.toBool());
    const QByteArray geometry = settings.value(QLatin1String(kGeometryKey)).toByteArray();
    if (geometry.isEmpty() || !window->restoreGeometry(geometry))
        return false;
    window->restoreState(settings.value(QLatin1String(kStateKey)).toByteArray(), kStateVersion);
    return true;
}

void save(const QMainWindow *window, const PlotPanel *plots)
{
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), window->saveGeometry());
    settings.setValue(QLatin1String(kStateKey), window->saveState(kStateVersion));
    settings.setValue(QLatin1String(kPlotWindowKey), plots->windowSeconds());
    settings.setValue(QLatin1String(kPlotLogScaleKey), plots->logScale());
}

} // namespace ringflow::ui::window_settings
