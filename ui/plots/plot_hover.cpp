#include "plots/plot_hover.h"

#include "plots/plot_legend.h"
#include <qcustomplot.h>

#include <QMouseEvent>

namespace ringflow::ui {

void showHoverHint(QCustomPlot *plot, const QMouseEvent *event, bool percentiles)
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
    if (tip.isEmpty() && plot->axisRect()->rect().contains(pos))
        shape = event->buttons() ? Qt::ClosedHandCursor : Qt::CrossCursor;
    if (plot->cursor().shape() != shape)
        plot->setCursor(shape);
    if (plot->toolTip() != tip)
        plot->setToolTip(tip);
}

} // namespace ringflow::ui
