#pragma once

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace ringflow::ui {

class PipelineDocument;

/// Everything validation finds, refreshed after every edit, errors before warnings. Activating a
/// problem asks for its node. A file with thousands of problems shows the first page of them and a
/// last row that says how many more there are; activating it shows the next page.
class ProblemsPanel : public QWidget {
    Q_OBJECT
public:
    /// Rows shown at first, and added by each activation of the "more" row.
    static constexpr int kPageSize = 200;

    explicit ProblemsPanel(PipelineDocument *document, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }
    /// How many problems the list shows now (the "more" row aside).
    int shownCount() const { return m_shown; }
    /// The "… and N more" row; nullptr when every problem is listed.
    QTreeWidgetItem *moreRow() const;
    /// Lists kPageSize more problems.
    void showMore();

Q_SIGNALS:
    void nodeRequested(const QString &nodeId);
    void countsChanged(int errors, int warnings);

private:
    void refresh();
    void activate(QTreeWidgetItem *item);

    PipelineDocument *m_document;
    QStackedWidget *m_stack;
    QTreeWidget *m_list;
    QLabel *m_allClear;
    int m_errors = 0;
    int m_warnings = 0;
    int m_limit = kPageSize;
    int m_shown = 0;
};

} // namespace ringflow::ui
