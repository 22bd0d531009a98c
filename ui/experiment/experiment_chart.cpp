#include "experiment_chart.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace ringflow::ui {

namespace {

bool isPowerOfTwo(double value)
{
    return value >= 1 && std::exp2(std::round(std::log2(value))) == value;
}

std::optional<double> numberOf(const pipeline::ParamValue &value)
{
    if (const auto *whole = std::get_if<std::int64_t>(&value))
        return static_cast<double>(*whole);
    if (const auto *real = std::get_if<double>(&value))
        return *real;
    return std::nullopt;
}

const QList<QColor> &seriesColors()
{
    static const QList<QColor> colors {QColor(0x1f77b4), QColor(0xd62728), QColor(0x2ca02c), QColor(0x9467bd),
        QColor(0xff7f0e), QColor(0x17becf), QColor(0x8c564b), QColor(0xe377c2)};
    return colors;
}

} // namespace

ExperimentChart::ExperimentChart(QWidget *parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("experimentChart"));
    setMinimumHeight(220);
    legend->setFont(font());
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

void ExperimentChart::showResult(const pipeline::SweepResult &sweep, ExperimentFigure figure)
{
    clearPlottables();
    if (sweep.axes.empty())
        return replot();
    setUpXAxis(sweep.axes.front());
    const std::size_t lines = sweep.axes.size() > 1 ? sweep.axes[1].values.size() : 1;
    for (std::size_t series = 0; series < lines; ++series)
        addSeries(sweep, figure, series, seriesColors()[static_cast<qsizetype>(series) % seriesColors().size()]);
    yAxis->setLabel(figureTitle(figure));
    xAxis->setLabel(QString::fromStdString(sweep.axes.front().name()));
    legend->setVisible(graphCount() > 1);
    rescaleAxes();
    // Room around the outermost points and their bars; a figure starts from zero.
    const QCPRange x = xAxis->range();
    if (m_categorical)
        xAxis->setRange(0.5, static_cast<double>(sweep.axes.front().values.size()) + 0.5);
    else if (xAxis->scaleType() == QCPAxis::stLogarithmic)
        xAxis->setRange(x.lower / 1.5, x.upper * 1.5);
    else
        xAxis->setRange(x.lower - x.size() * 0.05 - (x.size() == 0), x.upper + x.size() * 0.05 + (x.size() == 0));
    yAxis->setRange(0, std::max(yAxis->range().upper * 1.1, 1.0));
    replot();
}

int ExperimentChart::pointCount() const
{
    int count = 0;
    for (int i = 0; i < graphCount(); ++i)
        if (graph(i)->property("measured").toBool())
            count += graph(i)->data()->size();
    return count;
}

void ExperimentChart::setUpXAxis(const pipeline::SweepAxis &axis)
{
    std::vector<double> numbers;
    for (const pipeline::ParamValue &value : axis.values)
        if (const std::optional<double> number = numberOf(value))
            numbers.push_back(*number);
    m_categorical = numbers.size() != axis.values.size();
    if (m_categorical) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (std::size_t i = 0; i < axis.values.size(); ++i)
            ticker->addTick(static_cast<double>(i + 1), valueText(axis.values[i]));
        xAxis->setScaleType(QCPAxis::stLinear);
        xAxis->setTicker(ticker);
        return;
    }
    const auto [low, high] = std::minmax_element(numbers.begin(), numbers.end());
    const bool powersOfTwo = numbers.size() > 2 && std::all_of(numbers.begin(), numbers.end(), isPowerOfTwo);
    const bool wide = *low > 0 && *high / *low > 100;
    if (powersOfTwo || wide) {
        auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
        ticker->setLogBase(powersOfTwo ? 2 : 10);
        ticker->setSubTickCount(powersOfTwo ? 0 : 8);
        xAxis->setScaleType(QCPAxis::stLogarithmic);
        xAxis->setTicker(ticker);
    } else {
        xAxis->setScaleType(QCPAxis::stLinear);
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
}

double ExperimentChart::xOf(const pipeline::SweepAxis &axis, std::size_t index) const
{
    return m_categorical ? static_cast<double>(index + 1) : numberOf(axis.values[index]).value_or(0);
}

void ExperimentChart::addSeries(
    const pipeline::SweepResult &sweep, ExperimentFigure figure, std::size_t series, const QColor &color)
{
    const pipeline::SweepAxis &first = sweep.axes.front();
    const std::size_t stride = sweep.axes.size() > 1 ? sweep.axes[1].values.size() : 1;
    QCPGraph *measured = addGraph();
    measured->setProperty("measured", true);
    measured->setName(sweep.axes.size() > 1 ? QString::fromStdString(sweep.axes[1].name()) + QStringLiteral(" = ")
                + valueText(sweep.axes[1].values[series])
                                            : tr("measured"));
    measured->setPen(QPen(color, 2));
    measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 6));
    auto *bars = new QCPErrorBars(xAxis, yAxis);
    bars->removeFromLegend();
    bars->setPen(QPen(color, 1));
    QCPGraph *predicted = nullptr;
    if (figure == ExperimentFigure::Throughput) {
        predicted = addGraph();
        predicted->setName(sweep.axes.size() > 1 ? tr("predicted, %1").arg(measured->name()) : tr("predicted"));
        predicted->setPen(QPen(color, 1.5, Qt::DashLine));
    }
    QVector<double> minus;
    QVector<double> plus;
    for (std::size_t i = 0; i < first.values.size(); ++i) {
        const pipeline::PointResult &point = sweep.points[i * stride + series];
        const double x = xOf(first, i);
        if (predicted)
            predicted->addData(x, point.prediction.eventsPerSecond);
        if (point.runs.empty())
            continue;
        const pipeline::Spread spread = figureOf(point, figure);
        measured->addData(x, spread.median);
        minus.append(spread.median - spread.min);
        plus.append(spread.max - spread.median);
    }
    bars->setDataPlottable(measured);
    bars->setData(minus, plus);
}

} // namespace ringflow::ui
