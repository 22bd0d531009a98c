// The example programs' command lines: a real process each, its exit code and what it says. They
// keep ringflow-run's discipline: unknown options named as unknown, numbers range-checked with the
// range in the message, exit 2 on a bad command line, --help exits 0.
#include <QtTest>

namespace {

struct Outcome {
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {-2, {}, program + " did not finish in time"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

const QString kDemo = QStringLiteral(RINGFLOW_DISPATCHER_DEMO_BINARY);
const QString kJobPhases = QStringLiteral(RINGFLOW_JOB_PHASES_BINARY);

} // namespace

class TestExamplePrograms : public QObject {
    Q_OBJECT

private slots:
    void badDemoArgumentsExitTwoNamingTheMistake_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList {"--bogus"} << "unknown option '--bogus'";
        QTest::newRow("unknown option before a value") << QStringList {"--bogus", "3"} << "unknown option '--bogus'";
        QTest::newRow("stray argument") << QStringList {"fast"} << "unexpected argument 'fast'";
        QTest::newRow("missing value") << QStringList {"--events"} << "--events needs a value";
        QTest::newRow("huge ring") << QStringList {"--ring", "4611686018427387904"}
                                   << "--ring: expected a power of two from 1 to 1048576, got '4611686018427387904'";
        QTest::newRow("ring not a power of two")
            << QStringList {"--ring", "1000"} << "--ring: expected a power of two from 1 to 1048576, got '1000'";
        QTest::newRow("huge payload") << QStringList {"--payload", "99999999999"}
                                      << "--payload: expected a whole number from 1 to 1048576, got '99999999999'";
        QTest::newRow("ring times payload") << QStringList {"--ring", "1048576", "--payload",
            "2048"} << "--ring 1048576 x --payload 2048 is 2147483648 bytes, at most 1073741824";
        QTest::newRow("zero producers") << QStringList {"--producers", "0"}
                                        << "--producers: expected a whole number from 1 to 4096, got '0'";
        QTest::newRow("negative events") << QStringList {"--events", "-5"}
                                         << "--events: expected a whole number from 1 to 1000000000, got '-5'";
        QTest::newRow("batch with a unit")
            << QStringList {"--batch", "8k"} << "--batch: expected a whole number from 1 to 65536, got '8k'";
        QTest::newRow("unknown wait strategy") << QStringList {"--wait", "nap"} << "--wait: expected one of busy-spin";
        QTest::newRow("unknown layout") << QStringList {"--layout", "wide"}
                                        << "--layout: expected one of shared, per-route, got 'wide'";
    }
    void badDemoArgumentsExitTwoNamingTheMistake()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Outcome outcome = run(kDemo, arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("ringflow-dispatcher-demo: " + message), qPrintable(outcome.err));
        QVERIFY2(outcome.err.contains("usage: ringflow-dispatcher-demo"), qPrintable(outcome.err));
        QVERIFY(outcome.out.isEmpty());
    }

    void everyMistakeIsReportedAtOnce()
    {
        const Outcome outcome = run(kDemo, {"--ring", "0", "--bogus", "--payload", "0"});
        QCOMPARE(outcome.exitCode, 2);
        for (const char *message : {"--ring: expected", "unknown option '--bogus'", "--payload: expected"})
            QVERIFY2(outcome.err.contains(message), qPrintable(outcome.err));
    }

    void helpExitsZeroWithTheUsage_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("usage");
        QTest::newRow("dispatcher demo") << kDemo << "usage: ringflow-dispatcher-demo [--batch N]";
        QTest::newRow("job phases") << kJobPhases << "usage: ringflow-job-phases";
    }
    void helpExitsZeroWithTheUsage()
    {
        QFETCH(QString, program);
        QFETCH(QString, usage);
        for (const char *help : {"--help", "-h"}) {
            const Outcome outcome = run(program, {help});
            QCOMPARE(outcome.exitCode, 0);
            QVERIFY2(outcome.out.startsWith(usage), qPrintable(outcome.out));
            QVERIFY(outcome.err.isEmpty());
        }
    }

    void jobPhasesTakesNoOptions()
    {
        const Outcome outcome = run(kJobPhases, {"--workers", "8"});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("ringflow-job-phases: unknown option '--workers'"), qPrintable(outcome.err));
        QVERIFY2(outcome.err.contains("unexpected argument '8'"), qPrintable(outcome.err));
    }

    void goodDemoArgumentsRunTheDemo()
    {
        const Outcome outcome = run(kDemo,
            {"--producers", "3", "--events", "50", "--batch", "4", "--payload", "16", "--ring", "64", "--wait",
                "blocking", "--layout", "per-route", "--verbose"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        QVERIFY2(outcome.out.contains("3 producers x 50 events of 16 B on 'emit' (batches of 4), ring 64, blocking, "
                                      "a stage per route"),
            qPrintable(outcome.out));
        QVERIFY2(outcome.out.contains("completed: 3/3 producers"), qPrintable(outcome.out));
        QVERIFY2(outcome.out.contains("emit route: 150 events"), qPrintable(outcome.out));
    }
};

QTEST_GUILESS_MAIN(TestExamplePrograms)
#include "test_example_programs.moc"
