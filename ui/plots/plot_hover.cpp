#include "plots/plot_hover.h"

#include <qcustomplot.h>
#include "plots/plot_legend.h"

#include <QMouseEvent>

namespace ringflow::ui {

void showHoverHint(QCustomPlot *plot, const QMouseEvent *event, bool frozen, bool percentiles)
{
    const QPoint pos = event->position().toPoint();
    QString tip;
    Qt::CursorShape shape = Qt::ArrowCursor;
    QCPLegend *legend = plot->legend;
    for (QCPAbstractLegendItem *item : legendItems(legend)) {
        auto *entry = qobject_cast<SeriesLegendItem *>(item);
        if (legend->visible() && entry && entry->outerRect().contains(pos)) {
            const QString what
                = percentiles ? QObject::tr("%1's p50, p99 and p99.9").arg(entry->label()) : entry->label();
            tip = (entry->anyVisible() ? QObject::tr("Click to hide %1") : QObject::tr("Click to show %1")).arg(what);
            shape = Qt::PointingHandCursor;
            break;
        }
    }
    if (tip.isEmpty() && frozen && plot->axisRect()->rect().contains(pos)) {
        tip = QObject::tr("Frozen: drag or scroll to look around; unfreeze to follow the run");
        shape = event->buttons() ? Qt::ClosedHandCursor : Qt::OpenHandCursor;
    }
    if (plot->cursor().shape() != shape)
        plot->setCursor(shape);
    if (plot->toolTip() != tip)
        plot->setToolTip(tip);
}

} // namespace ringflow::ui
