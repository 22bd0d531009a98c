#include "plots/plot_export.h"

#include "plots/custom_plot.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPageLayout>
#include <QPdfWriter>
#include <QSaveFile>

namespace ringflow::ui {

namespace {

/// PNG exports are drawn at twice the screen's resolution.
constexpr qreal kPngScale = 2;
/// Qt's logical screen resolution: a PDF at this resolution keeps the on-screen proportions.
constexpr int kScreenDpi = 96;

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

} // namespace ringflow::ui
