#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QTabWidget;

namespace ringflow::ui {

class FileActions;
class PaletteWidget;
class PipelineDocument;
class PipelineScene;
class PipelineView;
class PlanPanel;
class ProblemsPanel;
class PropertyEditor;

/// The designer: palette on the left, canvas in the middle, properties on the right, problems
/// and the compiled plan below; menus and a tool bar with the usual shortcuts.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    PipelineDocument *document() const { return m_document; }
    PipelineScene *scene() const { return m_scene; }
    PipelineView *view() const { return m_view; }
    PaletteWidget *palette() const { return m_palette; }
    PropertyEditor *propertyEditor() const { return m_properties; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    PlanPanel *planPanel() const { return m_plan; }
    FileActions *fileActions() const { return m_files; }
    QTabWidget *bottomTabs() const { return m_bottomTabs; }

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
    void updateTitle();
    void updateEditActions();

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
    QAction *m_cut = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
};

} // namespace ringflow::ui
