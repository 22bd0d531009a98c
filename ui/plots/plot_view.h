#pragma once

#include "plots/plot_header.h"

#include <QString>

#include <functional>

class QCPItemText;
class QCPLayoutElement;
class QCustomPlot;
class QSplitter;

namespace ringflow::ui {

/// One of the live plots: a QCustomPlot set up for cheap replots ten times a second, its header
/// above the data (title, unit or key, legend) and a hint in the middle of it until a run.
struct PlotView {
    QCustomPlot *plot = nullptr;
    PlotHeader header;
    QCPItemText *hint = nullptr;
};

/// Makes what goes beside a plot's title (a unit, a key), as an element of the plot.
using PlotSubtitle = std::function<QCPLayoutElement *(QCustomPlot *)>;

/// A plot added to `splitter`, titled `title`, with `subtitle` beside the title, showing `hint`
/// until a run, its time axis `windowSeconds` wide.
PlotView makePlotView(
    QSplitter *splitter, const QString &title, const PlotSubtitle &subtitle, const QString &hint, double windowSeconds);

/// A grey text beside a plot's title: its unit.
PlotSubtitle unitSubtitle(const QString &unit);

/// Visible and not collapsed: a splitter moves a collapsed child out of its sight instead of
/// hiding it.
bool isShown(const QCustomPlot *plot);

} // namespace ringflow::ui
