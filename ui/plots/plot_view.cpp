#include "plots/plot_view.h"

#include "canvas/theme.h"
#include "plots/plot_axes.h"
#include <qcustomplot.h>

#include <QSplitter>

#include <algorithm>
#include <array>
#include <utility>

namespace ringflow::ui {

namespace {

/// A plot is never squeezed below this: a title line, a strip of data and the time labels.
constexpr int kMinPlotHeight = 64;
/// Stacked plots with this height each are readable (a title line, five value labels and the data
/// between them): they stay stacked.
constexpr int kReadableHeight = 150;

QCPItemText *makeHint(QCustomPlot *plot, const QString &text)
{
    auto *hint = new QCPItemText(plot);
    hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    hint->position->setCoords(0.5, 0.5);
    hint->setPositionAlignment(Qt::AlignCenter);
    hint->setText(text);
    hint->setColor(theme::secondaryText());
    QFont font = theme::labelFont();
    font.setPointSizeF(10);
    hint->setFont(font);
    return hint;
}

} // namespace

PlotView makePlotView(QSplitter *splitter, const QString &title, const PlotSubtitle &subtitle, const QString &hint,
    double windowSeconds, const PlotReadout::ValueText &valueText)
{
    auto *plot = new QCustomPlot(splitter);
    splitter->addWidget(plot);
    // Ten replots a second while the engine saturates every core: keep each one cheap. Text stays
    // antialiased (it is a separate render hint); exports switch antialiasing on for the rest.
    plot->setNotAntialiasedElements(QCP::aeAll);
    plot->setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
    // One paint buffer instead of two: the overlay layer only buffers a selection rectangle, which
    // these plots never draw, and every buffer is cleared and blended on each replot.
    if (QCPLayer *overlay = plot->layer(QStringLiteral("overlay")))
        overlay->setMode(QCPLayer::lmLogical);
    plot->setAutoAddPlottableToLegend(false);
    plot->setBackground(QBrush(theme::nodeBody()));
    plot->setMinimumHeight(kMinPlotHeight);
    plot->setMouseTracking(true); // for the readout, and the hand cursor over legend entries

    PlotView view;
    view.plot = plot;
    // Above the data, in as few lines as the width allows: the title, its unit or key, the legend.
    view.header = PlotHeader(plot, title, subtitle(plot));
    plot->legend->setVisible(false);

    setUpAxes(plot);
    plot->xAxis->setRange(0, windowSeconds);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    view.hint = makeHint(plot, hint);
    view.readout = new PlotReadout(plot, valueText);
    return view;
}

PlotSubtitle unitSubtitle(const QString &unit)
{
    return [unit](QCustomPlot *plot) -> QCPLayoutElement * {
        auto *element = new QCPTextElement(plot, unit, theme::labelFont());
        element->setTextColor(theme::secondaryText());
        return element;
    };
}

PlotArrangement plotArrangement(QSize size)
{
    const int width = size.width();
    const int height = size.height();
    if (height >= 3 * kReadableHeight)
        return PlotArrangement::Stacked;
    const auto readability = [](int plotWidth, int plotHeight) { return std::min(plotHeight, plotWidth / 2); };
    const std::array<std::pair<PlotArrangement, int>, 3> candidates {{
        {PlotArrangement::Stacked, readability(width, height / 3)},
        {PlotArrangement::Grid, readability(width / 2, height / 2)},
        {PlotArrangement::SideBySide, readability(width / 3, height)},
    }};
    // The first of the best: stacked, whose plots share a time axis, wins a tie.
    return std::max_element(candidates.begin(), candidates.end(), [](const auto &a, const auto &b) {
        return a.second < b.second;
    })->first;
}

bool isShown(const QCustomPlot *plot)
{
    return plot->isVisible() && !plot->visibleRegion().isEmpty();
}

} // namespace ringflow::ui
