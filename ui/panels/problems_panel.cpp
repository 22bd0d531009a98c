#include "panels/problems_panel.h"

#include "document/pipeline_document.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ringflow::ui {

namespace {

constexpr int kNodeRole = Qt::UserRole;

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

    const auto request = [this](QTreeWidgetItem *item) {
        const QString node = item ? item->data(0, kNodeRole).toString() : QString();
        if (!node.isEmpty())
            Q_EMIT nodeRequested(node);
    };
    connect(m_list, &QTreeWidget::itemClicked, this, request);
    connect(m_list, &QTreeWidget::itemActivated, this, request);
    connect(document, &PipelineDocument::edited, this, &ProblemsPanel::refresh);
    refresh();
}

void ProblemsPanel::refresh()
{
    m_list->clear();
    m_errors = 0;
    m_warnings = 0;
    const QIcon errorIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const pipeline::Problem &problem : m_document->problems()) {
        const bool error = problem.severity == pipeline::Severity::Error;
        (error ? m_errors : m_warnings) += 1;
        auto *item = new QTreeWidgetItem(m_list,
            {QString::fromStdString(problem.message), QString::fromStdString(problem.nodeId),
                QString::fromStdString(problem.hint)});
        item->setIcon(0, error ? errorIcon : warningIcon);
        item->setData(0, kNodeRole, QString::fromStdString(problem.nodeId));
        item->setToolTip(0, QString::fromStdString(pipeline::toString(problem)));
        item->setToolTip(2, QString::fromStdString(problem.hint));
    }
    m_stack->setCurrentWidget(m_list->topLevelItemCount() > 0 ? static_cast<QWidget *>(m_list) : m_allClear);
    Q_EMIT countsChanged(m_errors, m_warnings);
}

} // namespace ringflow::ui
