#include "plots/plot_export.h"

#include "canvas/theme.h"
#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>

namespace ringflow::ui {

namespace {

/// PNG exports are drawn at twice the screen's resolution.
constexpr qreal kPngScale = 2;
/// Qt's logical screen resolution: a PDF at this resolution keeps the on-screen proportions.
constexpr int kScreenDpi = 96;
/// Exports are at least this big per plot, whatever the panel's size on screen (or if hidden).
constexpr int kExportMinWidth = 900;
constexpr int kExportMinHeight = 260;
/// The title line above the plots, and its text's distance from the left edge.
constexpr int kTitleHeight = 30;
constexpr int kTitleIndent = 8;

/// Says in `error` why `path` could not be written; false, to return.
bool fail(QString *error, const QString &path, const QString &reason)
{
    if (error)
        *error = QCoreApplication::translate("ringflow::ui::PlotPanel", "Could not write %1: %2")
                     .arg(QDir::toNativeSeparators(path), reason);
    return false;
}

} // namespace

bool writePlotPng(const QString &path, QSize size, const QColor &background, const PlotDrawing &draw, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, path, file.errorString());
    QImage image(size * kPngScale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kPngScale);
    image.fill(background);
    {
        QCPPainter painter(&image);
        // Hairlines would come out half as thin at twice the resolution.
        painter.setMode(QCPPainter::pmNonCosmetic);
        draw(&painter);
    }
    if (!image.save(&file, "PNG") || !file.commit())
        return fail(error, path, file.errorString());
    return true;
}

bool writePlotPdf(const QString &path, QSize size, const QString &title, const PlotDrawing &draw, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, path, file.errorString());
    {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("Ringflow"));
        writer.setTitle(title);
        // One PDF device pixel per screen pixel: text and lines keep their on-screen proportions.
        writer.setResolution(kScreenDpi);
        const QSizeF points = QSizeF(size) * 72.0 / kScreenDpi;
        writer.setPageLayout(QPageLayout(
            QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch), QPageLayout::Portrait, QMarginsF()));
        QCPPainter painter;
        if (!painter.begin(&writer))
            return fail(
                error, path, QCoreApplication::translate("ringflow::ui::PlotPanel", "the PDF could not be started"));
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        // Hairlines print too thin to see.
        painter.setMode(QCPPainter::pmNonCosmetic);
        draw(&painter);
        painter.end();
    }
    if (!file.commit())
        return fail(error, path, file.errorString());
    return true;
}

QSize exportPlotSize(std::span<const PlotView> views)
{
    int width = kExportMinWidth;
    int height = kExportMinHeight;
    for (const PlotView &view : views) {
        width = std::max(width, view.plot->width());
        height = std::max(height, view.plot->height());
    }
    return {width, height};
}

QSize stackedSize(QSize plotSize, int count)
{
    return {plotSize.width(), kTitleHeight + plotSize.height() * count};
}

void renderStacked(
    QCPPainter *painter, std::span<const PlotView> views, QSize plotSize, const QString &title, const FitAxes &fitAxes)
{
    QFont font = theme::titleFont();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    painter->setFont(font);
    painter->setPen(theme::primaryText());
    painter->drawText(QRect(kTitleIndent, 0, plotSize.width() - 2 * kTitleIndent, kTitleHeight),
        Qt::AlignLeft | Qt::AlignVCenter, title);
    painter->translate(0, kTitleHeight);
    for (const PlotView &view : views) {
        QCustomPlot *plot = view.plot;
        // Laid out for the export's size; the time labels under the lowest plot of the picture.
        view.header.layout(plotSize.width());
        const bool timeLabels = plot->xAxis->tickLabels();
        plot->xAxis->setTickLabels(&view == &views.back());
        // A hidden plot's axes are as old as its last replot.
        fitAxes(plot, plotSize);
        // A picture that is kept is worth the antialiasing a live replot goes without.
        const QCP::AntialiasedElements notAntialiased = plot->notAntialiasedElements();
        plot->setNotAntialiasedElements(QCP::aeNone);
        painter->save();
        plot->toPainter(painter, plotSize.width(), plotSize.height());
        painter->restore();
        painter->translate(0, plotSize.height());
        plot->setNotAntialiasedElements(notAntialiased);
        plot->xAxis->setTickLabels(timeLabels);
        view.header.layout(plot->width());
        // toPainter() leaves the plot laid out at the export's size: lay it out for the screen
        // again before a click hits a legend entry where it was in the export.
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace ringflow::ui
