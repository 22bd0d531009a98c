#include "panels/problems_panel.h"

#include "document/pipeline_document.h"
#include "rich_tool_tip.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ringflow::ui {

namespace {

constexpr int kNodeRole = Qt::UserRole;
constexpr int kMoreRole = Qt::UserRole + 1;

} // namespace

ProblemsPanel::ProblemsPanel(PipelineDocument *document, QWidget *parent)
    : QWidget(parent),
      m_document(document),
      m_stack(new QStackedWidget(this)),
      m_list(new QTreeWidget(m_stack)),
      m_allClear(new QLabel(tr("No problems: the pipeline is valid."), m_stack))
{
    m_allClear->setObjectName(QStringLiteral("problemsAllClear"));
    m_allClear->setAlignment(Qt::AlignCenter);
    m_allClear->setEnabled(false);
    m_list->setObjectName(QStringLiteral("problemsList"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Problem"), tr("Node"), tr("How to fix")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->resizeSection(0, 460);
    m_list->header()->resizeSection(1, 110);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(m_list);
    m_stack->addWidget(m_allClear);
    layout->addWidget(m_stack);

    connect(m_list, &QTreeWidget::itemClicked, this, &ProblemsPanel::activate);
    connect(m_list, &QTreeWidget::itemActivated, this, &ProblemsPanel::activate);
    connect(document, &PipelineDocument::edited, this, &ProblemsPanel::refresh);
    // Another pipeline starts again with the first page.
    connect(document, &PipelineDocument::specReset, this, [this] { m_limit = kPageSize; });
    refresh();
}

QTreeWidgetItem *ProblemsPanel::moreRow() const
{
    const int count = m_list->topLevelItemCount();
    QTreeWidgetItem *last = count > 0 ? m_list->topLevelItem(count - 1) : nullptr;
    return last && last->data(0, kMoreRole).toBool() ? last : nullptr;
}

void ProblemsPanel::showMore()
{
    m_limit += kPageSize;
    refresh();
}

void ProblemsPanel::activate(QTreeWidgetItem *item)
{
    if (!item)
        return;
    if (item->data(0, kMoreRole).toBool()) {
        showMore();
        return;
    }
    const QString node = item->data(0, kNodeRole).toString();
    if (!node.isEmpty())
        Q_EMIT nodeRequested(node);
}

void ProblemsPanel::refresh()
{
    const std::vector<pipeline::Problem> &problems = m_document->problems();
    m_errors = static_cast<int>(std::count_if(problems.begin(), problems.end(),
        [](const pipeline::Problem &problem) { return problem.severity == pipeline::Severity::Error; }));
    m_warnings = static_cast<int>(problems.size()) - m_errors;
    // Errors first, so that a page of warnings never hides what stops the pipeline from running.
    std::vector<const pipeline::Problem *> ordered;
    ordered.reserve(problems.size());
    for (const pipeline::Problem &problem : problems)
        ordered.push_back(&problem);
    std::stable_partition(ordered.begin(), ordered.end(),
        [](const pipeline::Problem *problem) { return problem->severity == pipeline::Severity::Error; });

    m_list->setUpdatesEnabled(false);
    m_list->clear();
    const QIcon errorIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_shown = std::min(m_limit, static_cast<int>(ordered.size()));
    for (int i = 0; i < m_shown; ++i) {
        const pipeline::Problem &problem = *ordered[static_cast<std::size_t>(i)];
        auto *item = new QTreeWidgetItem(m_list,
            {QString::fromStdString(problem.message), QString::fromStdString(problem.nodeId),
                QString::fromStdString(problem.hint)});
        item->setIcon(0, problem.severity == pipeline::Severity::Error ? errorIcon : warningIcon);
        item->setData(0, kNodeRole, QString::fromStdString(problem.nodeId));
        item->setToolTip(0, richToolTip(QString::fromStdString(pipeline::toString(problem))));
        item->setToolTip(2, richToolTip(QString::fromStdString(problem.hint)));
    }
    if (const int hidden = static_cast<int>(ordered.size()) - m_shown; hidden > 0) {
        auto *more = new QTreeWidgetItem(
            m_list, {tr("… and %n more: click to list %1 more", nullptr, hidden).arg(std::min(hidden, kPageSize))});
        more->setData(0, kMoreRole, true);
        more->setFirstColumnSpanned(true);
        QFont font = more->font(0);
        font.setItalic(true);
        more->setFont(0, font);
    }
    m_list->setUpdatesEnabled(true);
    m_stack->setCurrentWidget(ordered.empty() ? static_cast<QWidget *>(m_allClear) : m_list);
    Q_EMIT countsChanged(m_errors, m_warnings);
}

} // namespace ringflow::ui
