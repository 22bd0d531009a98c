#include "panels/plan_panel.h"

#include "document/pipeline_document.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>

namespace ringflow::ui {

namespace {

constexpr int kListedErrors = 20;

} // namespace

PlanPanel::PlanPanel(PipelineDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_text(new QPlainTextEdit(this))
{
    m_text->setObjectName(QStringLiteral("planText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    connect(document, &PipelineDocument::edited, this, &PlanPanel::refresh);
    refresh();
}

QString PlanPanel::text() const
{
    return m_text->toPlainText();
}

void PlanPanel::refresh()
{
    const std::optional<pipeline::Plan> &plan = m_document->plan();
    m_compiled = plan.has_value();
    QString text;
    if (plan) {
        text = QString::fromStdString(plan->describe());
    } else {
        // The first errors say why; the Problems tab lists them all.
        QStringList errors;
        int count = 0;
        for (const pipeline::Problem &problem : m_document->problems()) {
            if (problem.severity != pipeline::Severity::Error)
                continue;
            if (++count <= kListedErrors)
                errors.append(QStringLiteral("  - ") + QString::fromStdString(problem.message));
        }
        if (count > kListedErrors)
            errors.append(tr("  … and %n more (see Problems)", nullptr, count - kListedErrors));
        text = tr("Not compiled: the pipeline has %n error(s).", nullptr, count) + QStringLiteral("\n\n")
            + errors.join(QLatin1Char('\n'));
    }
    // Keep the reader's place when a small edit changes a few lines.
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->setPlainText(text);
    m_text->verticalScrollBar()->setValue(scroll);
}

} // namespace ringflow::ui
