#pragma once

#include "pipeline/run_report.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ringflow::ui {

/// The report of the last run: a verdict line (conservation, drain, handler errors), the totals,
/// and one row per node with its events, rate, busy share and latency percentiles. The whole
/// report can be copied as text (the table ringflow-run prints) or as JSON.
class RunSummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunSummaryPanel(QWidget *parent = nullptr);

    void showReport(const pipeline::RunReport &report);
    void clear();
    const std::optional<pipeline::RunReport> &report() const { return m_report; }
    /// The report as plain text, as copied.
    QString text() const;
    QString verdictText() const;
    QTableWidget *table() const { return m_table; }
    void copyText() const;
    void copyJson() const;

private:
    std::optional<pipeline::RunReport> m_report;
    QLabel *m_verdict;
    QLabel *m_totals;
    QTableWidget *m_table;
    QPushButton *m_copyText;
    QPushButton *m_copyJson;
};

} // namespace ringflow::ui
