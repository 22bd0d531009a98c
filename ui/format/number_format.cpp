#include "format/number_format.h"

namespace ringflow::ui {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

pipeline::NumberStyle numberStyle(const QLocale &locale)
{
    if (locale.language() == QLocale::C)
        return {};
    const bool grouped = !locale.numberOptions().testFlag(QLocale::OmitGroupSeparator);
    return {grouped ? locale.groupSeparator().toStdString() : std::string(), locale.decimalPoint().toStdString()};
}

QLocale canvasLocale()
{
    return QLocale(QLocale::English);
}

QString siNumber(double value, int digits, QStringView separator, const QLocale &locale)
{
    return fromStd(pipeline::siNumber(value, digits, separator.toString().toStdString(), numberStyle(locale)));
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
    return fromStd(pipeline::durationText(micros * 1e3, 4, numberStyle(locale)));
}

QString durationText(double nanoseconds, const QLocale &locale)
{
    return fromStd(pipeline::durationText(nanoseconds, 3, numberStyle(locale)));
}

QString secondsLabel(double seconds, const QLocale &locale)
{
    return fromStd(pipeline::shortNumber(seconds, 3, numberStyle(locale))) + QStringLiteral(" s");
}

QString secondsText(double seconds, int decimals, const QLocale &locale)
{
    return fromStd(pipeline::fixedNumber(seconds, decimals, numberStyle(locale))) + QStringLiteral(" s");
}

QString percentText(double fraction, int decimals, const QLocale &locale)
{
    return fromStd(pipeline::percentText(fraction, decimals, numberStyle(locale)));
}

QString countText(qlonglong count, const QLocale &locale)
{
    return fromStd(pipeline::groupedDigits(count, numberStyle(locale)));
}

QString countOf(std::uint64_t count, const char *singular, const char *plural, const QLocale &locale)
{
    return fromStd(pipeline::countOf(count, singular, plural, numberStyle(locale)));
}

QString eventsPerSecondText(double eventsPerSecond, const QLocale &locale)
{
    return fromStd(pipeline::fixedNumber(eventsPerSecond, 0, numberStyle(locale)));
}

} // namespace ringflow::ui
