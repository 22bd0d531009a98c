// How figures are written for people, by the runner and the designer alike: value by value.
#include "pipeline/text_format.h"

#include "pipeline/plan.h"

#include <QtTest>

#include <limits>

using namespace ringflow::pipeline;

namespace {

/// German marks: a dot between thousands, a decimal comma.
NumberStyle german()
{
    return {".", ","};
}

} // namespace

class TestTextFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupedDigitsSeparateThousands_data()
    {
        QTest::addColumn<qlonglong>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("small") << 999LL << "999";
        QTest::newRow("thousands") << 4096LL << "4,096";
        QTest::newRow("millions") << 1234567LL << "1,234,567";
        QTest::newRow("negative") << -1234567LL << "-1,234,567";
        QTest::newRow("zero") << 0LL << "0";
    }

    void groupedDigitsSeparateThousands()
    {
        QFETCH(qlonglong, value);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(groupedDigits(value)), expected);
    }

    void fixedNumbersNeverUseAnExponent_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one decimal") << 2129.87 << 1 << "2,129.9";
        QTest::newRow("whole") << 200000.0 << 0 << "200,000";
        QTest::newRow("keeps zeros") << 5.0 << 1 << "5.0";
        QTest::newRow("half away from zero") << 12.5 << 0 << "13";
        QTest::newRow("negative half") << -12.5 << 0 << "-13";
        QTest::newRow("huge") << 1.5e20 << 0 << "150,000,000,000,000,000,000";
        QTest::newRow("tiny") << 1e-9 << 3 << "0.000";
        QTest::newRow("rounds to zero, no sign") << -0.0004 << 3 << "0.000";
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << 1 << "–";
    }

    void fixedNumbersNeverUseAnExponent()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(fixedNumber(value, decimals)), expected);
    }

    void shortNumbersDropTrailingZeros()
    {
        QCOMPARE(shortNumber(200000.0), std::string("200,000"));
        QCOMPARE(shortNumber(0.25), std::string("0.25"));
        QCOMPARE(shortNumber(2.5), std::string("2.5"));
        QCOMPARE(shortNumber(0.01, 6), std::string("0.01"));
        QCOMPARE(shortNumber(1234.5, 3, german()), std::string("1.234,5"));
    }

    void plainNumbersAreForMachines()
    {
        QCOMPARE(fixedNumber(1234567.25, 1, plainNumbers()), std::string("1234567.3"));
        QCOMPARE(groupedDigits(1234567, plainNumbers()), std::string("1234567"));
    }

    void siNumbersKeepTheirSignificantDigits_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("digits");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << 3 << "0";
        QTest::newRow("fraction") << 0.25 << 3 << "0.25";
        QTest::newRow("hundreds") << 850.0 << 3 << "850";
        QTest::newRow("rounds down") << 999.4 << 3 << "999";
        QTest::newRow("rounds up to a prefix") << 999.6 << 3 << "1 k";
        QTest::newRow("kilo") << 12345.0 << 3 << "12.3 k";
        QTest::newRow("mega") << 1.234e6 << 3 << "1.23 M";
        QTest::newRow("giga") << 3.4e9 << 3 << "3.4 G";
        QTest::newRow("tera") << 3.4e12 << 3 << "3.4 T";
        QTest::newRow("negative") << -1500.0 << 3 << "-1.5 k";
        QTest::newRow("four digits") << 1234.0 << 4 << "1.234 k";
        QTest::newRow("not a number") << std::numeric_limits<double>::infinity() << 3 << "–";
    }

    void siNumbersKeepTheirSignificantDigits()
    {
        QFETCH(double, value);
        QFETCH(int, digits);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(siNumber(value, digits)), expected);
    }

    void siNumbersTakeTheirSeparatorAndMarks()
    {
        QCOMPARE(siNumber(1500, 4, ""), std::string("1.5k"));
        QCOMPARE(siNumber(1500, 4, "", german()), std::string("1,5k"));
    }

    void percentages()
    {
        QCOMPARE(percentText(0.957), std::string("96%"));
        QCOMPARE(percentText(0.125), std::string("13%"));
        QCOMPARE(percentText(0.05, 1), std::string("5.0%"));
        QCOMPARE(percentText(1.0, 1), std::string("100.0%"));
    }

    void countsTakeTheRightNoun()
    {
        QCOMPARE(countOf(1, "event"), std::string("1 event"));
        QCOMPARE(countOf(0, "event"), std::string("0 events"));
        QCOMPARE(countOf(4096, "slot"), std::string("4,096 slots"));
        QCOMPARE(countOf(2, "batch", "batches"), std::string("2 batches"));
        QCOMPARE(countOf(1, "batch", "batches"), std::string("1 batch"));
    }

    void oneDurationReadsInItsOwnUnit_data()
    {
        QTest::addColumn<double>("nanoseconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("nanoseconds") << 850.0 << "850 ns";
        QTest::newRow("microseconds") << 12345.0 << "12.3 µs";
        QTest::newRow("rounds up a unit") << 999'600.0 << "1 ms";
        QTest::newRow("milliseconds") << 1.5e6 << "1.5 ms";
        QTest::newRow("seconds") << 2e9 << "2 s";
        QTest::newRow("an hour") << 3.6e12 << "3,600 s";
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << "–";
    }

    void oneDurationReadsInItsOwnUnit()
    {
        QFETCH(double, nanoseconds);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(durationText(nanoseconds)), expected);
    }

    void aColumnOfDurationsTakesOneUnit_data()
    {
        QTest::addColumn<QList<double>>("column");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("nanoseconds while all are below 10 µs")
            << QList<double> {850, 9999} << QStringList {"850 ns", "9,999 ns"};
        QTest::newRow("microseconds, not ns beside µs")
            << QList<double> {3424, 2'129'870} << QStringList {"3.4 µs", "2,129.9 µs"};
        QTest::newRow("a small one keeps a digit") << QList<double> {40, 15'000} << QStringList {"0.04 µs", "15.0 µs"};
        QTest::newRow("milliseconds") << QList<double> {12'000, 15'000'000} << QStringList {"0.01 ms", "15.0 ms"};
        QTest::newRow("seconds") << QList<double> {2e9, 20e9} << QStringList {"2.0 s", "20.0 s"};
        QTest::newRow("a rounding that reaches 10,000") << QList<double> {9'999'990} << QStringList {"10.0 ms"};
    }

    void aColumnOfDurationsTakesOneUnit()
    {
        QFETCH(QList<double>, column);
        QFETCH(QStringList, expected);
        const std::vector<double> values(column.begin(), column.end());
        const DurationUnit unit = columnDurationUnit(values);
        QStringList cells;
        for (const double value : values)
            cells << QString::fromStdString(durationIn(value, unit));
        QCOMPARE(cells, expected);
    }

    void durationUnitsHaveTheirSymbols()
    {
        QCOMPARE(unitSymbol(DurationUnit::Microseconds), std::string_view("µs"));
        QCOMPARE(durationUnitFor(999), DurationUnit::Nanoseconds);
        QCOMPARE(durationUnitFor(1000), DurationUnit::Microseconds);
        QCOMPARE(durationUnitFor(5e9), DurationUnit::Seconds);
        QCOMPARE(columnDurationUnit({}), DurationUnit::Nanoseconds);
    }

    void theCompiledPlanIsWrittenByTheSameRules()
    {
        Plan plan;
        plan.name = "p";
        plan.rings.push_back({});
        plan.rings.back().id = "ring";
        plan.rings.back().bufferSize = 4096;
        plan.rings.back().publishingThreads = 1;
        plan.rings.back().gating = {"stage"};
        plan.producers.push_back({});
        ProducerPlan &producer = plan.producers.back();
        producer.id = "producer";
        producer.ring = "ring";
        producer.eventsPerThread = 1;
        producer.payloadBytes = 1;
        producer.live = {{"rate", 200000}};
        plan.consumers.push_back({});
        ConsumerPlan &stage = plan.consumers.back();
        stage.id = "stage";
        stage.ring = "ring";
        stage.workload.steps = {WorkloadStep::Busy, WorkloadStep::Fail};
        stage.workload.failProbability = 0.01;
        stage.live = {{"cost", 2000}, {"sleep", 10}};
        const QString text = QString::fromStdString(plan.describe());
        QVERIFY2(text.contains("'p': 1 ring, 2 threads"), qPrintable(text));
        QVERIFY2(
            text.contains("Ring ring: 4,096 slots, single-producer sequencer (1 publishing thread)"), qPrintable(text));
        QVERIFY2(text.contains("busy 2,000 ns + fail p=0.01"), qPrintable(text));
        QVERIFY2(text.contains("1 thread, 1 event each, batch 1, 200,000 events/s per thread, 1 payload byte"),
            qPrintable(text));
        QVERIFY2(!text.contains("000000") && !text.contains("(s)"), qPrintable(text));
    }

    void listsForSentencesAndListings()
    {
        QCOMPARE(joined({"a", "b", "c"}), std::string("'a', 'b' and 'c'"));
        QCOMPARE(joined({"a", "b"}, "", "or"), std::string("a or b"));
        QCOMPARE(commaSeparated({"a", "b", "c"}), std::string("a, b, c"));
        QCOMPARE(capitalized("ring"), std::string("Ring"));
        QCOMPARE(numberText(1e9), std::string("1000000000"));
        QCOMPARE(numberText(0.25), std::string("0.25"));
    }
};

QTEST_APPLESS_MAIN(TestTextFormat)
#include "test_text_format.moc"
