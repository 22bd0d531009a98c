#pragma once

// Pictures of plots as files: a PNG at twice the screen's resolution, or a one-page vector PDF.

#include <QColor>
#include <QSize>
#include <QString>

#include <functional>

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

} // namespace ringflow::ui
