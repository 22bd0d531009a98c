#pragma once

#include <QFrame>
#include <QIcon>

#include <vector>

class QLineEdit;
class QListWidget;

namespace ringflow::ui {

/// A small popup with a filter field over a list, as node editors offer for "add a node here" and
/// "go to a node": typing filters the entries (every word typed must appear in one), Up and Down
/// move, Enter or a click chooses, Escape or a click elsewhere closes it.
class ChooserPopup : public QFrame {
    Q_OBJECT
public:
    struct Entry {
        QString key; ///< what chosen() gives back
        QString text;
        QString detail; ///< shown after the text, searched too
        QIcon icon;
        QString toolTip;
    };

    ChooserPopup(const QString &placeholder, QWidget *parent);

    void setEntries(const std::vector<Entry> &entries);
    /// Shows the popup with its top-left corner at `globalPos` (kept on the screen), the filter empty.
    void popup(QPoint globalPos);

    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    /// The entries the filter leaves, in order.
    QStringList shownKeys() const;

Q_SIGNALS:
    void chosen(const QString &key);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter(const QString &text);
    void choose();

    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace ringflow::ui
