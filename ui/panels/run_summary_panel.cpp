#include "panels/run_summary_panel.h"

#include "canvas/theme.h"
#include "format/number_format.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cctype>

namespace ringflow::ui {

namespace {

QTableWidgetItem *cell(const QString &text, bool number)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

/// A column's title as a header: capitalized, but for a percentile ("p99" is a symbol).
QString headerText(const std::string &title)
{
    const bool percentile = title.size() > 1 && title[0] == 'p' && std::isdigit(static_cast<unsigned char>(title[1]));
    return QString::fromStdString(percentile ? title : pipeline::capitalized(title));
}

/// The local time of day of an ISO 8601 UTC time as the report writes it: "14:03:12".
QString timeOfDay(const std::string &iso)
{
    const QDateTime time = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("HH:mm:ss")) : QString::fromStdString(iso);
}

} // namespace

RunSummaryPanel::RunSummaryPanel(QWidget *parent)
    : QWidget(parent),
      m_verdict(new QLabel(this)),
      m_totals(new QLabel(this)),
      m_table(new QTableWidget(this)),
      m_copyText(new QPushButton(tr("Copy Report"), this)),
      m_copyJson(new QPushButton(tr("Copy as JSON"), this))
{
    m_verdict->setObjectName(QStringLiteral("runVerdict"));
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setObjectName(QStringLiteral("runTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Long lines wrap instead of widening the panel, and with it the dock and the window.
    for (QLabel *label : {m_verdict, m_totals}) {
        label->setWordWrap(true);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
    m_table->setObjectName(QStringLiteral("runTable"));
    m_table->verticalHeader()->setVisible(false);
    // Rows as tall as their text: a pipeline's nodes fit without scrolling.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_copyText->setObjectName(QStringLiteral("copyReport"));
    m_copyJson->setObjectName(QStringLiteral("copyReportJson"));
    connect(m_copyText, &QPushButton::clicked, this, &RunSummaryPanel::copyText);
    connect(m_copyJson, &QPushButton::clicked, this, &RunSummaryPanel::copyJson);

    // The verdict and the totals take the whole width; the buttons go under the table, where
    // they squeeze neither.
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copyText);
    buttons->addWidget(m_copyJson);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_verdict);
    layout->addWidget(m_totals);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    clear();
}

void RunSummaryPanel::clear()
{
    m_report.reset();
    m_previous = false;
    setVerdict(tr("No run yet. Press Run (F5) to run the pipeline; its report appears here when it stops."),
        theme::secondaryText(), false);
    m_totals->clear();
    fillTable({});
    m_copyText->setEnabled(false);
    m_copyJson->setEnabled(false);
}

void RunSummaryPanel::showReport(const pipeline::RunReport &report)
{
    m_report = report;
    m_previous = false;
    QString verdict = report.ok ? tr("Conservation OK: every stage processed every event of its ring.")
                                : tr("Run failed: %1")
                                      .arg(QString::fromStdString(report.problems.empty() ? std::string("see below")
                                                                                          : report.problems.front()));
    if (report.problems.size() > 1)
        verdict += tr(" (and %1 more)").arg(countOf(report.problems.size() - 1, "problem"));
    if (report.errorCount > 0)
        verdict += tr(" %1; the first: %2")
                       .arg(countOf(report.errorCount, "handler error"),
                           QString::fromStdString(report.errors.empty() ? std::string() : report.errors.front()));
    setVerdict(verdict, report.ok ? theme::categoryColor(pipeline::KindCategory::Sources) : theme::errorColor(), true);
    m_totals->setText(totalsOf(report));
    fillTable(report);
    m_copyText->setEnabled(true);
    m_copyJson->setEnabled(true);
}

void RunSummaryPanel::showRunStarted()
{
    if (!m_report) {
        setVerdict(tr("Running: the report appears here when the run stops."), theme::secondaryText(), false);
        return;
    }
    m_previous = true;
    setVerdict(tr("Running. Below, for comparison: the previous run, stopped at %1.").arg(timeOfDay(m_report->stopped)),
        theme::secondaryText(), true);
    m_totals->setText(tr("Previous run: %1").arg(totalsOf(*m_report)));
    for (int row = 0; row < m_table->rowCount(); ++row)
        for (int column = 0; column < m_table->columnCount(); ++column)
            if (QTableWidgetItem *item = m_table->item(row, column))
                item->setForeground(theme::secondaryText());
}

QString RunSummaryPanel::totalsOf(const pipeline::RunReport &report) const
{
    // A figure and its unit stay on one line when the totals wrap.
    const auto unbroken = [](QString text) { return text.replace(QLatin1Char(' '), QChar::Nbsp); };
    QString totals
        = tr("%1 published, %2 processed in %3: %4 events/s")
              .arg(unbroken(countOf(report.totalEvents, "event")), countText(static_cast<qlonglong>(report.processed)),
                  unbroken(secondsText(static_cast<double>(report.elapsedNs) * 1e-9, 2)),
                  eventsPerSecondText(report.eventsPerSecond));
    if (report.nsPerEvent > 0)
        totals += tr(", one every %1").arg(unbroken(durationText(report.nsPerEvent)));
    return totals;
}

void RunSummaryPanel::fillTable(const pipeline::RunReport &report)
{
    const std::vector<pipeline::ReportColumn> columns = pipeline::reportColumns(report, numberStyle(QLocale()));
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(columns.size()));
    m_table->setRowCount(static_cast<int>(report.nodes.size()));
    int conserved = -1;
    for (int column = 0; column < static_cast<int>(columns.size()); ++column) {
        const pipeline::ReportColumn &source = columns[static_cast<std::size_t>(column)];
        if (source.title == "conserved")
            conserved = column;
        auto *header = new QTableWidgetItem(headerText(source.title));
        header->setToolTip(QString::fromStdString(source.description));
        m_table->setHorizontalHeaderItem(column, header);
        for (int row = 0; row < m_table->rowCount(); ++row)
            m_table->setItem(
                row, column, cell(QString::fromStdString(source.cells[static_cast<std::size_t>(row)]), source.numeric));
    }
    m_table->setCurrentItem(nullptr);
    // A broken count stands out.
    for (int row = 0; row < m_table->rowCount() && conserved >= 0; ++row) {
        const pipeline::NodeReport &node = report.nodes[static_cast<std::size_t>(row)];
        if (node.role == pipeline::NodeRole::Consumer && !node.conserved)
            m_table->item(row, conserved)->setForeground(theme::errorColor());
    }
}

void RunSummaryPanel::setVerdict(const QString &text, const QColor &color, bool bold)
{
    m_verdict->setText(text);
    m_verdict->setStyleSheet(QStringLiteral("font-weight: %1; color: %2;")
                                 .arg(bold ? QStringLiteral("bold") : QStringLiteral("normal"), color.name()));
}

QString RunSummaryPanel::text() const
{
    return m_report ? QString::fromStdString(pipeline::toTable(*m_report)) : QString();
}

QString RunSummaryPanel::verdictText() const
{
    return m_verdict->text();
}

QString RunSummaryPanel::totalsText() const
{
    return m_totals->text();
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
