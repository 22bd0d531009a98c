#pragma once

class QMainWindow;

namespace ringflow::ui {

class PlotPanel;

/// What the designer remembers of its window between sessions, in the user's settings (QSettings):
/// the window's geometry, where its docks are and how big, and the plots' time window and scale.
namespace window_settings {

inline constexpr char kGeometryKey[] = "window/geometry";
inline constexpr char kStateKey[] = "window/state";
inline constexpr char kPlotWindowKey[] = "plots/windowSeconds";
inline constexpr char kPlotLogScaleKey[] = "plots/logScale";

/// Gives `window` and `plots` what save() kept; false when nothing was kept (a first start).
bool restore(QMainWindow *window, PlotPanel *plots);
void save(const QMainWindow *window, const PlotPanel *plots);

} // namespace window_settings

} // namespace ringflow::ui
