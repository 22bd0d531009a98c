#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace ringflow::ui {

class PipelineDocument;

/// What the compiler makes of the pipeline, in words: rings with their sequencers and gating,
/// consumers with their barriers and threads. Shows the document's plan after every edit.
class PlanPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlanPanel(PipelineDocument *document, QWidget *parent = nullptr);

    QString text() const;
    bool compiled() const { return m_compiled; }

private:
    void refresh();

    PipelineDocument *m_document;
    QPlainTextEdit *m_text;
    bool m_compiled = false;
};

} // namespace ringflow::ui
