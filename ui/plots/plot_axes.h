#pragma once

// The look and the numbers of the live plots' axes: short tick labels ("1.5M", "250 µs", "30 s"),
// tick density that follows the height a plot gets, ranges that keep still while data wobbles.

#include <QSharedPointer>

class QCPAxis;
class QCPAxisTicker;
class QCustomPlot;

namespace ringflow::ui {

/// Tick labels for events per second, in SI prefixes. Logarithmic: a tick at every decade, with
/// sub-ticks, labelled as often as the axis's height allows (fitTickDensity()).
QSharedPointer<QCPAxisTicker> rateTicker(bool logarithmic);
/// Tick labels for latencies in µs, in µs, ms or s.
QSharedPointer<QCPAxisTicker> latencyTicker(bool logarithmic);
/// Ticks every `step` percent.
QSharedPointer<QCPAxisTicker> percentTicker(double step);
/// Tick labels for the seconds of a run: "30 s".
QSharedPointer<QCPAxisTicker> secondsTicker();

/// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is >= value: a
/// range ending there keeps its ticks still while the data wobbles below it.
double niceCeiling(double value);
/// Fits `plot`'s value axis to what is on screen: the visible series in the visible time range,
/// with a little room above. Linear: from 0 to a nice ceiling. Logarithmic: whole decades, from no
/// lower than `logFloor` (zero has no place on a log axis), so the axis stays still while the
/// data moves inside them.
void fitValueAxis(QCustomPlot *plot, bool logarithmic, double logFloor);

/// Thin grey axis lines, small tick labels, a faint grid: the data stands out.
void styleAxis(QCPAxis *axis);
/// Styles `plot`'s time and value axes and gives its data the same room left and right as every
/// other plot's (valueAxisWidth(), timeAxisOverhang()), so that stacked plots' time axes line up
/// whatever their tick labels.
void setUpAxes(QCustomPlot *plot);
/// The length of `plot`'s value axis when its axis rect and time axis get `height` pixels: less
/// the room above the data and the time axis, with its labels if `timeLabels`.
int valueAxisLength(const QCustomPlot *plot, int height, bool timeLabels);

/// How many ticks a value axis `pixels` tall gets: few on a short plot, so that its labels stay
/// apart (two or three labels at 80 px, five or six at 200 px).
int valueTickCount(int pixels);
/// How many ticks a time axis `pixels` wide gets: its labels ("120 s") well apart.
int timeTickCount(int pixels);
/// How many decades a logarithmic value axis `pixels` tall labels: every decade of a range that
/// has fewer.
int decadeLabelCount(int pixels);
/// The step of a percent axis `pixels` tall: 25 % when there is room for five labels, else 50 %.
double percentTickStep(int pixels);
/// Fits the density of `axis`'s ticks to its length, `pixels`; a fixed-step percent ticker
/// gets percentTickStep(), a logarithmic one decadeLabelCount(). Returns true if it changed.
bool fitTickDensity(QCPAxis *axis, int pixels);

/// The room left of every value axis, wide enough for any tick label the tickers make ("888.8M",
/// "12.5 ms"): the same in every plot, so that their time axes line up.
int valueAxisWidth();
/// The room right of every axis rect: half a time label juts out past the last tick.
int timeAxisOverhang();

} // namespace ringflow::ui
