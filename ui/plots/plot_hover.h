#pragma once

class QCustomPlot;
class QMouseEvent;

namespace ringflow::ui {

/// Tells the mouse over a live plot what it can do: over a legend entry, that a click hides or
/// shows the entry's series (a pointing hand and a tooltip; `percentiles`: the entry stands for a
/// consumer's p50, p99 and p99.9); over the data, that it reads values (a cross; the readout says
/// them) and pans when dragged (a closed hand). Sets `plot`'s cursor and tooltip only when they
/// change.
void showHoverHint(QCustomPlot *plot, const QMouseEvent *event, bool percentiles);

} // namespace ringflow::ui
