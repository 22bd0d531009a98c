#include "export_actions.h"

#include "canvas/pipeline_scene.h"
#include "document/pipeline_document.h"
#include "pipeline/codegen.h"
#include "pipeline/pipeline_file.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

namespace ringflow::ui {

namespace {

constexpr qreal kCanvasMargin = 24;
constexpr qreal kPngScale = 2; // crisp on high-density screens and in documents

struct KindInfo {
    const char *objectName;
    const char *text;
    const char *suffix; ///< appended to the pipeline's name
    const char *filter;
};

KindInfo info(ExportActions::Kind kind)
{
    using Kind = ExportActions::Kind;
    switch (kind) {
    case Kind::PipelineJson:
        return {"actionExportPipeline", QT_TR_NOOP("Pipeline as &JSON…"), ".json", QT_TR_NOOP("Pipelines (*.json)")};
    case Kind::CanvasPng:
        return {
            "actionExportCanvasPng", QT_TR_NOOP("Canvas as &PNG…"), "-canvas.png", QT_TR_NOOP("PNG images (*.png)")};
    case Kind::CanvasSvg:
        return {
            "actionExportCanvasSvg", QT_TR_NOOP("Canvas as &SVG…"), "-canvas.svg", QT_TR_NOOP("SVG images (*.svg)")};
    case Kind::CppProject:
        return {"actionExportCppProject", QT_TR_NOOP("C++ Pro&ject…"), "", QT_TR_NOOP("A new folder (*)")};
    case Kind::PlotsPng:
        return {"actionExportPlotsPng", QT_TR_NOOP("Plots as P&NG…"), "-plots.png", QT_TR_NOOP("PNG images (*.png)")};
    case Kind::PlotsPdf:
        return {
            "actionExportPlotsPdf", QT_TR_NOOP("Plots as P&DF…"), "-plots.pdf", QT_TR_NOOP("PDF documents (*.pdf)")};
    case Kind::ReportJson:
        return {"actionExportReport", QT_TR_NOOP("Run &Report as JSON…"), "-report.json",
            QT_TR_NOOP("JSON files (*.json)")};
    case Kind::SeriesCsv:
        return {
            "actionExportSeries", QT_TR_NOOP("Time &Series as CSV…"), "-series.csv", QT_TR_NOOP("CSV files (*.csv)")};
    }
    return {};
}

QString writeText(const QString &path, const std::string &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0
        || !file.commit())
        return QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

/// Draws the whole canvas, without the selection's highlight, into `target`.
void renderCanvas(PipelineScene *scene, QPainter *painter, const QRectF &target, const QRectF &source)
{
    const QList<QGraphicsItem *> selected = scene->selectedItems();
    for (QGraphicsItem *item : selected)
        item->setSelected(false);
    scene->render(painter, target, source);
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
}

QRectF canvasRect(const PipelineScene *scene)
{
    return scene->itemsBoundingRect().adjusted(-kCanvasMargin, -kCanvasMargin, kCanvasMargin, kCanvasMargin);
}

} // namespace

ExportActions::ExportActions(
    PipelineDocument *document, PipelineScene *scene, PlotPanel *plots, RunController *run, QWidget *window)
    : QObject(window),
      m_document(document),
      m_scene(scene),
      m_plots(plots),
      m_run(run),
      m_window(window),
      m_menu(new QMenu(tr("&Export"), window))
{
    m_menu->setObjectName(QStringLiteral("menuExport"));
    for (Kind kind : {Kind::PipelineJson, Kind::CanvasPng, Kind::CanvasSvg, Kind::CppProject, Kind::PlotsPng,
             Kind::PlotsPdf, Kind::ReportJson, Kind::SeriesCsv}) {
        const KindInfo about = info(kind);
        auto *action = new QAction(tr(about.text), this);
        action->setObjectName(QString::fromLatin1(about.objectName));
        connect(action, &QAction::triggered, this, [this, kind] { ask(kind); });
        if (kind == Kind::PlotsPng || kind == Kind::ReportJson)
            m_menu->addSeparator();
        m_menu->addAction(action);
        m_actions[kind] = action;
    }
    // Figures exist once a run has started; the report once one has finished.
    connect(m_run, &RunController::phaseChanged, this, &ExportActions::updateEnabled);
    connect(m_run, &RunController::finished, this, &ExportActions::updateEnabled);
    updateEnabled();
}

void ExportActions::updateEnabled()
{
    const bool figures = !m_run->history().frames().empty();
    m_actions[Kind::PlotsPng]->setEnabled(figures);
    m_actions[Kind::PlotsPdf]->setEnabled(figures);
    m_actions[Kind::SeriesCsv]->setEnabled(figures);
    m_actions[Kind::ReportJson]->setEnabled(m_run->lastReport().has_value());
}

QString ExportActions::defaultFileName(Kind kind) const
{
    QString base = m_document->filePath().isEmpty() ? m_document->displayName()
                                                    : QFileInfo(m_document->filePath()).completeBaseName();
    // "Chained rings: journal…" becomes "chained-rings-journal…": safe on every file system.
    base = base.toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9._-]+")), QStringLiteral("-"));
    base = base.left(60);
    while (base.endsWith(QLatin1Char('-')))
        base.chop(1);
    if (base.isEmpty())
        base = QStringLiteral("pipeline");
    return base + QString::fromLatin1(info(kind).suffix);
}

void ExportActions::ask(Kind kind)
{
    if (m_lastDirectory.isEmpty())
        m_lastDirectory = m_document->filePath().isEmpty() || m_document->filePath().startsWith(QLatin1Char(':'))
            ? QDir::homePath()
            : QFileInfo(m_document->filePath()).path();
    const KindInfo about = info(kind);
    const QString path
        = QFileDialog::getSaveFileName(m_window, tr("Export %1").arg(tr(about.text).remove(u'&').remove(u'…')),
            QDir(m_lastDirectory).filePath(defaultFileName(kind)), tr(about.filter));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).path();
    const QString error = exportTo(kind, path);
    Q_EMIT message(
        error.isEmpty() ? tr("Exported %1").arg(QDir::toNativeSeparators(path)) : tr("Export failed: %1").arg(error));
}

QString ExportActions::exportTo(Kind kind, const QString &path) const
{
    switch (kind) {
    case Kind::PipelineJson:
        return writeText(path, pipeline::savePipeline(m_document->spec()));
    case Kind::CanvasPng:
        return writeCanvasPng(path);
    case Kind::CanvasSvg:
        return writeCanvasSvg(path);
    case Kind::CppProject:
        return writeCppProject(path);
    case Kind::PlotsPng:
    case Kind::PlotsPdf: {
        QString error;
        const bool written
            = kind == Kind::PlotsPng ? m_plots->exportPng(path, &error) : m_plots->exportPdf(path, &error);
        return written ? QString() : error;
    }
    case Kind::ReportJson:
        if (!m_run->lastReport())
            return tr("There is no run report yet: run the pipeline and stop it first.");
        return writeText(path, pipeline::toJson(*m_run->lastReport()) + "\n");
    case Kind::SeriesCsv:
        if (m_run->history().frames().empty())
            return tr("There is no time series yet: run the pipeline first.");
        return writeText(path, m_run->history().toCsv());
    }
    return {};
}

QString ExportActions::writeCppProject(const QString &folder) const
{
    // The project is named after its folder, as ringflow-export names it.
    const pipeline::GeneratedProject project
        = pipeline::generateProject(m_document->spec(), QFileInfo(folder).fileName().toStdString());
    if (project.files.empty()) {
        QStringList problems;
        for (const pipeline::Problem &problem : project.problems)
            if (problem.severity == pipeline::Severity::Error)
                problems << QString::fromStdString(pipeline::toString(problem));
        return tr("The pipeline cannot run, so no project was written: %1").arg(problems.join(QStringLiteral("; ")));
    }
    return QString::fromStdString(pipeline::writeProject(project, folder.toStdString()));
}

QString ExportActions::writeCanvasPng(const QString &path) const
{
    const QRectF source = canvasRect(m_scene);
    QImage image((source.size() * kPngScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kPngScale);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        renderCanvas(m_scene, &painter, QRectF(QPointF(0, 0), source.size()), source);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

QString ExportActions::writeCanvasSvg(const QString &path) const
{
    const QRectF source = canvasRect(m_scene);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(m_document->displayName());
        svg.setDescription(tr("Ringflow pipeline"));
        QPainter painter(&svg);
        renderCanvas(m_scene, &painter, QRectF(QPointF(0, 0), source.size()), source);
    }
    if (!file.commit())
        return tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

} // namespace ringflow::ui
