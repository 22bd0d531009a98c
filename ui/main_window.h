#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QTabWidget;

namespace ringflow::ui {

class ArrangeActions;
class CanvasActions;
class CapacityEstimator;
class EditActions;
class ExperimentDock;
class ExportActions;
class FileActions;
class HelpActions;
class PaletteWidget;
class PipelineDocument;
class PipelineScene;
class PipelineView;
class PlanPanel;
class PlotPanel;
class PredictionOverlay;
class ProblemsPanel;
class PropertyEditor;
class RunActions;
class RunController;
class RunOverlay;
class RunSummaryPanel;
class StatusLine;
class ViewActions;

/// The designer: palette on the left, canvas in the middle, properties on the right, problems,
/// the compiled plan and the run summary below beside the live plots; menus and a tool bar with
/// the usual shortcuts. The actions live in FileActions, EditActions, CanvasActions, ViewActions,
/// ExportActions, RunActions and HelpActions; the window lays them out in menus, the tool bar and
/// the canvas's context menu, as Qt's diagramscene example does (createActions, createMenus,
/// createToolBars). The canvas keeps most of the room at any size, and nothing that appears or
/// disappears (a note, a report, a progress bar) moves the docks.
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
    CanvasActions *canvasActions() const { return m_canvas; }
    ArrangeActions *arrangeActions() const { return m_arrange; }
    ViewActions *viewActions() const { return m_viewActions; }
    RunActions *runActions() const { return m_runActions; }
    HelpActions *helpActions() const { return m_help; }
    QTabWidget *bottomTabs() const { return m_bottomTabs; }
    RunController *runController() const { return m_run; }
    PlotPanel *plotPanel() const { return m_plots; }
    RunOverlay *runOverlay() const { return m_overlay; }
    PredictionOverlay *predictionOverlay() const { return m_predictions; }
    CapacityEstimator *capacityEstimator() const { return m_estimator; }
    RunSummaryPanel *runSummary() const { return m_summary; }
    ExportActions *exportActions() const { return m_exports; }
    StatusLine *statusLine() const { return m_statusLine; }
    ExperimentDock *experimentDock() const { return m_experiments; }

    /// Opens `path`, asking first about unsaved work; false when cancelled or the file is bad.
    bool openFile(const QString &path);
    /// Adds a node of `kind` in the middle of the visible canvas, or beside it where it covers no node.
    QString addNodeAtCenter(const QString &kind);
    /// Selects the node and scrolls it into the middle of the view.
    void showNode(const QString &id);

    /// Gives the window what the user chose in earlier sessions: its geometry and docks, the plots'
    /// window and scale, the theme and the run settings. Not done by the constructor, so that
    /// screenshots, tests and benchmarks start from the defaults.
    void restoreSettings();
    /// Puts the docks back where a first start has them.
    void resetLayout();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createDocks();
    void fitDocks();
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
    /// Asked when the window closes during a run: false when the user wants to stay.
    bool maybeStopRun();

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
    CanvasActions *m_canvas;
    ArrangeActions *m_arrange;
    ViewActions *m_viewActions;
    RunController *m_run;
    PlotPanel *m_plots;
    RunOverlay *m_overlay;
    CapacityEstimator *m_estimator;
    PredictionOverlay *m_predictions;
    RunSummaryPanel *m_summary;
    ExportActions *m_exports;
    HelpActions *m_help;
    RunActions *m_runActions = nullptr;
    StatusLine *m_statusLine = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_autoLayout = nullptr;
    QAction *m_resetLayout = nullptr;
    ExperimentDock *m_experiments = nullptr;
    QAction *m_showExperiment = nullptr;
    QByteArray m_defaultState; ///< the docks as a first start has them
    bool m_restored = false; ///< the user's own layout was restored
    bool m_shownOnce = false;
};

} // namespace ringflow::ui
