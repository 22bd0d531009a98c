// ringflow-export end to end: a real process, real files. Every bad argument exits 2 with its
// reason; json is the normalized pipeline; png and svg are the canvas (when the build has the
// designer); cpp is a project folder; report, report-csv and series export a run.
#include "program_run.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <QtEndian>

#include <fstream>

namespace {

Outcome run(const QStringList &arguments)
{
    return runProgram(RINGFLOW_EXPORT_BINARY, arguments);
}

QString example(const char *name)
{
    return QString(RINGFLOW_EXAMPLES_DIR) + "/" + name;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestRingflowExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString out(const char *name) const { return m_dir.filePath(name); }

private slots:
    void badArgumentsExitTwoWithTheReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("reason");
        const QString diamond = example("diamond.json");
        QTest::newRow("nothing") << QStringList {} << "no pipeline FILE given";
        QTest::newRow("no output") << QStringList {diamond, "--to", "json"} << "no output given";
        QTest::newRow("unknown format") << QStringList {diamond, "--to", "pdf", "-o", "x"}
                                        << "--to: expected json, png, svg, cpp";
        QTest::newRow("format without value") << QStringList {diamond, "-o", "x", "--to"} << "--to needs a value";
        QTest::newRow("unknown option") << QStringList {diamond, "--to", "json", "-o", "x", "--fast"}
                                        << "unknown option '--fast'";
        QTest::newRow("two files") << QStringList {diamond, diamond, "--to", "json", "-o", "x"}
                                   << "only one FILE may be given";
        QTest::newRow("run without a run format")
            << QStringList {diamond, "--to", "json", "-o", "x", "--run"} << "--run, --events and --duration go with";
        QTest::newRow("report without run") << QStringList {diamond, "--to", "report", "-o", "x"} << "add --run";
        QTest::newRow("events not a number") << QStringList {diamond, "--to", "report", "--run", "-o", "x", "--events",
            "lots"} << "--events: expected a whole number";
        QTest::newRow("negative duration") << QStringList {diamond, "--to", "report", "--run", "-o", "x", "--duration",
            "-1"} << "--duration: expected seconds above 0";
        QTest::newRow("missing file") << QStringList {m_dir.filePath("none.json"), "--to", "json", "-o", "x"}
                                      << "none.json";
    }

    void badArgumentsExitTwoWithTheReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, reason);
        const Outcome outcome = run(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(reason), qPrintable(outcome.err));
    }

    void helpDescribesEveryFormat()
    {
        const Outcome outcome = run({"--help"});
        QCOMPARE(outcome.exitCode, 0);
        for (const char *format : {"json", "png, svg", "cpp", "report", "report-csv", "series"})
            QVERIFY2(outcome.out.contains(format), format);
    }

    void jsonIsTheNormalizedPipeline()
    {
        const Outcome outcome = run({example("chained-rings.json"), "--to", "json", "-o", out("chained.json")});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        const auto original = nlohmann::json::parse(contents(example("chained-rings.json")).toStdString());
        const auto exported = nlohmann::json::parse(contents(out("chained.json")).toStdString());
        QCOMPARE(exported["name"], original["name"]);
        QCOMPARE(exported["nodes"].size(), original["nodes"].size());
        QCOMPARE(exported["connections"].size(), original["connections"].size());
        // Normalized: exporting the export changes nothing.
        QCOMPARE(run({out("chained.json"), "--to", "json", "-o", out("again.json")}).exitCode, 0);
        QCOMPARE(contents(out("again.json")), contents(out("chained.json")));
    }

    void canvasIsAPictureOrRefusedWithTheReason()
    {
        const Outcome pngRun = run({example("diamond.json"), "--to", "png", "-o", out("diamond.png")});
        const Outcome svg = run({example("diamond.json"), "--to", "svg", "-o", out("diamond.svg")});
        if (!RINGFLOW_EXPORT_CANVAS) {
            QCOMPARE(pngRun.exitCode, 2);
            QVERIFY2(pngRun.err.contains("RINGFLOW_ENGINE_ONLY"), qPrintable(pngRun.err));
            return;
        }
        QVERIFY2(pngRun.exitCode == 0, qPrintable(pngRun.err));
        QVERIFY2(svg.exitCode == 0, qPrintable(svg.err));
        // A PNG signature, then the IHDR chunk with the width and height, big-endian.
        const QByteArray png = contents(out("diamond.png"));
        QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n") && png.size() > 24);
        const auto bigEndian = [&png](int at) { return qFromBigEndian<quint32>(png.constData() + at); };
        QVERIFY2(bigEndian(16) > 200 && bigEndian(20) > 100, "the canvas is drawn at a readable size");
        const QByteArray text = contents(out("diamond.svg"));
        QVERIFY(text.contains("<svg"));
        QVERIFY2(text.contains("stage-a") && text.contains("stage-c"), "the svg names the nodes");
    }

    void cppIsAProjectFolderThatIsNeverOverwritten()
    {
        const Outcome outcome = run({example("diamond.json"), "--to", "cpp", "-o", out("diamond")});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        for (const char *file : {"CMakeLists.txt", "main.cpp", "handlers.h", "event.h"})
            QVERIFY2(QFile::exists(out("diamond") + "/" + file), file);
        QVERIFY(contents(out("diamond") + "/CMakeLists.txt").contains("find_package(Ringflow"));
        QVERIFY(contents(out("diamond") + "/handlers.h").contains("class StageA"));
        const Outcome again = run({example("diamond.json"), "--to", "cpp", "-o", out("diamond")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("not empty"), qPrintable(again.err));
    }

    void cppRefusesAPipelineThatCannotRun()
    {
        std::ofstream(out("broken.json").toStdString())
            << R"({"format": "ringflow-pipeline", "version": 1, "nodes": [{"id": "p", "kind": "producer"}],
                  "connections": []})";
        const Outcome outcome = run({out("broken.json"), "--to", "cpp", "-o", out("broken")});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("cannot run"), qPrintable(outcome.err));
        QVERIFY(!QFileInfo::exists(out("broken")));
    }

    void runExportsTheReport()
    {
        const Outcome outcome
            = run({example("unicast.json"), "--to", "report", "--run", "--events", "5000", "-o", out("report.json")});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        const auto report = nlohmann::json::parse(contents(out("report.json")).toStdString());
        QCOMPARE(report["total_events"].get<std::uint64_t>(), 5000u);
        QVERIFY(report["ok"].get<bool>());
    }
};

QTEST_GUILESS_MAIN(TestRingflowExport)
#include "test_ringflow_export.moc"
