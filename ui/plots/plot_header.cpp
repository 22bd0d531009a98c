#include "plots/plot_header.h"

#include "canvas/theme.h"
#include "plots/plot_legend.h"
#include <qcustomplot.h>

#include <algorithm>

namespace ringflow::ui {

namespace {

/// The title's distance from the plot's left edge, and the legend's from the caption before it.
constexpr int kIndent = 8;
constexpr int kLegendGap = 16;
/// The legend's margins beside the title (its rows' text level with the title's) and below it.
constexpr QMargins kBeside(kLegendGap, 3, kIndent, 1);
constexpr QMargins kBelow(kIndent, 0, kIndent, 2);

} // namespace

PlotHeader::PlotHeader(QCustomPlot *plot, const QString &title, QCPLayoutElement *subtitle)
    : m_plot(plot),
      m_grid(new QCPLayoutGrid),
      m_titleRow(new QCPLayoutGrid),
      m_legendRow(new QCPLayoutGrid),
      m_subtitle(subtitle)
{
    QCPLayoutGrid *layout = plot->plotLayout();
    layout->setRowSpacing(0);
    layout->insertRow(0);
    layout->addElement(0, 0, m_grid);
    // As low as it can be: the data takes the rest.
    layout->setRowStretchFactor(0, 0.001);
    m_grid->setRowSpacing(0);
    m_grid->addElement(0, 0, m_titleRow);
    m_grid->addElement(1, 0, m_legendRow);

    auto *titleText = new QCPTextElement(plot, title, theme::titleFont());
    titleText->setTextColor(theme::primaryText());
    titleText->setTextFlags(Qt::AlignLeft | Qt::AlignTop);
    titleText->setMargins(QMargins(kIndent, 3, 6, 1));
    m_title = titleText;
    m_subtitle->setMargins(QMargins(0, 4, 0, 1));
    if (auto *text = qobject_cast<QCPTextElement *>(m_subtitle))
        text->setTextFlags(Qt::AlignLeft | Qt::AlignTop);

    // Everything at its natural width, the spacers take the rest.
    m_titleRow->setColumnSpacing(0);
    m_titleRow->addElement(0, 0, m_title);
    m_titleRow->addElement(0, 1, m_subtitle);
    m_titleRow->addElement(0, 3, new QCPLayoutElement(plot));
    m_titleRow->setColumnStretchFactors({0.001, 0.001, 0.001, 1});
    m_legendRow->setColumnSpacing(0);
    m_legendRow->addElement(0, 1, new QCPLayoutElement(plot));
    m_legendRow->setColumnStretchFactors({0.001, 1});

    QCPLegend *legend = plot->legend;
    plot->axisRect()->insetLayout()->take(legend);
    m_titleRow->addElement(0, 2, legend);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFont(theme::labelFont());
    legend->setTextColor(theme::primaryText());
    legend->setIconSize(14, 10);
    legend->setIconTextPadding(4);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(12);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);

    // A text is at most its own height by default, an empty legend its margins': on a line with
    // a taller neighbour (a legend in two rows) they would clash with the line's height. (Below
    // QWIDGETSIZE_MAX with the margins added, or it counts as unset.)
    for (QCPLayoutElement *element : {m_title, m_subtitle, static_cast<QCPLayoutElement *>(legend)})
        element->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX / 2);
}

PlotHeader::Flow PlotHeader::flowFor(int width) const
{
    QCPLegend *legend = m_plot->legend;
    const QList<QCPAbstractLegendItem *> items = legendItems(legend);
    const QSize title = m_title->minimumOuterSizeHint();
    const int caption = title.width() + m_subtitle->minimumOuterSizeHint().width();
    const int rowHeight = items.isEmpty() ? 0 : items.front()->minimumOuterSizeHint().height();

    // Beside the caption, the legend is as tall as its rows; below it, it adds its rows to the
    // title line's height. Beside wins a tie, if its widest entry fits there at all.
    const int besideRoom = width - caption - kBeside.left() - kBeside.right();
    const int besideColumns = legendColumnsFor(legend, besideRoom);
    const int belowColumns = legendColumnsFor(legend, width - kBelow.left() - kBelow.right());
    const int besideHeight
        = std::max(title.height(), legendRowsFor(legend, besideColumns) * rowHeight + kBeside.top() + kBeside.bottom());
    const int belowHeight
        = title.height() + legendRowsFor(legend, belowColumns) * rowHeight + kBelow.top() + kBelow.bottom();
    if (items.isEmpty() || (besideHeight <= belowHeight && besideRoom >= widestEntry()))
        return {true, besideColumns, besideHeight};
    return {false, belowColumns, belowHeight};
}

void PlotHeader::layout(int width) const
{
    const Flow flow = flowFor(width);
    QCPLegend *legend = m_plot->legend;
    QCPLayoutGrid *row = flow.beside ? m_titleRow : m_legendRow;
    if (legend->layout() != row)
        row->addElement(0, flow.beside ? 2 : 0, legend);
    legend->setMargins(flow.beside ? kBeside : kBelow);
    setLegendColumns(legend, flow.columns);
}

int PlotHeader::heightFor(int width) const
{
    return flowFor(width).height;
}

int PlotHeader::widestEntry() const
{
    int widest = 0;
    for (const QCPAbstractLegendItem *item : legendItems(m_plot->legend))
        widest = std::max(widest, item->minimumOuterSizeHint().width());
    return widest;
}

int PlotHeader::minimumWidth() const
{
    const int caption = m_title->minimumOuterSizeHint().width() + m_subtitle->minimumOuterSizeHint().width();
    return std::max(caption, widestEntry() + kBelow.left() + kBelow.right());
}

int PlotHeader::height() const
{
    return m_grid->minimumOuterSizeHint().height();
}

} // namespace ringflow::ui
