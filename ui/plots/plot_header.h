#pragma once

// The lines above a plot's data: title, unit or key, and the legend, laid out to take the least
// height a plot's width allows.

class QCPLayoutElement;
class QCPLayoutGrid;
class QCustomPlot;
class QString;

namespace ringflow::ui {

/// The lines above a plot's data: its title, a unit or a key beside it in grey, and the plot's
/// legend, flowing in rows beside them or, when that takes less height, in rows of its own below.
/// Its elements belong to the plot's layout; a copy refers to the same header.
class PlotHeader {
public:
    PlotHeader() = default;
    /// Puts a header above `plot`'s data titled `title`, with `subtitle` (an element of `plot`)
    /// beside the title, and moves the plot's legend into it, styled to match.
    PlotHeader(QCustomPlot *plot, const QString &title, QCPLayoutElement *subtitle);

    /// Flows the legend for the plot drawn `width` pixels wide: beside the title if that takes
    /// no more height than rows of its own below it, which leaves the data the most room.
    void layout(int width) const;
    /// The height the header takes.
    int height() const;
    /// The height it would take laid out for a plot `width` pixels wide.
    int heightFor(int width) const;
    /// The narrowest it can be: its caption (title and unit or key), or its widest legend entry.
    int minimumWidth() const;

private:
    /// Where the legend goes for a width: beside the caption or below it, in how many columns,
    /// and the header's height then.
    struct Flow {
        bool beside;
        int columns;
        int height;
    };
    Flow flowFor(int width) const;
    /// The width of the widest legend entry.
    int widestEntry() const;

    QCustomPlot *m_plot = nullptr;
    QCPLayoutGrid *m_grid = nullptr;
    /// The title, the subtitle, the legend if it is beside them, a spacer.
    QCPLayoutGrid *m_titleRow = nullptr;
    /// The legend if it is below the title, a spacer.
    QCPLayoutGrid *m_legendRow = nullptr;
    QCPLayoutElement *m_title = nullptr;
    QCPLayoutElement *m_subtitle = nullptr;
};

} // namespace ringflow::ui
