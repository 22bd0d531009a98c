#include "help_actions.h"

#include "named_action.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMenu>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <map>

namespace ringflow::ui {

namespace {

// The docs/ pages compiled into the program (ui/CMakeLists.txt), and their titles in the menu.
const std::pair<const char *, const char *> kPages[] = {
    {"designer.md", QT_TRANSLATE_NOOP("HelpActions", "The &Designer")},
    {"file-format.md", QT_TRANSLATE_NOOP("HelpActions", "Pipeline &File Format")},
    {"pipelines.md", QT_TRANSLATE_NOOP("HelpActions", "&Pipelines and ringflow-run")},
    {"architecture.md", QT_TRANSLATE_NOOP("HelpActions", "&Architecture")},
};

// What the mouse and keys do on the canvas beyond the menus' shortcuts.
const std::pair<const char *, const char *> kGestures[] = {
    {QT_TRANSLATE_NOOP("HelpActions", "Drag from a port to another"), QT_TRANSLATE_NOOP("HelpActions", "Connect")},
    {QT_TRANSLATE_NOOP("HelpActions", "Right-click on empty canvas"),
        QT_TRANSLATE_NOOP("HelpActions", "Add a node by typing its kind")},
    {QT_TRANSLATE_NOOP("HelpActions", "Arrows, Shift+arrows"),
        QT_TRANSLATE_NOOP("HelpActions", "Nudge the selection by a grid step, by a pixel")},
    {QT_TRANSLATE_NOOP("HelpActions", "Ctrl+wheel"), QT_TRANSLATE_NOOP("HelpActions", "Zoom")},
    {QT_TRANSLATE_NOOP("HelpActions", "Middle drag, or Space and drag"), QT_TRANSLATE_NOOP("HelpActions", "Pan")},
    {QT_TRANSLATE_NOOP("HelpActions", "Escape"), QT_TRANSLATE_NOOP("HelpActions", "Cancel the wire being drawn")},
};

QString plainText(const QAction *action)
{
    QString text = action->text();
    return text.remove(QLatin1Char('&')).remove(QStringLiteral("…"));
}

} // namespace

HelpActions::HelpActions(QWidget *window) : QObject(window), m_window(window), m_menu(new QMenu(tr("&Help"), window))
{
    m_menu->setObjectName(QStringLiteral("menuHelp"));
    QAction *start = namedAction(
        this, QStringLiteral("actionGettingStarted"), tr("&Getting Started"), {QKeySequence::HelpContents});
    QAction *keys = namedAction(this, QStringLiteral("actionShortcuts"), tr("&Keyboard Shortcuts"), {});
    QAction *about = namedAction(this, QStringLiteral("actionAbout"), tr("&About Ringflow"), {});
    about->setMenuRole(QAction::AboutRole);
    connect(start, &QAction::triggered, this, &HelpActions::showGettingStarted);
    connect(keys, &QAction::triggered, this, &HelpActions::showShortcuts);
    connect(about, &QAction::triggered, this, &HelpActions::showAbout);
    m_menu->addActions({start, keys});
    QMenu *docs = m_menu->addMenu(tr("&Documentation"));
    docs->setObjectName(QStringLiteral("menuDocumentation"));
    for (const auto &[page, title] : kPages) {
        QAction *open = docs->addAction(tr(title));
        open->setData(QString::fromLatin1(page));
        connect(open, &QAction::triggered, this, [this, page = page] { showDocument(QString::fromLatin1(page)); });
    }
    m_menu->addSeparator();
    m_menu->addAction(about);
}

QDialog *HelpActions::showHtml(const QString &name, const QString &title, const QString &html)
{
    // One of each at a time: asking again brings the open one forward.
    auto *dialog = m_window->findChild<QDialog *>(name);
    if (!dialog) {
        dialog = new QDialog(m_window);
        dialog->setObjectName(name);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        auto *browser = new QTextBrowser(dialog);
        browser->setOpenExternalLinks(true);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(browser);
        layout->addWidget(buttons);
        dialog->resize(640, 520);
    }
    dialog->setWindowTitle(title);
    if (!html.isEmpty())
        dialog->findChild<QTextBrowser *>()->setHtml(html);
    dialog->show();
    dialog->raise();
    return dialog;
}

QDialog *HelpActions::showGettingStarted()
{
    return showHtml(QStringLiteral("gettingStartedDialog"), tr("Getting Started"),
        tr("<h2>Getting started</h2>"
           "<ol><li><b>Open an example</b> (File ▸ Examples) to see a pipeline, or start from the empty canvas.</li>"
           "<li><b>Add nodes</b>: drag a kind from the Palette onto the canvas, double-click it, or press Tab on the "
           "canvas and type its name. A pipeline is producers that publish into rings, and stages, worker pools "
           "or aggregates that consume them.</li>"
           "<li><b>Connect</b>: drag from a port to another. Ports a wire may end on light up green.</li>"
           "<li><b>Set parameters</b> in Properties: hover a field for its help; ↺ resets it.</li>"
           "<li><b>Fix what Problems lists</b>: click a problem to go to its node.</li>"
           "<li><b>Run</b> (F5): watch the live plots, the fill bars and the glowing bottleneck; change rates and "
           "costs while it runs; <b>Stop</b> (Shift+F5) shows the report in Run summary.</li></ol>"
           "<p>Pipeline ▸ Run Settings sets the memory and thread budgets a run may use. Help ▸ Documentation has "
           "the whole guide.</p>"));
}

QString HelpActions::shortcutsHtml() const
{
    std::map<QString, QStringList> rows; // sorted by name; one row per action, whatever owns it
    for (const QAction *action : m_window->findChildren<QAction *>())
        if (!action->shortcuts().isEmpty())
            for (const QKeySequence &keys : action->shortcuts())
                if (!rows[plainText(action)].contains(keys.toString(QKeySequence::NativeText)))
                    rows[plainText(action)].append(keys.toString(QKeySequence::NativeText));
    QString html = tr("<h3>Keyboard shortcuts</h3><table cellpadding='3'>");
    for (const auto &[name, keys] : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.join(QStringLiteral(", ")).toHtmlEscaped(), name.toHtmlEscaped());
    html += tr("</table><h3>On the canvas</h3><table cellpadding='3'>");
    for (const auto &[gesture, effect] : kGestures)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(tr(gesture).toHtmlEscaped(), tr(effect).toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

QDialog *HelpActions::showShortcuts()
{
    return showHtml(QStringLiteral("shortcutsDialog"), tr("Keyboard Shortcuts"), shortcutsHtml());
}

QDialog *HelpActions::showDocument(const QString &page)
{
    QDialog *dialog = showHtml(QStringLiteral("documentationDialog"), tr("Ringflow Documentation"), {});
    auto *browser = dialog->findChild<QTextBrowser *>();
    browser->setOpenExternalLinks(false);
    browser->setOpenLinks(true);
    // Relative links between pages and to their images resolve inside the program's resources.
    browser->setSource(QUrl(QStringLiteral("qrc:/docs/") + page), QTextDocument::MarkdownResource);
    dialog->resize(820, 640);
    return dialog;
}

QString HelpActions::aboutHtml()
{
    return tr("<h3>Ringflow %1</h3><p>A designer for LMAX-Disruptor pipelines: draw them, run them on real "
              "threads, watch them live.</p><p>Qt %2 (built with %3)<br>QCustomPlot %4</p>")
        .arg(QStringLiteral(RINGFLOW_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
            QStringLiteral(QCUSTOMPLOT_VERSION_STR));
}

QDialog *HelpActions::showAbout()
{
    return showHtml(QStringLiteral("aboutDialog"), tr("About Ringflow"), aboutHtml());
}

} // namespace ringflow::ui
