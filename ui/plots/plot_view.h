#pragma once

#include "plots/plot_header.h"
#include "plots/plot_readout.h"

#include <QSize>
#include <QString>

#include <functional>

class QCPItemText;
class QCPLayoutElement;
class QCustomPlot;
class QSplitter;
class QTabBar;
class QWidget;

namespace ringflow::ui {

/// One of the live plots: a QCustomPlot set up for cheap replots ten times a second, its header
/// above the data (title, unit or key, legend), a hint in the middle of it until a run, and the
/// readout of what the mouse points at. The time axis zooms with the wheel and pans by dragging.
struct PlotView {
    QCustomPlot *plot = nullptr;
    PlotHeader header;
    QCPItemText *hint = nullptr;
    PlotReadout *readout = nullptr;
};

/// Makes what goes beside a plot's title (a unit, a key), as an element of the plot.
using PlotSubtitle = std::function<QCPLayoutElement *(QCustomPlot *)>;

/// A plot added to `splitter`, titled `title`, with `subtitle` beside the title, showing `hint`
/// until a run, its time axis `windowSeconds` wide; its readout writes values with `valueText`.
PlotView makePlotView(QSplitter *splitter, const QString &title, const PlotSubtitle &subtitle, const QString &hint,
    double windowSeconds, const PlotReadout::ValueText &valueText);

/// A grey text beside a plot's title: its unit.
PlotSubtitle unitSubtitle(const QString &unit);

/// Flows `view`'s header for a plot `width` pixels wide and keeps the plot widget at least as tall
/// as its layout then needs (the header, and the data's least height with its axes). QCustomPlot
/// lays a widget shorter than that out by shrinking every row in proportion to its minimum
/// (QCPLayout::getSectionSizes() turns the minimums into stretch factors), so the legend's rows
/// slide over the title; a minimum set inside the plot's layout only feeds that proportion. The
/// widget's own minimum, which the splitter honours, is what keeps the rows whole.
void layOutHeader(const PlotView &view, int width);

/// How the three plots share the panel.
enum class PlotArrangement {
    Stacked, ///< one above the other, one time axis under them all
    Grid, ///< throughput and ring fill side by side, latency under them, as wide as the two
    SideBySide, ///< each as tall as the panel
    Tabbed, ///< one at a time, as large as the panel, chosen by the tab bar above it
};

/// The least height of a plot's data that reads: four value labels apart, the lines between them.
/// Arrangements that leave any plot less show the plots in tabs instead.
inline constexpr int kMinReadableHeight = 80;

/// The tab bar that chooses the plot shown when they are in tabs: Throughput, Ring fill, Latency.
/// Hidden until then.
QTabBar *makePlotTabs(QWidget *parent);

/// How well plot `index` (throughput, ring fill, latency) reads in a cell of `size`, its time axis
/// labelled or not: the lesser of its data's height and half its data's width, in pixels (a time
/// plot reads best about twice as wide as it is tall).
using PlotReadability = std::function<int(int index, QSize size, bool timeLabels)>;

/// The arrangement for three plots sharing `size`: stacked while each reads well there (only the
/// lowest labels the time axis); else the one whose worst plot reads best, stacked winning a tie,
/// if that plot reads at least kMinReadableHeight; else one at a time in tabs (`tabBarHeight`
/// above them), if a plot reads better so.
PlotArrangement plotArrangement(QSize size, int tabBarHeight, const PlotReadability &readability);

/// Visible and not collapsed: a splitter moves a collapsed child out of its sight instead of
/// hiding it.
bool isShown(const QCustomPlot *plot);

} // namespace ringflow::ui
