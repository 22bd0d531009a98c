#pragma once

#include <QWidget>

class QLineEdit;
class QMimeData;
class QTreeWidget;
class QTreeWidgetItem;

namespace ringflow::ui {

/// The kinds a pipeline can be built from, grouped by category and read from the kind registry.
/// Kinds are dragged onto the canvas, or added to the middle of it with a double-click.
class PaletteWidget : public QWidget {
    Q_OBJECT
public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    /// What dragging `kind` carries: the canvas creates a node of that kind where it is dropped.
    static QMimeData *mimeDataForKind(const QString &kind);

    QLineEdit *filterEdit() const { return m_filter; }
    QTreeWidget *tree() const { return m_tree; }
    QTreeWidgetItem *itemForKind(const QString &kind) const;
    /// The height at which every category and kind shows without scrolling.
    int heightShowingEveryKind() const;
    /// Shows only kinds whose name or category contains `text`.
    void setFilter(const QString &text);

Q_SIGNALS:
    void kindActivated(const QString &kind);

private:
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace ringflow::ui
