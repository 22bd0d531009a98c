// How the designer writes figures and parameters for people: one formatter for the badges,
// tooltips, axis ticks, tables and status lines, checked value by value.

#include "format/english_plurals.h"
#include "format/number_format.h"
#include "format/param_format.h"

#include <QtTest>

#include <limits>

using namespace ringflow;
using namespace ringflow::ui;

namespace {

pipeline::ParamSpec numberParam(pipeline::ParamType type, const std::string &displayName, const std::string &unit,
    std::optional<double> minimum, std::optional<double> maximum, bool powerOfTwo = false)
{
    pipeline::ParamSpec param;
    param.displayName = displayName;
    param.type = type;
    param.unit = unit;
    param.minimum = minimum;
    param.maximum = maximum;
    param.powerOfTwo = powerOfTwo;
    return param;
}

} // namespace

class TestFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Panels format in the user's locale: make it one whose output the tables below know.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void siTextKeepsThreeSignificantDigits_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("fraction") << 0.25 << "0.25";
        QTest::newRow("hundreds") << 850.0 << "850";
        QTest::newRow("rounds down") << 999.4 << "999";
        QTest::newRow("rounds up to a prefix") << 999.6 << "1 k";
        QTest::newRow("kilo") << 12345.0 << "12.3 k";
        QTest::newRow("hundreds of kilo") << 850000.0 << "850 k";
        QTest::newRow("mega") << 1.2e6 << "1.2 M";
        QTest::newRow("three digits of mega") << 1.234e6 << "1.23 M";
        QTest::newRow("giga") << 3.4e9 << "3.4 G";
        QTest::newRow("tera") << 3.4e12 << "3.4 T";
        QTest::newRow("negative") << -1500.0 << "-1.5 k";
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << "–";
    }

    void siTextKeepsThreeSignificantDigits()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(siText(value), expected);
    }

    void rateTextNamesTheUnit() { QCOMPARE(rateText(1.2e6), QString("1.2 M ev/s")); }

    void siLabelIsShortForAxisTicks_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("expected");
        const QLocale c = QLocale::c();
        QTest::newRow("zero") << 0.0 << c << "0";
        QTest::newRow("hundreds") << 250.0 << c << "250";
        QTest::newRow("kilo") << 1500.0 << c << "1.5k";
        QTest::newRow("hundreds of kilo") << 150e3 << c << "150k";
        QTest::newRow("mega") << 2.5e6 << c << "2.5M";
        QTest::newRow("rounds up to a prefix") << 999.96 << c << "1k";
        QTest::newRow("tenth") << 0.1 << c << "0.1";
        QTest::newRow("in the plot's locale") << 1500.0 << QLocale(QLocale::German) << "1,5k";
    }

    void siLabelIsShortForAxisTicks()
    {
        QFETCH(double, value);
        QFETCH(QLocale, locale);
        QFETCH(QString, expected);
        QCOMPARE(siLabel(value, locale), expected);
    }

    void durationLabelPicksTheUnitThatKeepsItShort_data()
    {
        QTest::addColumn<double>("micros");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("nanoseconds") << 0.5 << "500 ns";
        QTest::newRow("microseconds") << 250.0 << "250 µs";
        QTest::newRow("milliseconds") << 1500.0 << "1.5 ms";
        QTest::newRow("seconds") << 2e6 << "2 s";
    }

    void durationLabelPicksTheUnitThatKeepsItShort()
    {
        QFETCH(double, micros);
        QFETCH(QString, expected);
        QCOMPARE(durationLabel(micros, QLocale::c()), expected);
    }

    void durationTextPicksItsUnit_data()
    {
        QTest::addColumn<double>("nanoseconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nanoseconds") << 812.46 << "812 ns";
        QTest::newRow("microseconds") << 12345.0 << "12.3 µs";
        QTest::newRow("milliseconds") << 15'000'000.0 << "15 ms";
        QTest::newRow("seconds") << 8.01e9 << "8.01 s";
    }

    void durationTextPicksItsUnit()
    {
        QFETCH(double, nanoseconds);
        QFETCH(QString, expected);
        QCOMPARE(durationText(nanoseconds), expected);
    }

    void percentText_data()
    {
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("whole") << 0.957 << 0 << "96%";
        QTest::newRow("quarter") << 0.25 << 0 << "25%";
        QTest::newRow("full") << 1.0 << 0 << "100%";
        QTest::newRow("one decimal") << 0.05 << 1 << "5.0%";
        QTest::newRow("half rounds away from zero") << 0.125 << 0 << "13%";
    }

    void percentText()
    {
        QFETCH(double, fraction);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QCOMPARE(ui::percentText(fraction, decimals), expected);
    }

    void countsAreGroupedAsTheirLocaleGroups()
    {
        QCOMPARE(countText(4096, canvasLocale()), QString("4,096"));
        QCOMPARE(countText(1234567), QString("1,234,567"));
        QCOMPARE(countText(1234567, QLocale(QLocale::German)), QString("1.234.567"));
        QCOMPARE(eventsPerSecondText(1234567.4), QString("1,234,567"));
        // A locale that asks for no grouping gets none.
        QLocale ungrouped(QLocale::English);
        ungrouped.setNumberOptions(QLocale::OmitGroupSeparator);
        QCOMPARE(countText(3900, ungrouped), QString("3900"));
    }

    void theCLocaleGroupsThousandsToo()
    {
        // No locale chosen (LANG=C.UTF-8) must not mean "1234567 events".
        QCOMPARE(countText(3900, QLocale::c()), QString("3,900"));
        QCOMPARE(ui::percentText(0.5, 1, QLocale::c()), QString("50.0%"));
    }

    void countsTakeTheRightNoun()
    {
        QCOMPARE(countOf(1, "event"), QString("1 event"));
        QCOMPARE(countOf(2, "event"), QString("2 events"));
        QCOMPARE(countOf(4096, "slot"), QString("4,096 slots"));
    }

    void messagesWithPluralsReadAsEnglish()
    {
        EnglishPlurals plurals;
        QVERIFY(QCoreApplication::installTranslator(&plurals));
        const auto tr
            = [](const char *text, int n) { return QCoreApplication::translate("Context", text, nullptr, n); };
        QCOMPARE(tr("Running %1 on %n thread(s)", 1), QString("Running %1 on 1 thread"));
        QCOMPARE(tr("Running %1 on %n thread(s)", 5), QString("Running %1 on 5 threads"));
        QCOMPARE(tr("Cannot run: %n problem(s) to fix first", 0), QString("Cannot run: 0 problems to fix first"));
        QCOMPARE(tr("Nothing to count", 2), QString("Nothing to count"));
        QCOMPARE(QCoreApplication::translate("Context", "Not a plural (s)"), QString("Not a plural (s)"));
        QCoreApplication::removeTranslator(&plurals);
    }

    void theDesignerWritesWhatTheRunnerWrites_data()
    {
        // The same rules, the locale's marks: what ringflow-run prints (English) and the designer
        // shows under the user's locale differ in their separators only.
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("decimal");
        QTest::newRow("English") << QLocale(QLocale::English) << ","
                                 << ".";
        QTest::newRow("German") << QLocale(QLocale::German) << "."
                                << ",";
        QTest::newRow("C") << QLocale::c() << ","
                           << ".";
    }

    void theDesignerWritesWhatTheRunnerWrites()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, group);
        QFETCH(QString, decimal);
        const pipeline::NumberStyle style = numberStyle(locale);
        QCOMPARE(QString::fromStdString(style.group), group);
        QCOMPARE(QString::fromStdString(style.decimal), decimal);
        const auto english = [&](const std::string &text) {
            return QString::fromStdString(text).replace(',', '\x01').replace('.', decimal).replace(QChar(1), group);
        };
        QCOMPARE(siNumber(12345, 3, u" ", locale), english(pipeline::siNumber(12345, 3)));
        QCOMPARE(durationLabel(2129.9, locale), english(pipeline::durationText(2'129'900, 4)));
        QCOMPARE(countText(1234567, locale), english(pipeline::groupedDigits(1234567)));
        QCOMPARE(secondsText(1234.56, 1, locale), english(pipeline::fixedNumber(1234.56, 1)) + " s");
    }

    void secondsOfTheRun()
    {
        QCOMPARE(secondsLabel(30, QLocale::c()), QString("30 s"));
        QCOMPARE(secondsLabel(2.5, QLocale::c()), QString("2.5 s"));
        QCOMPARE(secondsText(12.34, 1), QString("12.3 s"));
    }

    void unitsThatRepeatTheLabelAreLeftOut()
    {
        using pipeline::ParamType;
        QCOMPARE(unitSuffix(numberParam(ParamType::Int, "Threads", "threads", 1, 64)), QString());
        QCOMPARE(unitSuffix(numberParam(ParamType::Int, "Slots", "entries", 1, 64)), QString(" entries"));
        QCOMPARE(unitSuffix(numberParam(ParamType::Int, "Rate", "", 1, 64)), QString());
    }

    void cardValuesAreGroupedWithTheirUnit()
    {
        using pipeline::ParamType;
        const pipeline::ParamSpec size = numberParam(ParamType::Int, "Size", "bytes", 1, {});
        QCOMPARE(cardValueText(size, pipeline::ParamValue {std::int64_t(4096)}), QString("4,096 bytes"));
        const pipeline::ParamSpec rate = numberParam(ParamType::Real, "Rate", "events/s", 0, 1e9);
        QCOMPARE(cardValueText(rate, pipeline::ParamValue {100000.0}), QString("100,000 events/s"));
        QCOMPARE(cardValueText(rate, pipeline::ParamValue {0.25}), QString("0.25 events/s"));
        pipeline::ParamSpec wait = numberParam(ParamType::Choice, "Wait", "mode", {}, {});
        QCOMPARE(cardValueText(wait, pipeline::ParamValue {std::string("yielding")}), QString("yielding"));
        QCOMPARE(cardValueText(wait, pipeline::ParamValue {std::string()}), QString("–"));
    }

    void rangesInWords_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("hasMinimum");
        QTest::addColumn<double>("maximum"); // 0: none
        QTest::addColumn<bool>("powerOfTwo");
        QTest::addColumn<QString>("expected");
        const int whole = static_cast<int>(pipeline::ParamType::Int);
        const int real = static_cast<int>(pipeline::ParamType::Real);
        QTest::newRow("both bounds") << whole << true << 1048576.0 << false << "1 to 1,048,576 bytes";
        QTest::newRow("power of two") << whole << true << 1048576.0 << true << "1 to 1,048,576 bytes, a power of two";
        QTest::newRow("at least") << whole << true << 0.0 << false << "at least 1 bytes";
        QTest::newRow("at most, real") << real << false << 2.5 << false << "at most 2.5 bytes";
        QTest::newRow("no exponent") << real << true << 1e9 << false << "1 to 1,000,000,000 bytes";
        QTest::newRow("unbounded") << whole << false << 0.0 << false << "";
        QTest::newRow("not a number") << static_cast<int>(pipeline::ParamType::Text) << true << 8.0 << false << "";
    }

    void rangesInWords()
    {
        QFETCH(int, type);
        QFETCH(bool, hasMinimum);
        QFETCH(double, maximum);
        QFETCH(bool, powerOfTwo);
        QFETCH(QString, expected);
        const pipeline::ParamSpec param = numberParam(static_cast<pipeline::ParamType>(type), "Size", "bytes",
            hasMinimum ? std::optional<double>(1) : std::nullopt,
            maximum > 0 ? std::optional<double>(maximum) : std::nullopt, powerOfTwo);
        QCOMPARE(rangeText(param), expected);
    }
};

QTEST_MAIN(TestFormat)
#include "test_format.moc"
