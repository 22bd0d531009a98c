#include "panels/run_summary_panel.h"

#include "canvas/theme.h"
#include "format/number_format.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ringflow::ui {

namespace {

enum Column { Node, Kind, Events, Rate, NsPerEvent, Busy, P50, P99, P999, Max, Conserved, ColumnCount };

QTableWidgetItem *cell(const QString &text, bool number)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

RunSummaryPanel::RunSummaryPanel(QWidget *parent)
    : QWidget(parent),
      m_verdict(new QLabel(this)),
      m_totals(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_copyText(new QPushButton(tr("Copy Report"), this)),
      m_copyJson(new QPushButton(tr("Copy as JSON"), this))
{
    m_verdict->setObjectName(QStringLiteral("runVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setObjectName(QStringLiteral("runTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("runTable"));
    m_table->setHorizontalHeaderLabels({tr("Node"), tr("Kind"), tr("Events"), tr("Events/s"), tr("ns/event"),
        tr("Busy"), tr("p50"), tr("p99"), tr("p99.9"), tr("Max"), tr("Conserved")});
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_copyText->setObjectName(QStringLiteral("copyReport"));
    m_copyJson->setObjectName(QStringLiteral("copyReportJson"));
    connect(m_copyText, &QPushButton::clicked, this, &RunSummaryPanel::copyText);
    connect(m_copyJson, &QPushButton::clicked, this, &RunSummaryPanel::copyJson);

    auto *header = new QHBoxLayout;
    header->addWidget(m_verdict, 1);
    header->addWidget(m_copyText);
    header->addWidget(m_copyJson);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addWidget(m_totals);
    layout->addWidget(m_table, 1);
    clear();
}

void RunSummaryPanel::clear()
{
    m_report.reset();
    m_verdict->setText(tr("No run yet. Press Run (F5) to run the pipeline; its report appears here when it stops."));
    m_verdict->setStyleSheet({});
    m_totals->clear();
    m_table->setRowCount(0);
    m_copyText->setEnabled(false);
    m_copyJson->setEnabled(false);
}

void RunSummaryPanel::showReport(const pipeline::RunReport &report)
{
    m_report = report;
    QString verdict = report.ok ? tr("Conservation OK: every stage processed every event of its ring.")
                                : tr("Run failed: %1")
                                      .arg(QString::fromStdString(report.problems.empty() ? std::string("see below")
                                                                                          : report.problems.front()));
    if (report.problems.size() > 1)
        verdict += tr(" (and %n more problem(s))", nullptr, static_cast<int>(report.problems.size() - 1));
    if (report.errorCount > 0)
        verdict += tr(" %n handler error(s); the first: %1", nullptr, static_cast<int>(report.errorCount))
                       .arg(QString::fromStdString(report.errors.empty() ? std::string() : report.errors.front()));
    m_verdict->setText(verdict);
    m_verdict->setStyleSheet(
        QStringLiteral("font-weight: bold; color: %1;")
            .arg((report.ok ? theme::categoryColor(pipeline::KindCategory::Sources) : theme::errorColor()).name()));
    m_totals->setText(tr("%1 events published, %2 processed in %3: %4 events/s, %5 ns/event")
                          .arg(countText(static_cast<qlonglong>(report.totalEvents)),
                              countText(static_cast<qlonglong>(report.processed)),
                              secondsText(static_cast<double>(report.elapsedNs) * 1e-9, 2),
                              eventsPerSecondText(report.eventsPerSecond), nsPerEventText(report.nsPerEvent)));

    m_table->setRowCount(static_cast<int>(report.nodes.size()));
    for (int row = 0; row < static_cast<int>(report.nodes.size()); ++row) {
        const pipeline::NodeReport &node = report.nodes[static_cast<std::size_t>(row)];
        const pipeline::NodeFigures &figures = node.figures;
        const bool producer = node.role == pipeline::NodeRole::Producer;
        const double nsPerEvent = figures.eventsPerSecond > 0 ? 1e9 / figures.eventsPerSecond : 0;
        m_table->setItem(row, Node, cell(QString::fromStdString(node.id), false));
        m_table->setItem(row, Kind, cell(QString::fromStdString(node.kind), false));
        m_table->setItem(row, Events, cell(countText(static_cast<qlonglong>(figures.count)), true));
        m_table->setItem(row, Rate, cell(eventsPerSecondText(figures.eventsPerSecond), true));
        m_table->setItem(row, NsPerEvent, cell(nsPerEvent > 0 ? nsPerEventText(nsPerEvent) : QString(), true));
        m_table->setItem(row, Busy, cell(producer ? QString() : percentText(figures.busyFraction, 1, QLocale()), true));
        m_table->setItem(row, P50, cell(latencyText(figures.latency.p50Ns), true));
        m_table->setItem(row, P99, cell(latencyText(figures.latency.p99Ns), true));
        m_table->setItem(row, P999, cell(latencyText(figures.latency.p999Ns), true));
        m_table->setItem(row, Max, cell(latencyText(figures.latency.maxNs), true));
        QTableWidgetItem *conserved = cell(producer ? QString() : node.conserved ? tr("yes") : tr("NO"), false);
        if (!producer && !node.conserved)
            conserved->setForeground(theme::errorColor());
        m_table->setItem(row, Conserved, conserved);
    }
    m_copyText->setEnabled(true);
    m_copyJson->setEnabled(true);
}

QString RunSummaryPanel::text() const
{
    return m_report ? QString::fromStdString(pipeline::toTable(*m_report)) : QString();
}

QString RunSummaryPanel::verdictText() const
{
    return m_verdict->text();
}

void RunSummaryPanel::copyText() const
{
    if (m_report)
        QApplication::clipboard()->setText(text());
}

void RunSummaryPanel::copyJson() const
{
    if (m_report)
        QApplication::clipboard()->setText(QString::fromStdString(pipeline::toJson(*m_report)));
}

} // namespace ringflow::ui
