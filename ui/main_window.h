#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QTabWidget;

namespace ringflow::ui {

class EditActions;
class ExportActions;
class FileActions;
class PaletteWidget;
class PipelineDocument;
class PipelineScene;
class PipelineView;
class PlanPanel;
class PlotPanel;
class ProblemsPanel;
class PropertyEditor;
class RunActions;
class RunController;
class RunOverlay;
class RunSummaryPanel;

/// The designer: palette on the left, canvas in the middle, properties on the right, problems,
/// the compiled plan and the run summary below beside the live plots; menus and a tool bar with
/// the usual shortcuts. The actions live in FileActions, EditActions, ExportActions and
/// RunActions; the window lays them out in menus, the tool bar and the canvas's context menu, as
/// Qt's diagramscene example does (createActions, createMenus, createToolBars).
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
    EditActions *editActions() const { return m_edits; }
    QTabWidget *bottomTabs() const { return m_bottomTabs; }
    RunController *runController() const { return m_run; }
    PlotPanel *plotPanel() const { return m_plots; }
    RunOverlay *runOverlay() const { return m_overlay; }
    RunSummaryPanel *runSummary() const { return m_summary; }
    ExportActions *exportActions() const { return m_exports; }

    /// Opens `path`, asking first about unsaved work; false when cancelled or the file is bad.
    bool openFile(const QString &path);
    /// Adds a node of `kind` in the middle of the visible canvas.
    QString addNodeAtCenter(const QString &kind);
    /// Selects the node and scrolls it into the middle of the view.
    void showNode(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void createToolBars();
    void createContextMenu();
    void createStatusBar();
    void connectPanels();
    void connectRun();
    void updateTitle();
    void updateProblemsTab();
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
    EditActions *m_edits;
    RunController *m_run;
    PlotPanel *m_plots;
    RunOverlay *m_overlay;
    RunSummaryPanel *m_summary;
    ExportActions *m_exports;
    RunActions *m_runActions = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_resetZoom = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_snap = nullptr;
    QAction *m_autoLayout = nullptr;
};

} // namespace ringflow::ui
