#include "plots/plot_axes.h"

#include "canvas/theme.h"
#include "format/number_format.h"
#include <qcustomplot.h>

#include <QFontMetrics>

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

namespace ringflow::ui {

namespace {

/// A value axis gives each tick label at least this many pixels, about two label heights; a
/// logarithmic one gives each decade's label a label's height and a little.
constexpr int kPixelsPerValueTick = 30;
constexpr int kPixelsPerDecade = 15;
/// A time axis gives each tick label this many pixels: a label's width and as much again.
constexpr int kPixelsPerTimeTick = 70;
constexpr int kMaxValueTicks = 6;
/// A percent axis shows 0, 25, 50, 75 and 100 % from this height, else 0, 50 and 100 %.
constexpr int kQuarterPercentTicksFrom = 110;
/// The room above the data for the top tick's label, which is centred on the axis's end.
constexpr int kRoomAbove = 6;
/// Room left above the highest point, so a line at the maximum does not run along the frame.
constexpr double kHeadroom = 1.05;

/// Whether `step` is one of `mantissas` times a power of ten.
bool isNiceStep(double step, std::span<const double> mantissas)
{
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    return std::any_of(
        mantissas.begin(), mantissas.end(), [&](double nice) { return std::abs(mantissa - nice) < 1e-9 * nice; });
}

/// Ticks on a value axis from 0 to a nice top (niceCeiling()): the top is always a tick, so the
/// highest label says how high the plot reaches. The range is split into as many equal steps as
/// the tick count allows, the steps being round numbers (1, 2, 2.5, 5) if possible, else fair ones
/// (1.5, 3, 4, 6, 8); a range that splits into neither has ticks at its ends only.
class ZeroToTopTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange &range) override
    {
        const double size = range.size();
        if (!(size > 0) || !std::isfinite(size))
            return QCPAxisTicker::getTickStep(range);
        for (const std::span<const double> mantissas :
            {std::span<const double>(kRoundSteps), std::span<const double>(kFairSteps)}) {
            for (int steps = std::max(mTickCount, 2); steps >= 2; --steps) {
                if (isNiceStep(size / steps, mantissas))
                    return size / steps;
            }
        }
        return size;
    }

    QVector<double> createTickVector(double tickStep, const QCPRange &range) override
    {
        // Computed from the ends, not by adding steps, so the top tick is the top exactly and
        // is not trimmed away by a rounding error.
        const double size = range.size();
        const int steps = qRound(size / tickStep);
        if (steps < 1 || steps > kMaxValueTicks || std::abs(steps * tickStep - size) > 1e-9 * size)
            return QCPAxisTicker::createTickVector(tickStep, range);
        QVector<double> ticks;
        for (int i = 0; i < steps; ++i)
            ticks.append(range.lower + size * i / steps);
        ticks.append(range.upper);
        return ticks;
    }

private:
    static constexpr double kRoundSteps[] = {1, 2, 2.5, 5};
    static constexpr double kFairSteps[] = {1.5, 3, 4, 6, 8};
};

/// Ticks on a logarithmic value axis at every power of ten, with sub-ticks at 2 to 9 times it;
/// each decade labelled, or on a short axis every few, counted down from the top decade, which
/// is always labelled. The tick count is the number of labels that fit.
class DecadeTicker : public QCPAxisTickerLog {
protected:
    QVector<double> createTickVector(double tickStep, const QCPRange &range) override
    {
        if (!spansDecades(range))
            return QCPAxisTickerLog::createTickVector(tickStep, range);
        const int first = static_cast<int>(std::ceil(std::log10(range.lower) - 1e-9));
        const int last = static_cast<int>(std::floor(std::log10(range.upper) + 1e-9));
        m_top = last;
        m_every = std::max(1, static_cast<int>(std::ceil((last - first) / std::max(1.0, mTickCount - 1.0) - 1e-9)));
        QVector<double> ticks;
        for (int exponent = first; exponent <= last; ++exponent)
            ticks.append(std::pow(10.0, exponent));
        return ticks;
    }

    QVector<QString> createLabelVector(
        const QVector<double> &ticks, const QLocale &locale, QChar formatChar, int precision) override
    {
        QVector<QString> labels = QCPAxisTickerLog::createLabelVector(ticks, locale, formatChar, precision);
        if (!m_top)
            return labels;
        for (qsizetype i = 0; i < ticks.size(); ++i) {
            const int exponent = static_cast<int>(std::lround(std::log10(ticks[i])));
            if ((*m_top - exponent) % m_every != 0)
                labels[i].clear();
        }
        return labels;
    }

private:
    /// At least two decades: fewer get QCPAxisTickerLog's own linear ticks, which label more than
    /// the decade's ends.
    bool spansDecades(const QCPRange &range)
    {
        const bool decades = range.lower > 0 && range.upper > range.lower && std::isfinite(range.upper)
            && std::log10(range.upper / range.lower) >= 1.6;
        if (!decades)
            m_top.reset();
        return decades;
    }

    std::optional<int> m_top; ///< the exponent of the top decade, when ticks are decades
    int m_every = 1;
};

class SiTicker : public ZeroToTopTicker {
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override { return siLabel(tick, locale); }
};

class SiLogTicker : public DecadeTicker {
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override { return siLabel(tick, locale); }
};

class DurationTicker : public ZeroToTopTicker {
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override
    {
        return durationLabel(tick, locale);
    }
};

class DurationLogTicker : public DecadeTicker {
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override
    {
        return durationLabel(tick, locale);
    }
};

class SecondsTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar, int) override { return secondsLabel(tick, locale); }
};

} // namespace

QSharedPointer<QCPAxisTicker> rateTicker(bool logarithmic)
{
    return logarithmic ? QSharedPointer<QCPAxisTicker>(new SiLogTicker) : QSharedPointer<QCPAxisTicker>(new SiTicker);
}

QSharedPointer<QCPAxisTicker> latencyTicker(bool logarithmic)
{
    return logarithmic ? QSharedPointer<QCPAxisTicker>(new DurationLogTicker)
                       : QSharedPointer<QCPAxisTicker>(new DurationTicker);
}

QSharedPointer<QCPAxisTicker> percentTicker(double step)
{
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(step);
    return ticker;
}

QSharedPointer<QCPAxisTicker> secondsTicker()
{
    return QSharedPointer<QCPAxisTicker>(new SecondsTicker);
}

double niceCeiling(double value)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0})
        if (step * magnitude >= value)
            return step * magnitude;
    return 10 * magnitude;
}

void fitValueAxis(QCustomPlot *plot, bool logarithmic, double logFloor)
{
    const QCPRange keys = plot->xAxis->range();
    bool any = false;
    QCPRange found;
    for (int i = 0; i < plot->graphCount(); ++i) {
        const QCPGraph *graph = plot->graph(i);
        if (!graph->visible())
            continue;
        bool ok = false;
        const QCPRange range = graph->getValueRange(ok, logarithmic ? QCP::sdPositive : QCP::sdBoth, keys);
        if (!ok)
            continue;
        if (any)
            found.expand(range);
        else
            found = range;
        any = true;
    }
    if (logarithmic) {
        const double lower = any ? std::max(logFloor, std::pow(10.0, std::floor(std::log10(found.lower)))) : 1;
        double upper = any ? std::pow(10.0, std::ceil(std::log10(found.upper * kHeadroom))) : 1000;
        if (upper <= lower)
            upper = lower * 10;
        plot->yAxis->setRange(lower, upper);
    } else {
        plot->yAxis->setRange(0, any && found.upper > 0 ? niceCeiling(found.upper * kHeadroom) : 1);
    }
}

void styleAxis(QCPAxis *axis)
{
    const QPen line(theme::nodeBorder(), 0);
    axis->setBasePen(line);
    axis->setTickPen(line);
    axis->setSubTickPen(line);
    axis->setTickLength(0, 3);
    // Few ticks on short plots: sub-ticks between them would only add noise.
    axis->setSubTicks(false);
    axis->setTickLabelFont(theme::labelFont());
    axis->setTickLabelColor(theme::secondaryText());
    axis->setTickLabelPadding(3);
    axis->setLabelFont(theme::labelFont());
    axis->setLabelColor(theme::secondaryText());
    axis->grid()->setPen(QPen(theme::gridMajor(), 0));
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void setUpAxes(QCustomPlot *plot)
{
    styleAxis(plot->xAxis);
    styleAxis(plot->yAxis);
    plot->xAxis->setTicker(secondsTicker());
    QCPAxisRect *axisRect = plot->axisRect();
    axisRect->setAutoMargins(QCP::msTop | QCP::msBottom);
    axisRect->setMargins(QMargins(valueAxisWidth(), 0, timeAxisOverhang(), 0));
    axisRect->setMinimumMargins(QMargins(0, kRoomAbove, 0, 0));
}

int valueAxisLength(const QCustomPlot *plot, int height, bool timeLabels)
{
    const QCPAxis *time = plot->xAxis;
    int timeAxis = time->tickLengthOut() + 1;
    if (timeLabels)
        timeAxis += time->tickLabelPadding() + QFontMetrics(time->tickLabelFont()).height();
    return height - kRoomAbove - timeAxis;
}

int valueTickCount(int pixels)
{
    return std::clamp(pixels / kPixelsPerValueTick, 2, kMaxValueTicks);
}

int timeTickCount(int pixels)
{
    return std::clamp(pixels / kPixelsPerTimeTick, 2, kMaxValueTicks);
}

int decadeLabelCount(int pixels)
{
    return std::max(2, pixels / kPixelsPerDecade);
}

double percentTickStep(int pixels)
{
    return pixels >= kQuarterPercentTicksFrom ? 25 : 50;
}

bool fitTickDensity(QCPAxis *axis, int pixels)
{
    QCPAxisTicker *ticker = axis->ticker().data();
    if (auto *fixed = dynamic_cast<QCPAxisTickerFixed *>(ticker)) {
        const double step = percentTickStep(pixels);
        if (fixed->tickStep() == step)
            return false;
        fixed->setTickStep(step);
        return true;
    }
    const int count = dynamic_cast<QCPAxisTickerLog *>(ticker) ? decadeLabelCount(pixels) : valueTickCount(pixels);
    if (ticker->tickCount() == count)
        return false;
    ticker->setTickCount(count);
    return true;
}

int valueAxisWidth()
{
    const QFontMetrics metrics(theme::labelFont());
    int widest = 0;
    for (const char *label : {"888.8M", "88.8 ms", "888 µs"})
        widest = std::max(widest, metrics.horizontalAdvance(QString::fromUtf8(label)));
    // The tick, the label's padding and a gutter to the panel's edge.
    return widest + 3 + 3 + 6;
}

int timeAxisOverhang()
{
    const QFontMetrics metrics(theme::labelFont());
    return metrics.horizontalAdvance(QStringLiteral("8888 s")) / 2 + 4;
}

} // namespace ringflow::ui
