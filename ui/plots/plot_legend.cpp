#include "plots/plot_legend.h"

#include "canvas/theme.h"

#include <QFontMetrics>

#include <algorithm>
#include <utility>

namespace ringflow::ui {

namespace {

/// The hidden entry's line: faded, but still there to be clicked again.
constexpr double kHiddenIconAlpha = 0.3;
/// An entry's line is thicker than the plot's, so that its colour reads at a glance.
constexpr qreal kIconLineWidth = 2;
/// The key's samples: long enough to show a dash and a dot pattern, spaced like legend entries.
constexpr int kKeySampleWidth = 20;
constexpr int kKeyLabelPadding = 4;
constexpr int kKeySpacing = 10;

/// The widths of `items` laid out in `columns` columns, filled row by row, spacing included.
int rowWidth(const QList<int> &widths, int columns, int spacing)
{
    QList<int> columnWidths(columns, 0);
    for (qsizetype i = 0; i < widths.size(); ++i)
        columnWidths[i % columns] = std::max(columnWidths[i % columns], widths[i]);
    int total = spacing * (columns - 1);
    for (const int width : columnWidths)
        total += width;
    return total;
}

} // namespace

SeriesLegendItem::SeriesLegendItem(QCPLegend *legend, const QString &label, const QList<QCPAbstractPlottable *> &series)
    : QCPPlottableLegendItem(legend, series.value(0)), m_label(label)
{
    for (QCPAbstractPlottable *plottable : series)
        m_series.append(plottable);
    // Rows a hair apart; the legend spaces the columns.
    setMargins(QMargins(0, 1, 0, 1));
}

QString SeriesLegendItem::shownText() const
{
    // Laid out and drawn on every replot: elided once per font.
    if (m_shownFont != mFont || m_shownText.isNull()) {
        m_shownFont = mFont;
        m_shownText = QFontMetrics(mFont).elidedText(m_label, Qt::ElideMiddle, kMaxTextWidth);
    }
    return m_shownText;
}

QList<QCPAbstractPlottable *> SeriesLegendItem::series() const
{
    QList<QCPAbstractPlottable *> result;
    for (const QPointer<QCPAbstractPlottable> &plottable : m_series) {
        if (plottable)
            result.append(plottable);
    }
    return result;
}

bool SeriesLegendItem::anyVisible() const
{
    return std::any_of(m_series.begin(), m_series.end(),
        [](const QPointer<QCPAbstractPlottable> &plottable) { return plottable && plottable->visible(); });
}

void SeriesLegendItem::refresh()
{
    setTextColor(anyVisible() ? mParentLegend->textColor() : theme::nodeBorder());
}

void SeriesLegendItem::draw(QCPPainter *painter)
{
    if (!mPlottable)
        return;
    const QSize iconSize = mParentLegend->iconSize();
    const int middle = mRect.top() + mRect.height() / 2;

    QColor color = mPlottable->pen().color();
    if (!anyVisible())
        color.setAlphaF(kHiddenIconAlpha);
    QPen pen(color, kIconLineWidth);
    pen.setCapStyle(Qt::FlatCap);
    painter->setPen(pen);
    painter->drawLine(QLineF(mRect.left(), middle, mRect.left() + iconSize.width(), middle));

    painter->setFont(mFont);
    painter->setPen(mTextColor);
    const int textLeft = mRect.left() + iconSize.width() + mParentLegend->iconTextPadding();
    painter->drawText(QRect(textLeft, mRect.top(), mRect.right() + 1 - textLeft, mRect.height()),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, shownText());
}

QSize SeriesLegendItem::minimumOuterSizeHint() const
{
    const QFontMetrics metrics(mFont);
    const QSize iconSize = mParentLegend->iconSize();
    QSize size(iconSize.width() + mParentLegend->iconTextPadding() + metrics.horizontalAdvance(shownText()),
        std::max(iconSize.height(), metrics.height()));
    size.rwidth() += mMargins.left() + mMargins.right();
    size.rheight() += mMargins.top() + mMargins.bottom();
    return size;
}

LineStyleKey::LineStyleKey(QCustomPlot *plot, QList<Entry> entries)
    : QCPLayoutElement(plot), m_entries(std::move(entries))
{
}

QSize LineStyleKey::minimumOuterSizeHint() const
{
    const QFontMetrics metrics(theme::labelFont());
    int width = 0;
    for (const Entry &entry : m_entries)
        width += metrics.horizontalAdvance(entry.label) + kKeyLabelPadding + kKeySampleWidth;
    width += kKeySpacing * std::max<int>(0, static_cast<int>(m_entries.size()) - 1);
    return {width + mMargins.left() + mMargins.right(), metrics.height() + mMargins.top() + mMargins.bottom()};
}

void LineStyleKey::draw(QCPPainter *painter)
{
    const QFont font = theme::labelFont();
    const QFontMetrics metrics(font);
    painter->setFont(font);
    // On the first line of a header whose legend may take two.
    const QRect line(mRect.left(), mRect.top(), mRect.width(), metrics.height());
    const int middle = line.top() + line.height() / 2;
    int x = line.left();
    for (const Entry &entry : m_entries) {
        const int labelWidth = metrics.horizontalAdvance(entry.label);
        painter->setPen(theme::secondaryText());
        painter->drawText(QRect(x, line.top(), labelWidth, line.height()),
            Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, entry.label);
        x += labelWidth + kKeyLabelPadding;
        // The plot's own pen, one pixel wide, so that the patterns match the lines exactly.
        QPen pen(theme::secondaryText(), 1);
        pen.setStyle(entry.style);
        painter->setPen(pen);
        painter->drawLine(QLineF(x, middle, x + kKeySampleWidth, middle));
        x += kKeySampleWidth + kKeySpacing;
    }
}

QList<QCPAbstractLegendItem *> legendItems(QCPLegend *legend)
{
    QList<QCPAbstractLegendItem *> items;
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (QCPAbstractLegendItem *item = legend->item(i))
            items.append(item);
    }
    return items;
}

int legendColumnsFor(QCPLegend *legend, int width)
{
    const QList<QCPAbstractLegendItem *> items = legendItems(legend);
    if (items.isEmpty())
        return 1;
    QList<int> widths;
    for (const QCPAbstractLegendItem *item : items)
        widths.append(item->minimumOuterSizeHint().width());
    const int room = width - legend->margins().left() - legend->margins().right();
    const int count = static_cast<int>(items.size());
    int columns = 1;
    for (int candidate = count; candidate > 1; --candidate) {
        if (rowWidth(widths, candidate, legend->columnSpacing()) <= room) {
            columns = candidate;
            break;
        }
    }
    // As many rows, evenly filled: 3 + 2 rather than 4 + 1.
    const int rows = (count + columns - 1) / columns;
    const int balanced = (count + rows - 1) / rows;
    if (balanced < columns && rowWidth(widths, balanced, legend->columnSpacing()) <= room)
        columns = balanced;
    return columns;
}

int legendRowsFor(QCPLegend *legend, int columns)
{
    const int count = static_cast<int>(legendItems(legend).size());
    return (count + std::max(1, columns) - 1) / std::max(1, columns);
}

void setLegendColumns(QCPLegend *legend, int columns)
{
    const int wrap = columns >= legendItems(legend).size() ? 0 : std::max(1, columns);
    if (legend->wrap() == wrap && legend->fillOrder() == QCPLayoutGrid::foColumnsFirst)
        return;
    legend->setWrap(wrap);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

} // namespace ringflow::ui
