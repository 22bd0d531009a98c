#pragma once

// The live plots' legends: compact entries that flow in rows above the data, one entry for a
// group of series drawn as one (a consumer's three latency percentiles), and the key of the line
// styles that tell such a group's series apart.

#include <qcustomplot.h>

#include <QFont>
#include <QList>
#include <QPointer>
#include <QString>

namespace ringflow::ui {

/// A legend entry that names one series, or a group of series that share a colour: its icon is
/// the first series' line, a click on it shows or hides them all. Long names are elided in the
/// middle (the hover tip has them whole), so one entry never takes a plot's width.
class SeriesLegendItem : public QCPPlottableLegendItem {
    Q_OBJECT
public:
    /// The widest a name is drawn; longer ones are elided.
    static constexpr int kMaxTextWidth = 130;

    /// An entry in `legend` named `label` for `series` (not empty; the first draws the icon).
    /// Add it with QCPLegend::addItem().
    SeriesLegendItem(QCPLegend *legend, const QString &label, const QList<QCPAbstractPlottable *> &series);

    const QString &label() const { return m_label; }
    /// The name as drawn: elided if wider than kMaxTextWidth.
    QString shownText() const;
    QList<QCPAbstractPlottable *> series() const;
    /// Whether any of its series shows; the entry is greyed when none does.
    bool anyVisible() const;
    /// Greys the entry, or not, after its series were shown or hidden.
    void refresh();

protected:
    void draw(QCPPainter *painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    QString m_label;
    QList<QPointer<QCPAbstractPlottable>> m_series;
    mutable QFont m_shownFont;
    mutable QString m_shownText;
};

/// The key to the line styles of a group's series ("p50 ——  p99 - - -  p99.9 ·····"), drawn
/// with the plot's own pens in grey, to sit beside a plot's title.
class LineStyleKey : public QCPLayoutElement {
public:
    struct Entry {
        QString label;
        Qt::PenStyle style;
    };

    LineStyleKey(QCustomPlot *plot, QList<Entry> entries);
    QSize minimumOuterSizeHint() const override;

protected:
    void draw(QCPPainter *painter) override;

private:
    QList<Entry> m_entries;
};

/// The most columns `legend`'s entries take in rows at most `width` wide (margins included),
/// at least one; with as few rows as that needs, the columns are balanced (3 + 2, not 4 + 1).
int legendColumnsFor(QCPLegend *legend, int width);
/// The rows `legend`'s entries take in `columns` columns.
int legendRowsFor(QCPLegend *legend, int columns);
/// Lays `legend`'s entries out in rows of `columns`, in the order they were added.
void setLegendColumns(QCPLegend *legend, int columns);
/// The legend's entries, in the order they were added (a wrapped legend has empty cells too).
QList<QCPAbstractLegendItem *> legendItems(QCPLegend *legend);

} // namespace ringflow::ui
