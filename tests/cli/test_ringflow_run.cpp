// ringflow-run end to end: a real process, real files, its exit codes and its reports.
#include <QtTest>

#include <nlohmann/json.hpp>

namespace {

struct Outcome {
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome run(const QStringList &arguments)
{
    QProcess process;
    process.start(RINGFLOW_RUN_BINARY, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {-2, {}, "ringflow-run did not finish in time"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QString example(const char *name)
{
    return QString(RINGFLOW_EXAMPLES_DIR) + "/" + name;
}
QString data(const char *name)
{
    return QString(RINGFLOW_CLI_DATA_DIR) + "/" + name;
}

} // namespace

class TestRingflowRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void jsonReportHasEveryFieldAndExitsZero()
    {
        const Outcome outcome = run({example("diamond.json"), "--events", "20000", "--report", "json"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        const auto json = nlohmann::json::parse(outcome.out.toStdString());
        for (const char *field : {"started", "stopped", "elapsed_ns", "total_events", "processed", "events_per_second",
                 "ns_per_event", "ok", "nodes"})
            QVERIFY2(json.contains(field), field);
        QCOMPARE(json["total_events"].get<std::uint64_t>(), std::uint64_t {20000});
        QCOMPARE(json["processed"].get<std::uint64_t>(), std::uint64_t {20000});
        QCOMPARE(json["ok"].get<bool>(), true);
        QVERIFY(json["events_per_second"].get<double>() > 0);
        QCOMPARE(json["nodes"].size(), std::size_t {4});
        for (const auto &node : json["nodes"]) {
            for (const char *field : {"id", "kind", "events_per_second", "p50_ns", "p99_ns"})
                QVERIFY2(node.contains(field), field);
            if (node["kind"] != "producer")
                QCOMPARE(node["processed"].get<std::uint64_t>(), std::uint64_t {20000});
        }
        QVERIFY2(outcome.err.contains("events/s so far"), "a progress line on standard error");
    }

    void tableAndCsvReports()
    {
        const Outcome table = run({example("unicast.json"), "--events", "1000", "--no-progress"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains("verdict   OK"));
        QVERIFY(table.err.isEmpty());

        const Outcome csv = run({example("pipeline.json"), "--events", "1000", "--report", "csv", "--no-progress"});
        QCOMPARE(csv.exitCode, 0);
        const QStringList lines = csv.out.trimmed().split('\n');
        QVERIFY(lines.first().startsWith("id,kind,ring,events"));
        QCOMPARE(lines.size(), 5); // header + producer + 3 stages
    }

    void setOverridesAParameter()
    {
        const Outcome outcome = run({example("unicast.json"), "--set", "producer.events=1234", "--set",
            "ring.wait_strategy=blocking", "--report", "json", "--no-progress"});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(nlohmann::json::parse(outcome.out.toStdString())["total_events"].get<int>(), 1234);
    }

    void durationRunsATimedRun()
    {
        const Outcome outcome = run({example("unicast.json"), "--duration", "0.5", "--set", "producer.rate=10000",
            "--report", "json", "--no-progress"});
        QCOMPARE(outcome.exitCode, 0);
        const auto json = nlohmann::json::parse(outcome.out.toStdString());
        const double seconds = json["elapsed_ns"].get<double>() * 1e-9;
        QVERIFY2(seconds >= 0.45 && seconds < 5, qPrintable(QString::number(seconds)));
        QVERIFY(json["total_events"].get<std::uint64_t>() > 1000);
    }

    void badArgumentsExitTwoAndNameTheArgument_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no file") << QStringList {} << "no pipeline FILE";
        QTest::newRow("bad events") << QStringList {example("unicast.json"), "--events", "many"} << "--events";
        QTest::newRow("bad report") << QStringList {example("unicast.json"), "--report", "xml"} << "--report";
        QTest::newRow("unknown option") << QStringList {example("unicast.json"), "--fast"} << "--fast";
        QTest::newRow("set unknown node")
            << QStringList {example("unicast.json"), "--set", "nobody.events=1"} << "no node 'nobody'";
        QTest::newRow("set unknown param")
            << QStringList {example("unicast.json"), "--set", "ring.colour=red"} << "has no parameter 'colour'";
        QTest::newRow("set bad value") << QStringList {example("unicast.json"), "--set", "ring.slots=lots"}
                                       << "--set ring.slots: expected a whole number";
        QTest::newRow("set out of range")
            << QStringList {example("unicast.json"), "--set", "ring.slots=1000"} << "ring";
        QTest::newRow("missing file") << QStringList {m_dir.filePath("absent.json")} << "absent.json";
    }

    void badArgumentsExitTwoAndNameTheArgument()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Outcome outcome = run(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(mentions), qPrintable(outcome.err));
    }

    void invalidFilesExitTwoAndNameThePlace()
    {
        const Outcome syntax = run({data("syntax.json")});
        QCOMPARE(syntax.exitCode, 2);
        QVERIFY2(syntax.err.contains("syntax.json:2:"), qPrintable(syntax.err));

        const Outcome type = run({data("type.json")});
        QCOMPARE(type.exitCode, 2);
        QVERIFY2(type.err.contains("type.json"), qPrintable(type.err));

        const Outcome invalid = run({data("invalid.json")});
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(invalid.err.contains("'r'"), qPrintable(invalid.err));
    }

    void haltedStageExitsOneAndNamesTheStage()
    {
        const Outcome outcome = run({data("halting.json"), "--report", "json", "--no-progress"});
        QCOMPARE(outcome.exitCode, 1);
        const auto json = nlohmann::json::parse(outcome.out.toStdString());
        QCOMPARE(json["ok"].get<bool>(), false);
        QVERIFY(json["problems"].dump().find("stage 'shaky' halted") != std::string::npos);
        QVERIFY2(outcome.err.contains("shaky"), qPrintable(outcome.err));
    }

    void continuePolicyCountsErrorsAndExitsZero()
    {
        const Outcome outcome = run({data("continuing.json"), "--events", "5000", "--report", "json", "--no-progress"});
        QCOMPARE(outcome.exitCode, 0);
        const auto json = nlohmann::json::parse(outcome.out.toStdString());
        QVERIFY(json["error_count"].get<int>() > 0);
        QCOMPARE(json["processed"].get<int>(), 5000);
    }

    void helpExitsZero()
    {
        const Outcome outcome = run({"--help"});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.contains("Usage: ringflow-run FILE"));
    }
};

QTEST_GUILESS_MAIN(TestRingflowRun)
#include "test_ringflow_run.moc"
