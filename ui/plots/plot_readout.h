#pragma once

#include <qcustomplot.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ringflow::ui {

/// What the mouse points at in a live plot: a line at the sample under it, a dot on every visible
/// series there, and a box with the sample's time and each legend entry's values, in the series'
/// colours. Series that coincide (stages that all handle every event) are told apart in the box.
///
/// It is drawn on a layer of its own ("readout"), so that a mouse move redraws only that layer;
/// it reads the plot's data when it is drawn, so that it stays true while the plot scrolls.
class PlotReadout : public QCPLayerable {
    Q_OBJECT
public:
    /// How a value of the plot is written: "1.2 M ev/s", "45.0%", "12.3 µs".
    using ValueText = std::function<QString(double value)>;

    PlotReadout(QCustomPlot *plot, ValueText valueText);

    /// Follows the mouse at `position` (in the plot's pixels): shown while it is over the data.
    void follow(QPointF position);
    void hide();
    bool isShown() const { return visible(); }
    /// The time of the run the readout is at: the sample nearest the mouse, if one is near.
    double time() const;
    /// The box's lines, as drawn: the time, then one per legend entry with a visible series, its
    /// label and its visible series' values at that time ("c1  1.2 µs · 4.5 µs · 18 µs").
    QStringList lines() const;

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    struct Row {
        QString label;
        QColor color;
        QList<double> values; ///< of the entry's visible series, in its order; NaN: no sample there
    };

    QList<Row> rows(double time) const;
    /// The line at `time` and a dot on each visible series there.
    void drawMarks(QCPPainter *painter, double time) const;
    void drawBox(QCPPainter *painter, double time) const;
    /// The header's note on the values of a row of several series: "p50 · p99 · p99.9".
    QString valueNames() const;
    void redraw();

    ValueText m_valueText;
    QPointF m_mouse;
};

} // namespace ringflow::ui
