#include "format/param_format.h"

#include "format/number_format.h"
#include "pipeline/param_text.h"

#include <QObject>

namespace ringflow::ui {

QString unitSuffix(const pipeline::ParamSpec &param)
{
    const QString unit = QString::fromStdString(param.unit);
    if (unit.isEmpty() || unit.compare(QString::fromStdString(param.displayName), Qt::CaseInsensitive) == 0)
        return {};
    return QLatin1Char(' ') + unit;
}

QString cardValueText(const pipeline::ParamSpec &param, const pipeline::ParamValue &value)
{
    QString text;
    if (const auto *whole = std::get_if<std::int64_t>(&value))
        text = countText(*whole, canvasLocale());
    else if (const auto *real = std::get_if<double>(&value))
        text = QString::fromStdString(pipeline::shortNumber(*real, 6, numberStyle(canvasLocale())));
    else
        text = QString::fromStdString(pipeline::paramText(value));
    if (text.isEmpty())
        return QStringLiteral("–");
    if (param.type != pipeline::ParamType::Choice && param.type != pipeline::ParamType::Text)
        text += unitSuffix(param);
    return text;
}

QString rangeText(const pipeline::ParamSpec &param)
{
    if (param.type != pipeline::ParamType::Int && param.type != pipeline::ParamType::Real)
        return {};
    // Grouped, never an exponent: "0 to 1,000,000,000 events/s", not "0 to 1e+09".
    const auto number
        = [](double value) { return QString::fromStdString(pipeline::shortNumber(value, 6, numberStyle(QLocale()))); };
    const QString unit = unitSuffix(param);
    QString text;
    if (param.minimum && param.maximum)
        text = QObject::tr("%1 to %2%3").arg(number(*param.minimum), number(*param.maximum), unit);
    else if (param.minimum)
        text = QObject::tr("at least %1%2").arg(number(*param.minimum), unit);
    else if (param.maximum)
        text = QObject::tr("at most %1%2").arg(number(*param.maximum), unit);
    if (param.powerOfTwo && !text.isEmpty())
        text += QObject::tr(", a power of two");
    return text;
}

} // namespace ringflow::ui
