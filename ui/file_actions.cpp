#include "file_actions.h"

#include "canvas/auto_layout.h"
#include "canvas/node_item.h"
#include "document/pipeline_document.h"
#include "pipeline/pipeline_file.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace ringflow::ui {

namespace {

constexpr int kMaxRecentFiles = 8;
const char *const kRecentKey = "recentFiles";
const char *const kFileFilter = QT_TRANSLATE_NOOP("FileActions", "Ringflow pipelines (*.json);;All files (*)");

QString exampleTitle(const QString &resourcePath)
{
    QString name = QFileInfo(resourcePath).completeBaseName();
    name.replace(QLatin1Char('-'), QLatin1Char(' ')).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

// Files on disk go through the engine's reader, which refuses what is not a regular file and never
// reads past the size limit; the bundled examples are Qt resources, which only QFile can read.
pipeline::LoadResult readPipeline(const QString &path)
{
    if (!path.startsWith(QLatin1Char(':')))
        return pipeline::loadPipelineFile(QFile::encodeName(path).toStdString());
    const std::string source = QDir::toNativeSeparators(path).toStdString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        pipeline::LoadResult failed;
        failed.errors.push_back({source, {}, 0, 0, file.errorString().toStdString()});
        return failed;
    }
    const QByteArray json = file.readAll();
    return pipeline::loadPipeline(std::string_view(json.constData(), static_cast<std::size_t>(json.size())), source);
}

} // namespace

FileActions::FileActions(PipelineDocument *document, QWidget *window)
    : QObject(window),
      m_document(document),
      m_window(window),
      m_new(new QAction(tr("&New"), this)),
      m_open(new QAction(tr("&Open…"), this)),
      m_save(new QAction(tr("&Save"), this)),
      m_saveAs(new QAction(tr("Save &As…"), this)),
      m_recentMenu(new QMenu(tr("Open &Recent"), window)),
      m_examplesMenu(new QMenu(tr("&Examples"), window))
{
    m_new->setObjectName(QStringLiteral("actionNew"));
    m_open->setObjectName(QStringLiteral("actionOpen"));
    m_save->setObjectName(QStringLiteral("actionSave"));
    m_saveAs->setObjectName(QStringLiteral("actionSaveAs"));
    m_recentMenu->setObjectName(QStringLiteral("menuRecent"));
    m_examplesMenu->setObjectName(QStringLiteral("menuExamples"));
    m_new->setShortcut(QKeySequence::New);
    m_open->setShortcut(QKeySequence::Open);
    m_save->setShortcut(QKeySequence::Save);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    m_new->setStatusTip(tr("Start an empty pipeline"));
    m_open->setStatusTip(tr("Open a pipeline file"));
    m_save->setStatusTip(tr("Save the pipeline"));
    m_saveAs->setStatusTip(tr("Save the pipeline under a new name"));

    connect(m_new, &QAction::triggered, this, &FileActions::newDocument);
    connect(m_open, &QAction::triggered, this, [this] {
        if (refusedWhileRunning() || !maybeSave())
            return;
        const QString start
            = m_document->filePath().isEmpty() ? QDir::homePath() : QFileInfo(m_document->filePath()).path();
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open pipeline"), start, tr(kFileFilter));
        if (!path.isEmpty())
            load(path, QFileInfo(path).fileName(), true);
    });
    connect(m_save, &QAction::triggered, this, &FileActions::save);
    connect(m_saveAs, &QAction::triggered, this, &FileActions::saveAs);

    const QStringList examples = exampleFiles();
    for (const QString &example : examples) {
        QAction *action = m_examplesMenu->addAction(exampleTitle(example));
        action->setData(example);
        connect(action, &QAction::triggered, this, [this, example] { openExample(example); });
    }
    if (examples.isEmpty())
        m_examplesMenu->addAction(tr("(none bundled)"))->setEnabled(false);
    updateRecentMenu();
}

QStringList FileActions::exampleFiles()
{
    const QDir directory(QStringLiteral(":/pipelines"));
    QStringList files;
    for (const QString &name : directory.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files.append(directory.filePath(name));
    return files;
}

bool FileActions::refusedWhileRunning()
{
    if (!m_document->isStructureLocked())
        return false;
    Q_EMIT message(m_document->structureLockReason());
    return true;
}

bool FileActions::openFile(const QString &path)
{
    if (refusedWhileRunning() || !maybeSave())
        return false;
    return load(path, QFileInfo(path).fileName(), true);
}

bool FileActions::openExample(const QString &resourcePath)
{
    if (refusedWhileRunning() || !maybeSave())
        return false;
    return load(resourcePath, exampleTitle(resourcePath), false);
}

bool FileActions::load(const QString &path, const QString &displayName, bool keepPath)
{
    pipeline::LoadResult result = readPipeline(path);
    if (!result.ok()) {
        QStringList errors;
        for (const pipeline::LoadError &error : result.errors)
            errors.append(QString::fromStdString(error.toString()));
        showLoadErrors(displayName, errors);
        return false;
    }
    m_lastErrors.clear();
    pipeline::PipelineSpec spec = std::move(*result.spec);
    placeUnpositioned(spec, &NodeItem::sizeFor);
    m_document->reset(std::move(spec), keepPath ? QFileInfo(path).absoluteFilePath() : QString());
    if (keepPath)
        addRecent(QFileInfo(path).absoluteFilePath());
    Q_EMIT message(tr("Opened %1").arg(displayName));
    Q_EMIT documentReplaced();
    return true;
}

void FileActions::showLoadErrors(const QString &displayName, const QStringList &errors)
{
    m_lastErrors = errors.join(QLatin1Char('\n'));
    Q_EMIT message(tr("Could not open %1").arg(displayName));
    // Window-modal and non-blocking: the document stays as it was, the user reads and closes.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Could not open %1").arg(displayName),
        tr("<b>%1 could not be opened.</b> The document you had open is unchanged.").arg(displayName.toHtmlEscaped()),
        QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("loadErrorBox"));
    constexpr qsizetype shown = 8;
    QStringList first = errors.mid(0, shown);
    if (errors.size() > shown)
        first.append(tr("… and %n more", nullptr, static_cast<int>(errors.size() - shown)));
    box->setInformativeText(first.join(QLatin1Char('\n')));
    box->setDetailedText(m_lastErrors);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void FileActions::newDocument()
{
    if (refusedWhileRunning() || !maybeSave())
        return;
    m_document->reset({}, {});
    Q_EMIT message(tr("New pipeline"));
    Q_EMIT documentReplaced();
}

bool FileActions::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool FileActions::saveAs()
{
    QString start = m_document->filePath();
    if (start.isEmpty())
        start = QDir::home().filePath(
            m_document->displayName().toLower().replace(QLatin1Char(' '), QLatin1Char('-')) + QStringLiteral(".json"));
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save pipeline"), start, tr(kFileFilter));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    return saveTo(path);
}

bool FileActions::saveTo(const QString &path)
{
    std::string error;
    if (!pipeline::savePipelineFile(m_document->spec(), path.toStdString(), &error)) {
        QMessageBox::warning(m_window, tr("Could not save"),
            tr("%1 could not be saved: %2").arg(QDir::toNativeSeparators(path), QString::fromStdString(error)));
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_document->markSaved(absolute);
    addRecent(absolute);
    Q_EMIT message(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool FileActions::maybeSave()
{
    if (!m_document->isModified())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
        tr("<b>%1 has changes that are not saved.</b>").arg(m_document->displayName().toHtmlEscaped()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setObjectName(QStringLiteral("unsavedChangesBox"));
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

QStringList FileActions::recentFiles() const
{
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void FileActions::addRecent(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), files);
    updateRecentMenu();
}

void FileActions::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString &path : files) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setData(path);
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("Clear list")), &QAction::triggered, this, [this] {
        QSettings().remove(QLatin1String(kRecentKey));
        updateRecentMenu();
    });
}

} // namespace ringflow::ui
