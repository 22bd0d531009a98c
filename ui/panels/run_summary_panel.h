#pragma once

#include "pipeline/run_report.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ringflow::ui {

/// The report of the last run: a verdict line (conservation, drain, handler errors), the totals,
/// and one row per node with the columns ringflow-run prints (pipeline::reportColumns(), each
/// header's tooltip saying what its column is). The whole report can be copied as text (the
/// runner's table) or as JSON.
///
/// While a new run goes on, the last report stays for comparison, greyed and labelled as the
/// previous run's, until the new one replaces it. Whatever it shows, the panel keeps its size, so
/// that the window around it does not reflow.
class RunSummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunSummaryPanel(QWidget *parent = nullptr);

    void showReport(const pipeline::RunReport &report);
    /// A new run started: the report shown, if any, is the previous run's from now on.
    void showRunStarted();
    void clear();
    const std::optional<pipeline::RunReport> &report() const { return m_report; }
    /// Whether the report shown is the previous run's, a new run going on.
    bool showsPreviousRun() const { return m_previous; }
    /// The report as plain text, as copied.
    QString text() const;
    QString verdictText() const;
    QString totalsText() const;
    QTableWidget *table() const { return m_table; }
    void copyText() const;
    void copyJson() const;

private:
    /// The header and rows of `report`'s node table; an empty report gives the header alone.
    void fillTable(const pipeline::RunReport &report);
    QString totalsOf(const pipeline::RunReport &report) const;
    void setVerdict(const QString &text, const QColor &color, bool bold);

    std::optional<pipeline::RunReport> m_report;
    bool m_previous = false;
    QLabel *m_verdict;
    QLabel *m_totals;
    QTableWidget *m_table;
    QPushButton *m_copyText;
    QPushButton *m_copyJson;
};

} // namespace ringflow::ui
