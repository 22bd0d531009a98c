#pragma once

// Pictures of plots as files: a PNG at twice the screen's resolution, or a one-page vector PDF.

#include "plots/plot_view.h"

#include <QColor>
#include <QSize>
#include <QString>

#include <functional>
#include <span>

class QCPPainter;

namespace ringflow::ui {

/// Paints a picture, in device-independent pixels, with a painter set up for the file.
using PlotDrawing = std::function<void(QCPPainter *painter)>;

/// Writes what `draw` paints on `background` in `size` pixels to a PNG at `path`, drawn at twice
/// the screen's resolution: crisp in reports and on HiDPI screens. Nothing is written if it
/// fails; `error`, if given, then says why.
bool writePlotPng(const QString &path, QSize size, const QColor &background, const PlotDrawing &draw, QString *error);
/// Writes what `draw` paints in `size` pixels to a one-page vector PDF at `path`, titled `title`,
/// in the proportions it has on screen. Nothing is written if it fails; `error` then says why.
bool writePlotPdf(const QString &path, QSize size, const QString &title, const PlotDrawing &draw, QString *error);

/// The size of each plot of `views` in an export: the largest on screen, at least 900 x 260 (also
/// when the plots are hidden).
QSize exportPlotSize(std::span<const PlotView> views);
/// The size of an export of `count` plots of `plotSize` stacked under a title line.
QSize stackedSize(QSize plotSize, int count);
/// Brings `plot`'s axes up to date for a drawing of `size`.
using FitAxes = std::function<void(QCustomPlot *plot, QSize size)>;
/// Draws `title` on a line of its own, then `views` one below the other, each `plotSize`, as
/// shown but antialiased, with the time labels under the lowest; `fitAxes` first fits each plot's
/// axes to the export (its time range, its height). The plots are laid out for the screen again
/// afterwards.
void renderStacked(
    QCPPainter *painter, std::span<const PlotView> views, QSize plotSize, const QString &title, const FitAxes &fitAxes);

} // namespace ringflow::ui
