#include "format/number_format.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ringflow::ui {

namespace {

/// `value` (not negative) rounded to `digits` significant digits.
double roundedTo(double value, int digits)
{
    if (!(value > 0))
        return 0;
    const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(value))));
    return std::round(value * scale) / scale;
}

/// "12.50" is "12.5" and "3.00" is "3": the digits that are shown all say something.
QString withoutTrailingZeros(QString text, QChar decimalPoint)
{
    if (!text.contains(decimalPoint))
        return text;
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(decimalPoint))
        text.chop(1);
    return text;
}

} // namespace

QLocale canvasLocale()
{
    return QLocale(QLocale::English);
}

QString siNumber(double value, int digits, QStringView separator, const QLocale &locale)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    static constexpr std::array<QStringView, 5> kPrefixes = {u"", u"k", u"M", u"G", u"T"};
    double scaled = std::abs(value);
    std::size_t prefix = 0;
    while (roundedTo(scaled, digits) >= 1000 && prefix + 1 < kPrefixes.size()) {
        scaled /= 1000;
        ++prefix;
    }
    const double rounded = roundedTo(scaled, digits);
    const int magnitude = rounded > 0 ? static_cast<int>(std::floor(std::log10(rounded))) : 0;
    const int decimals = std::clamp(digits - 1 - magnitude, 0, digits - 1);
    QString text = withoutTrailingZeros(locale.toString(scaled, 'f', decimals), locale.decimalPoint().front());
    if (value < 0 && text != QLatin1String("0"))
        text.prepend(locale.negativeSign());
    if (prefix > 0) {
        text += separator;
        text += kPrefixes[prefix];
    }
    return text;
}

QString siText(double value)
{
    return siNumber(value, 3, u" ");
}

QString rateText(double eventsPerSecond)
{
    return siText(eventsPerSecond) + QStringLiteral(" ev/s");
}

QString siLabel(double value, const QLocale &locale)
{
    return siNumber(value, 4, u"", locale);
}

QString durationLabel(double micros, const QLocale &locale)
{
    if (micros == 0)
        return QStringLiteral("0");
    const double size = std::abs(micros);
    if (size >= 1e6)
        return locale.toString(micros / 1e6, 'g', 4) + QStringLiteral(" s");
    if (size >= 1e3)
        return locale.toString(micros / 1e3, 'g', 4) + QStringLiteral(" ms");
    if (size >= 1)
        return locale.toString(micros, 'g', 4) + QStringLiteral(" µs");
    return locale.toString(micros * 1e3, 'g', 4) + QStringLiteral(" ns");
}

QString latencyText(std::uint64_t nanoseconds, const QLocale &locale)
{
    if (nanoseconds == 0)
        return QStringLiteral("–");
    if (nanoseconds < 10'000)
        return QStringLiteral("%1 ns").arg(nanoseconds);
    const double ns = static_cast<double>(nanoseconds);
    if (nanoseconds < 10'000'000)
        return QStringLiteral("%1 µs").arg(locale.toString(ns / 1e3, 'f', 1));
    return QStringLiteral("%1 ms").arg(locale.toString(ns / 1e6, 'f', 1));
}

QString secondsLabel(double seconds, const QLocale &locale)
{
    return locale.toString(seconds, 'g', 6) + QStringLiteral(" s");
}

QString secondsText(double seconds, int decimals, const QLocale &locale)
{
    return locale.toString(seconds, 'f', decimals) + QStringLiteral(" s");
}

QString percentText(double fraction, int decimals, const QLocale &locale)
{
    const double scale = std::pow(10.0, decimals);
    return locale.toString(std::round(fraction * 100 * scale) / scale, 'f', decimals) + QLatin1Char('%');
}

QString countText(qlonglong count, const QLocale &locale)
{
    return locale.toString(count);
}

QString eventsPerSecondText(double eventsPerSecond, const QLocale &locale)
{
    return locale.toString(eventsPerSecond, 'f', 0);
}

QString nsPerEventText(double nanoseconds, const QLocale &locale)
{
    return locale.toString(nanoseconds, 'f', 1);
}

} // namespace ringflow::ui
