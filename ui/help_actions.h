#pragma once

#include <QList>
#include <QObject>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace ringflow::ui {

/// The Help menu: getting started, the keyboard shortcuts (read from the window's own actions, so
/// the list is always the one that works), the documentation shipped inside the program (the docs/
/// pages, shown in a viewer whose links between pages work), and About with the versions of
/// Ringflow, Qt and QCustomPlot.
class HelpActions : public QObject {
    Q_OBJECT
public:
    explicit HelpActions(QWidget *window);

    /// The whole Help menu, in order.
    QMenu *menu() const { return m_menu; }

    QDialog *showGettingStarted();
    QDialog *showShortcuts();
    /// Opens `page` (a name in docs/, "designer.md") in the documentation viewer.
    QDialog *showDocument(const QString &page);
    QDialog *showAbout();

    /// The shortcuts table's text: every action of the window with a shortcut, then the gestures.
    QString shortcutsHtml() const;
    static QString aboutHtml();

private:
    QDialog *showHtml(const QString &name, const QString &title, const QString &html);

    QWidget *m_window;
    QMenu *m_menu;
};

} // namespace ringflow::ui
