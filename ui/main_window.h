#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QProgressBar;
class QMenu;
class QTabWidget;
class QToolBar;

namespace ringflow::ui {

class FileActions;
class PaletteWidget;
class PipelineDocument;
class PipelineScene;
class PipelineView;
class PlanPanel;
class ProblemsPanel;
class PropertyEditor;
class ExportActions;
class PlotPanel;
class RunController;
class RunOverlay;
class RunSummaryPanel;

/// The designer: palette on the left, canvas in the middle, properties on the right, problems,
/// the compiled plan and the run summary below beside the live plots; menus and a tool bar with
/// the usual shortcuts. Run (F5), Pause (F6) and Stop (Shift+F5) drive the RunController.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    PipelineDocument *document() const { return m_document; }
    PipelineScene *scene() const { return m_scene; }
    PipelineView *view() const { return m_view; }
    PaletteWidget *palette() const { return m_palette; }
    PropertyEditor *propertyEditor() const { return m_properties; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    PlanPanel *planPanel() const { return m_plan; }
    FileActions *fileActions() const { return m_files; }
    QTabWidget *bottomTabs() const { return m_bottomTabs; }
    RunController *runController() const { return m_run; }
    PlotPanel *plotPanel() const { return m_plots; }
    RunOverlay *runOverlay() const { return m_overlay; }
    RunSummaryPanel *runSummary() const { return m_summary; }
    ExportActions *exportActions() const { return m_exports; }

    /// Opens `path`, asking first about unsaved work; false when cancelled or the file is bad.
    bool openFile(const QString &path);

    void copySelection();
    void cutSelection();
    void paste();
    void selectAll();
    /// Adds a node of `kind` in the middle of the visible canvas.
    QString addNodeAtCenter(const QString &kind);
    /// Selects the node and scrolls it into the middle of the view.
    void showNode(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    QAction *addAction(
        const QString &name, const QString &text, const QList<QKeySequence> &shortcuts, bool canvasOnly = false);
    void createRunActions(QMenu *menu, QToolBar *tools);
    void connectRun();
    void updateTitle();
    void updateEditActions();
    void updateRunActions();
    void showStatus(const QString &text);

    PipelineDocument *m_document;
    PipelineScene *m_scene;
    PipelineView *m_view;
    PaletteWidget *m_palette;
    PropertyEditor *m_properties;
    ProblemsPanel *m_problems;
    PlanPanel *m_plan;
    QTabWidget *m_bottomTabs;
    FileActions *m_files;
    QLabel *m_zoomLabel;
    RunController *m_run;
    PlotPanel *m_plots;
    RunOverlay *m_overlay;
    RunSummaryPanel *m_summary;
    ExportActions *m_exports;
    QLabel *m_runLabel;
    QProgressBar *m_drainProgress;
    QAction *m_runAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_cut = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
};

} // namespace ringflow::ui
