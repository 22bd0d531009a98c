#include "plots/plot_view.h"

#include "canvas/theme.h"
#include "plots/plot_axes.h"
#include <qcustomplot.h>

#include <QCoreApplication>
#include <QSplitter>
#include <QTabBar>

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace ringflow::ui {

namespace {

/// A plot is never squeezed below this: a title line, a strip of data and the time labels.
constexpr int kMinPlotHeight = 64;
/// Plots whose data is this tall (and twice as wide) read well: five value labels and the data
/// between them. While stacked plots do, they stay stacked.
constexpr int kReadableHeight = 100;

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

void layOutHeader(const PlotView &view, int width)
{
    view.header.layout(width);
    view.plot->setMinimumHeight(std::max(kMinPlotHeight, view.plot->plotLayout()->minimumOuterSizeHint().height()));
}

QTabBar *makePlotTabs(QWidget *parent)
{
    auto *tabs = new QTabBar(parent);
    tabs->setObjectName(QStringLiteral("plotTabs"));
    tabs->setDocumentMode(true);
    tabs->setDrawBase(false);
    for (const char *title : {"Throughput", "Ring fill", "Latency"})
        tabs->addTab(QCoreApplication::translate("ringflow::ui::PlotPanel", title));
    tabs->hide();
    return tabs;
}

PlotArrangement plotArrangement(QSize size, int tabBarHeight, const PlotReadability &readability)
{
    const int width = size.width();
    const int height = size.height();
    const auto worst = [&](const std::array<QSize, 3> &cells, bool allLabelled) {
        int least = std::numeric_limits<int>::max();
        for (int i = 0; i < 3; ++i)
            least = std::min(least, readability(i, cells[static_cast<std::size_t>(i)], allLabelled || i == 2));
        return least;
    };
    const QSize third(width, height / 3);
    const int stacked = worst({third, third, third}, false);
    if (stacked >= kReadableHeight)
        return PlotArrangement::Stacked;
    const QSize quarter(width / 2, height / 2);
    const std::array<std::pair<PlotArrangement, int>, 3> candidates {{
        {PlotArrangement::Stacked, stacked},
        {PlotArrangement::Grid, worst({quarter, quarter, QSize(width, height / 2)}, true)},
        {PlotArrangement::SideBySide,
            worst({QSize(width / 3, height), QSize(width / 3, height), QSize(width / 3, height)}, true)},
    }};
    // The first of the best: stacked, whose plots share a time axis, wins a tie.
    const auto best = std::max_element(
        candidates.begin(), candidates.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    if (best->second >= kMinReadableHeight)
        return best->first;
    // Three at once would each be a strip or a sliver: one at a time, as large as the panel.
    const QSize tab(width, height - tabBarHeight);
    return worst({tab, tab, tab}, true) > best->second ? PlotArrangement::Tabbed : best->first;
}

bool isShown(const QCustomPlot *plot)
{
    return plot->isVisible() && !plot->visibleRegion().isEmpty();
}

} // namespace ringflow::ui
