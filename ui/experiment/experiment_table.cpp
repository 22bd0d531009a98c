#include "experiment_table.h"

#include "experiment_figures.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>

#include <algorithm>

namespace ringflow::ui {

namespace {

/// Plain numbers, so that copied cells paste into a spreadsheet as numbers.
QTableWidgetItem *numberItem(double value, int decimals)
{
    auto *item = new QTableWidgetItem(QString::number(value, 'f', decimals));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

ExperimentTable::ExperimentTable(QWidget *parent) : QTableWidget(parent)
{
    setObjectName(QStringLiteral("experimentTable"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void ExperimentTable::showResult(const pipeline::SweepResult &sweep)
{
    QStringList titles;
    for (const pipeline::SweepAxis &axis : sweep.axes)
        titles.append(QString::fromStdString(axis.name()));
    titles << tr("runs") << tr("events/s") << tr("min events/s") << tr("max events/s") << tr("CPU s")
           << tr("p50 latency (ns)") << tr("p99 latency (ns)") << tr("predicted events/s") << tr("verdict");
    clear();
    setColumnCount(static_cast<int>(titles.size()));
    setHorizontalHeaderLabels(titles);
    setRowCount(static_cast<int>(sweep.points.size()));
    for (int row = 0; row < rowCount(); ++row)
        fillRow(row, sweep.points[static_cast<std::size_t>(row)]);
}

void ExperimentTable::fillRow(int row, const pipeline::PointResult &point)
{
    int column = 0;
    for (const pipeline::ParamValue &value : point.values)
        setItem(row, column++, new QTableWidgetItem(valueText(value)));
    setItem(row, column++, numberItem(static_cast<double>(point.runs.size()), 0));
    if (point.runs.empty()) {
        setItem(row, columnCount() - 1, new QTableWidgetItem(tr("not run")));
        return;
    }
    const pipeline::Spread rate = figureOf(point, ExperimentFigure::Throughput);
    setItem(row, column++, numberItem(rate.median, 0));
    setItem(row, column++, numberItem(rate.min, 0));
    setItem(row, column++, numberItem(rate.max, 0));
    setItem(row, column++, numberItem(figureOf(point, ExperimentFigure::CpuSeconds).median, 3));
    std::vector<double> p50;
    for (const pipeline::RunMeasure &run : point.runs)
        p50.push_back(static_cast<double>(run.latency.p50Ns));
    setItem(row, column++, numberItem(pipeline::spreadOf(std::move(p50)).median, 0));
    setItem(row, column++, numberItem(figureOf(point, ExperimentFigure::LatencyP99).median, 0));
    setItem(row, column++, numberItem(point.prediction.eventsPerSecond, 0));
    const bool ok = std::all_of(point.runs.begin(), point.runs.end(), [](const auto &run) { return run.ok; });
    setItem(row, column, new QTableWidgetItem(ok ? tr("ok") : tr("FAILED")));
}

QString ExperimentTable::selectionText() const
{
    const QModelIndexList selected = selectionModel()->selectedIndexes();
    if (selected.isEmpty())
        return {};
    int top = rowCount();
    int bottom = -1;
    QList<int> columns;
    for (const QModelIndex &index : selected) {
        top = std::min(top, index.row());
        bottom = std::max(bottom, index.row());
        if (!columns.contains(index.column()))
            columns.append(index.column());
    }
    std::sort(columns.begin(), columns.end());
    QStringList lines;
    QStringList cells;
    for (int column : columns)
        cells.append(horizontalHeaderItem(column)->text());
    lines.append(cells.join(QLatin1Char('\t')));
    for (int row = top; row <= bottom; ++row) {
        cells.clear();
        for (int column : columns) {
            const QTableWidgetItem *cell = item(row, column);
            cells.append(cell && cell->isSelected() ? cell->text() : QString());
        }
        lines.append(cells.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ExperimentTable::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectionText());
        event->accept();
        return;
    }
    QTableWidget::keyPressEvent(event);
}

} // namespace ringflow::ui
