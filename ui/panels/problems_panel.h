#pragma once

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace ringflow::ui {

class PipelineDocument;

/// Everything validation finds, refreshed after every edit. Activating a problem asks for its node.
class ProblemsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProblemsPanel(PipelineDocument *document, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

Q_SIGNALS:
    void nodeRequested(const QString &nodeId);
    void countsChanged(int errors, int warnings);

private:
    void refresh();

    PipelineDocument *m_document;
    QStackedWidget *m_stack;
    QTreeWidget *m_list;
    QLabel *m_allClear;
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace ringflow::ui
