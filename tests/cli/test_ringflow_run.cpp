// ringflow-run end to end: a real process, real files, its exit codes and its reports.
#include "program_run.h"

#include <QtTest>

#include <csignal>
#include <sys/resource.h>

#include <nlohmann/json.hpp>

namespace {

Outcome run(const QStringList &arguments)
{
    return runProgram(RINGFLOW_RUN_BINARY, arguments);
}

QString example(const char *name)
{
    return QString(RINGFLOW_EXAMPLES_DIR) + "/" + name;
}
QString data(const char *name)
{
    return QString(RINGFLOW_CLI_DATA_DIR) + "/" + name;
}

/// A one-producer pipeline: producer `producerId` (with `producer` params) -> `rings` rings of
/// `ring` params, each read by one stage, the producer feeding the first.
nlohmann::json pipelineJson(const nlohmann::json &producer, const nlohmann::json &ring, int rings = 1,
    const std::string &producerId = "producer")
{
    nlohmann::json nodes = nlohmann::json::array();
    nlohmann::json wires = nlohmann::json::array();
    const auto params = [](const nlohmann::json &given) { return given.is_null() ? nlohmann::json::object() : given; };
    nodes.push_back({{"id", producerId}, {"kind", "producer"}, {"params", params(producer)}});
    const auto wire = [](const std::string &from, const char *out, const std::string &to) {
        return nlohmann::json {{"from", {{"node", from}, {"port", out}}}, {"to", {{"node", to}, {"port", "in"}}}};
    };
    for (int i = 0; i < rings; ++i) {
        const std::string id = "ring" + std::to_string(i);
        const std::string stage = "stage" + std::to_string(i);
        nodes.push_back({{"id", id}, {"kind", "ring"}, {"params", params(ring)}});
        nodes.push_back({{"id", stage}, {"kind", "stage"}, {"params", nlohmann::json::object()}});
        wires.push_back(wire(id, "out", stage));
        if (i == 0)
            wires.push_back(wire(producerId, "out", id));
        else
            wires.push_back(wire("stage" + std::to_string(i - 1), "forward", id));
    }
    return {{"format", "ringflow-pipeline"}, {"version", 1}, {"name", "generated"}, {"nodes", nodes},
        {"connections", wires}};
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

    void noInstrumentationCountsEveryEventAndMeasuresNothingElse()
    {
        const Outcome outcome
            = run({example("diamond.json"), "--events", "20000", "--report", "json", "--no-instrumentation"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        const auto json = nlohmann::json::parse(outcome.out.toStdString());
        QCOMPARE(json["instrumented"].get<bool>(), false);
        QCOMPARE(json["processed"].get<std::uint64_t>(), std::uint64_t {20000});
        for (const auto &node : json["nodes"]) {
            QVERIFY2(!node.contains("busy_fraction") && !node.contains("p99_ns"),
                qPrintable(QString::fromStdString(node.dump())));
            if (node["kind"] != "producer")
                QCOMPARE(node["processed"].get<std::uint64_t>(), std::uint64_t {20000});
        }
        const Outcome table
            = run({example("unicast.json"), "--events", "1000", "--no-progress", "--no-instrumentation"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("instrumentation off"), qPrintable(table.out));
        const Outcome sweep = run({example("unicast.json"), "--no-instrumentation", "--sweep", "ring.slots=64,128"});
        QCOMPARE(sweep.exitCode, 2);
        QVERIFY2(sweep.err.contains("--no-instrumentation"), qPrintable(sweep.err));
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
        QVERIFY(lines.first().contains(",busy_fraction,service_ns,"));
        QCOMPARE(lines.size(), 5); // header + producer + 3 stages
        // Plain numbers: a rate of millions is not "1.2e+06".
        QVERIFY2(!csv.out.contains(QRegularExpression("\\d[eE][+-]?\\d")), qPrintable(csv.out));
    }

    void tableShowsPerStageFiguresAndChannelFilters()
    {
        // Stage 0 reads channel "b" only, and the producer publishes on "a": it handles nothing.
        nlohmann::json pipeline = pipelineJson({{"events", 1000}, {"channel", "a"}}, nullptr);
        for (auto &node : pipeline["nodes"])
            if (node["id"] == "stage0")
                node["params"]["channel_filter"] = "b";
        const QString path = m_dir.filePath("filtered.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(pipeline.dump()));
        file.close();

        const Outcome outcome = run({path, "--no-progress"});
        QCOMPARE(outcome.exitCode, 0);
        const QStringList lines = outcome.out.split('\n');
        const auto header
            = std::find_if(lines.begin(), lines.end(), [](const QString &line) { return line.startsWith("node"); });
        QVERIFY2(header != lines.end(), qPrintable(outcome.out));
        const QStringList titles = header->split(' ', Qt::SkipEmptyParts);
        QCOMPARE(titles,
            (QStringList {"node", "kind", "events", "handled", "events/s", "predicted", "busy", "service", "p50", "p99",
                "p99.9", "max", "conserved"}));
        const QStringList stage = (header + 2)->split(' ', Qt::SkipEmptyParts);
        QCOMPARE(stage.mid(0, 4), (QStringList {"stage0", "stage", "1,000", "0"}));
        QCOMPARE(stage.last(), QString("yes"));
        QVERIFY2(outcome.out.contains("events    1,000 published, 1,000 processed"), qPrintable(outcome.out));
    }

    void predictPrintsThePredictionWithoutRunning()
    {
        // A stage of 30 µs per event: it limits whatever this machine's constants are.
        const Outcome table = run({example("unicast.json"), "--set", "consumer.workload=busy", "--set",
            "consumer.cost=30000", "--set", "producer.rate=0", "--predict"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("limit     consumer: 'consumer' handles at most"), qPrintable(table.out));
        QVERIFY2(table.out.contains(QRegularExpression("consumer +\\d+(\\.\\d+)? µs ")), qPrintable(table.out));
        QVERIFY(!table.out.contains("verdict")); // nothing ran

        const Outcome json = run({example("unicast.json"), "--set", "consumer.workload=busy", "--set",
            "consumer.cost=30000", "--set", "producer.rate=0", "--predict", "--report", "json"});
        QCOMPARE(json.exitCode, 0);
        const nlohmann::json parsed = nlohmann::json::parse(json.out.toStdString());
        QCOMPARE(parsed["limit"].get<std::string>(), std::string("consumer"));
        const double rate = parsed["events_per_second"].get<double>();
        // At most one event per 30 µs; less when other processes leave the thread less than a core.
        QVERIFY2(rate > 0 && rate < 1e9 / 30000, qPrintable(QString::number(rate)));
        QVERIFY(parsed["core_share"].get<double>() > 0 && parsed["core_share"].get<double>() <= 1);
        QCOMPARE(parsed["nodes"].size(), std::size_t {2});
        QVERIFY(parsed["constants"]["consumer_event_ns"].get<double>() > 0);

        QCOMPARE(run({example("unicast.json"), "--predict", "--set", "nowhere.cost=1"}).exitCode, 2);

        // A given share of a core instead of a measured one: half a core, twice the time per event.
        const auto predicted = [&](const char *share) {
            const Outcome outcome = run({example("unicast.json"), "--set", "consumer.workload=busy", "--set",
                "consumer.cost=30000", "--predict", "--report", "json", "--core-share", share});
            return nlohmann::json::parse(outcome.out.toStdString());
        };
        QCOMPARE(predicted("0.5")["core_share"].get<double>(), 0.5);
        QCOMPARE(predicted("0.5")["nodes"][1]["service_ns"].get<double>(),
            predicted("1")["nodes"][1]["service_ns"].get<double>() * 2);
        const Outcome tooMuch = run({example("unicast.json"), "--predict", "--core-share", "2"});
        QCOMPARE(tooMuch.exitCode, 2);
        QVERIFY2(
            tooMuch.err.contains("--core-share: expected a share of a core from 0.05 to 1"), qPrintable(tooMuch.err));
    }

    void sweepReportsEveryPointInTheOrderGiven()
    {
        const QStringList common {example("unicast.json"), "--events", "300", "--set", "producer.rate=0", "--set",
            "consumer.workload=busy", "--sweep", "consumer.cost=0,1000", "--sweep", "ring.slots=64..256*4", "--repeat",
            "2", "--no-progress"};
        const Outcome json = run(common + QStringList {"--report", "json"});
        QCOMPARE(json.exitCode, 0);
        const nlohmann::json parsed = nlohmann::json::parse(json.out.toStdString());
        QCOMPARE(parsed["repeat"].get<int>(), 2);
        const auto &points = parsed["points"];
        QCOMPARE(points.size(), std::size_t {4});
        const int expected[4][2] = {{0, 64}, {0, 256}, {1000, 64}, {1000, 256}};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(points[i]["values"]["consumer.cost"].get<int>(), expected[i][0]);
            QCOMPARE(points[i]["values"]["ring.slots"].get<int>(), expected[i][1]);
            QCOMPARE(points[i]["runs"].get<int>(), 2);
            QVERIFY(points[i]["ok"].get<bool>());
            const auto &rate = points[i]["events_per_second"];
            QVERIFY(rate["min"].get<double>() <= rate["median"].get<double>());
            QVERIFY(rate["median"].get<double>() <= rate["max"].get<double>());
            QVERIFY(points[i]["cpu_seconds"]["median"].get<double>() >= 0);
            QVERIFY(points[i]["latency"].contains("p999_ns"));
            QCOMPARE(points[i]["stages"][0]["id"].get<std::string>(), std::string("consumer"));
        }

        const Outcome csv = run(common + QStringList {"--report", "csv", "--repeat", "1"});
        QCOMPARE(csv.exitCode, 0);
        const QStringList lines = csv.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines[0].startsWith("consumer.cost,ring.slots,runs,ok,events_per_second,"), qPrintable(lines[0]));
        QVERIFY(lines[4].startsWith("1000,256,1,true,"));

        const Outcome table = run(common);
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.startsWith("consumer.cost  ring.slots  runs  events/s"), qPrintable(table.out));
    }

    void badSweepsExitTwoNamingThePlace()
    {
        const std::pair<const char *, const char *> cases[] = {
            {"ghost.cost=1", "--sweep ghost.cost: no node 'ghost' in the pipeline"},
            {"consumer.ghost=1", "--sweep consumer.ghost: stage 'consumer' has no parameter 'ghost'"},
            {"consumer.cost=", "--sweep consumer.cost: no values"},
            {"consumer.cost=5,-1", "--sweep consumer.cost: -1: Parameter 'cost' of stage 'consumer' is -1, below"},
            {"ring.slots=100", "--sweep ring.slots: 100: Parameter 'slots' of ring buffer 'ring' is 100, which is not"},
            {"consumer.cost=0..10", "--sweep consumer.cost: '0..10': expected a range"},
        };
        for (const auto &[sweep, message] : cases) {
            const Outcome outcome = run({example("unicast.json"), "--sweep", sweep, "--events", "10"});
            QCOMPARE(outcome.exitCode, 2);
            QVERIFY2(outcome.err.contains(QString::fromUtf8(message)), qPrintable(outcome.err));
            QVERIFY(outcome.out.isEmpty());
        }
        const Outcome repeat = run({example("unicast.json"), "--repeat", "2"});
        QCOMPARE(repeat.exitCode, 2);
        QVERIFY(repeat.err.contains("--repeat is for sweeps"));
        QCOMPARE(run({example("unicast.json"), "--sweep", "consumer.cost=1", "--repeat", "0"}).exitCode, 2);
    }

    void runReportCarriesThePrediction()
    {
        const Outcome outcome = run({example("unicast.json"), "--events", "1000", "--report", "json", "--no-progress"});
        QCOMPARE(outcome.exitCode, 0);
        const nlohmann::json report = nlohmann::json::parse(outcome.out.toStdString());
        const std::string limit = report["predicted"]["limit"].get<std::string>();
        QVERIFY2(limit == "producer" || limit == "consumer", limit.c_str());
        for (const auto &node : report["nodes"])
            QVERIFY2(node["predicted"]["ceiling_events_per_second"].get<double>() > 0, node.dump().c_str());
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

    QString write(const char *name, const std::string &text)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0)
            qFatal("cannot write %s", name);
        return file.fileName();
    }

    void emptyAndOutOfRangeValuesExitTwoWithTheRange_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        for (const char *option : {"--events", "--duration", "--report", "--set", "--drain-timeout", "--memory-budget"})
            QTest::addRow("empty %s", option)
                << QStringList {example("unicast.json"), option, ""} << QString(option) + " needs a value";
        QTest::newRow("duration 1e300") << QStringList {example("unicast.json"), "--duration", "1e300"}
                                        << "--duration: expected seconds above 0, from 0 to 1000000 s";
        QTest::newRow("duration 1e10") << QStringList {example("unicast.json"), "--duration", "1e10"} << "1000000 s";
        QTest::newRow("drain timeout 1e10") << QStringList {example("unicast.json"), "--drain-timeout", "1e10"}
                                            << "--drain-timeout: expected seconds from 0 to 3600";
        QTest::newRow("events beyond the registry")
            << QStringList {example("unicast.json"), "--events", "9223372036854775807"} << "1000000000000000 events";
        QTest::newRow("thread budget zero")
            << QStringList {example("unicast.json"), "--thread-budget", "0"} << "--thread-budget";
    }

    void emptyAndOutOfRangeValuesExitTwoWithTheRange()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Outcome outcome = run(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(mentions), qPrintable(outcome.err));
    }

    void fileNumbersOutOfRangeAreEchoedAsGiven()
    {
        const QString rate = write("rate.json", pipelineJson({{"rate", 1e-10}, {"duration", 1e300}}, {}).dump());
        const Outcome outcome = run({rate});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("'duration' of producer 'producer' is 1e+300, above its maximum of 1000000 s"),
            qPrintable(outcome.err));
        const QString ringSize
            = write("slots.json", pipelineJson({}, {{"slots", std::int64_t {9223372036854775807}}}).dump());
        const Outcome huge = run({ringSize});
        QCOMPARE(huge.exitCode, 2);
        QVERIFY2(huge.err.contains("is 9223372036854775807, above its maximum"), qPrintable(huge.err));
    }

    void aPipelineOverTheMemoryBudgetIsRefusedBeforeAnythingIsAllocated()
    {
        // One ring of 16 Mi slots x 64 KiB is a terabyte; twenty rings of 1 GiB are 20 GiB.
        const QString huge = write(
            "huge.json", pipelineJson({{"events", 10}}, {{"slots", 16777216}, {"payload_capacity", 65536}}).dump());
        const Outcome one = run({huge, "--no-progress"});
        QCOMPARE(one.exitCode, 2);
        QVERIFY2(one.err.contains("needs 1.0 TiB of memory, more than its budget of"), qPrintable(one.err));
        QVERIFY2(one.err.contains("the largest parts are 'ring0' 1.0 TiB"), qPrintable(one.err));

        const QString twenty = write(
            "twenty.json", pipelineJson({{"events", 10}}, {{"slots", 16384}, {"payload_capacity", 65536}}, 20).dump());
        const Outcome many = run({twenty, "--memory-budget", "8GiB", "--no-progress"});
        QCOMPARE(many.exitCode, 2);
        QVERIFY2(many.err.contains("more than its budget of 8.0 GiB"), qPrintable(many.err));
    }

    void aPipelineOverTheThreadBudgetIsRefused()
    {
        const QString many = write("threads.json", pipelineJson({{"threads", 600}, {"events", 1}}, {}).dump());
        const Outcome refused = run({many, "--no-progress"});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("starts 601 threads, more than its budget of 512; 'producer' alone starts 600"),
            qPrintable(refused.err));
        QCOMPARE(run({many, "--thread-budget", "700", "--no-progress"}).exitCode, 0);
    }

    void threadsTheMachineRefusesEndTheRunCleanlyWithExitOne()
    {
        // Little address space: the thread library cannot map the stacks of 400 threads (1 MiB
        // each, ringflow-run's default: core::limitDefaultThreadStack) in 250 MiB.
#if defined(__SANITIZE_THREAD__)
        QSKIP("ThreadSanitizer reserves terabytes of shadow address space; under a small RLIMIT_AS "
              "its own runtime fails before the runner's code runs.");
#endif
        QProcess process;
        process.setChildProcessModifier([] {
            const rlimit limit {250ul << 20, 250ul << 20};
            setrlimit(RLIMIT_AS, &limit);
        });
        const QString many = write("refused.json", pipelineJson({{"threads", 400}, {"events", 10}}, {}).dump());
        process.start(RINGFLOW_RUN_BINARY, {many, "--no-progress"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(
            err.contains("could not start the pipeline's threads") && err.contains("were stopped"), qPrintable(err));
    }

    void aSignalStopsAPacedProducerWithinTheDrainTimeout()
    {
        // One event every 20 s: the producer sleeps through the whole run unless stop wakes it.
        const QString paced
            = write("paced.json", pipelineJson({{"events", 0}, {"rate", 0.05}}, {{"slots", 16}}).dump());
        QProcess process;
        process.start(RINGFLOW_RUN_BINARY, {paced, "--drain-timeout", "1", "--no-progress"});
        QVERIFY(process.waitForStarted());
        QTest::qWait(1500);
        QElapsedTimer stopping;
        stopping.start();
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10000));
        QVERIFY2(stopping.elapsed() < 2000, qPrintable(QString::number(stopping.elapsed())));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(QString::fromUtf8(process.readAllStandardOutput()).contains("verdict   OK"));
    }

    // A stage that sleeps 1 s per event on a ring of 16, stopped with a 1 s drain timeout: the halt
    // stops it between two events of its batch instead of after all 16 (17 s and more before).
    void stoppingASlowStageWaitsForTheEventInHandOnly()
    {
        nlohmann::json pipeline = pipelineJson({{"events", 0}}, {{"slots", 16}});
        for (auto &node : pipeline["nodes"])
            if (node["id"] == "stage0")
                node["params"] = {{"workload", "sleep"}, {"sleep", 1000000}};
        const QString slow = write("slow.json", pipeline.dump());
        QElapsedTimer running;
        running.start();
        const Outcome outcome
            = run({slow, "--duration", "0.5", "--drain-timeout", "1", "--report", "json", "--no-progress"});
        const qint64 elapsed = running.elapsed();
        QVERIFY2(outcome.exitCode == 0 || outcome.exitCode == 1, qPrintable(outcome.err));
        const auto json = nlohmann::json::parse(outcome.out.toStdString());
        QVERIFY(!json["drained"].get<bool>());
        // 0.5 s of producing, 1 s of draining, then at most the second of the event in hand.
        QVERIFY2(elapsed < 6000, qPrintable(QString("the run took %1 ms").arg(elapsed)));
    }

    void csvReportQuotesIdsWithCommasQuotesAndLineBreaks()
    {
        const QString odd = write("odd.json", pipelineJson({{"events", 100}}, {}, 1, "pro,du\"cer\n").dump());
        const Outcome outcome = run({odd, "--report", "csv", "--no-progress"});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.out.contains("\n\"pro,du\"\"cer\n\",producer,ring0,100,"), qPrintable(outcome.out));
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
