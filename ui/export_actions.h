#pragma once

#include <QObject>
#include <QString>

#include <map>

class QAction;
class QMenu;
class QWidget;

namespace ringflow::ui {

class PipelineDocument;
class PipelineScene;
class PlotPanel;
class RunController;

/// File > Export: the pipeline as JSON, the canvas as PNG or SVG, the live plots as PNG or PDF,
/// and the last run's report (JSON) and sampled time series (CSV). Each action proposes a name
/// made from the pipeline's and writes the file whole or not at all.
class ExportActions : public QObject {
    Q_OBJECT
public:
    enum class Kind { PipelineJson, CanvasPng, CanvasSvg, CppProject, PlotsPng, PlotsPdf, ReportJson, SeriesCsv };

    ExportActions(
        PipelineDocument *document, PipelineScene *scene, PlotPanel *plots, RunController *run, QWidget *window);

    QMenu *menu() const { return m_menu; }
    QAction *action(Kind kind) const { return m_actions.at(kind); }
    /// A file name for `kind` from the document's name, e.g. "chained-rings-report.json".
    QString defaultFileName(Kind kind) const;
    /// Writes the export; returns what went wrong, naming the file, or an empty string.
    QString exportTo(Kind kind, const QString &path) const;

Q_SIGNALS:
    void message(const QString &text);

private:
    void ask(Kind kind);
    void updateEnabled();
    QString writeCanvasPng(const QString &path) const;
    QString writeCanvasSvg(const QString &path) const;
    /// A C++ project (pipeline/codegen.h) in the new folder `folder`.
    QString writeCppProject(const QString &folder) const;

    PipelineDocument *m_document;
    PipelineScene *m_scene;
    PlotPanel *m_plots;
    RunController *m_run;
    QWidget *m_window;
    QMenu *m_menu;
    std::map<Kind, QAction *> m_actions;
    QString m_lastDirectory;
};

} // namespace ringflow::ui
