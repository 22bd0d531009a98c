#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace ringflow::ui {

class PipelineDocument;

/// New, Open, Save, Save As, the recent files and the bundled examples, with the questions they
/// ask: unsaved work is never dropped without asking, and a file that fails to load leaves the
/// open document as it was and says what is wrong with the file, where.
class FileActions : public QObject {
    Q_OBJECT
public:
    /// `window` parents the dialogs.
    FileActions(PipelineDocument *document, QWidget *window);

    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QMenu *recentMenu() const { return m_recentMenu; }
    QMenu *examplesMenu() const { return m_examplesMenu; }

    /// Asks about unsaved work, then opens the file. False when cancelled or the file is bad.
    bool openFile(const QString &path);
    /// Opens a copy of a bundled example (a resource path), as an untitled document.
    bool openExample(const QString &resourcePath);
    void newDocument();
    bool save();
    bool saveAs();
    bool saveTo(const QString &path);
    /// When the document has unsaved changes, asks whether to save them. True when it is fine to
    /// replace or close the document (saved or discarded), false when the user cancelled.
    bool maybeSave();

    /// The errors of the last load that failed, one per line.
    QString lastLoadErrors() const { return m_lastErrors; }
    QStringList recentFiles() const;
    /// The bundled examples, as resource paths.
    static QStringList exampleFiles();

Q_SIGNALS:
    void message(const QString &text);
    /// A document was opened or created: the view should show all of it.
    void documentReplaced();

private:
    /// A running pipeline keeps its document: New and Open wait until it stops.
    bool refusedWhileRunning();
    bool load(const QString &path, const QString &displayName, bool keepPath);
    void showLoadErrors(const QString &displayName, const QStringList &errors);
    void addRecent(const QString &path);
    void updateRecentMenu();

    PipelineDocument *m_document;
    QWidget *m_window;
    QAction *m_new;
    QAction *m_open;
    QAction *m_save;
    QAction *m_saveAs;
    QMenu *m_recentMenu;
    QMenu *m_examplesMenu;
    QString m_lastErrors;
};

} // namespace ringflow::ui
