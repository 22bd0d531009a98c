#include "pipeline/pipeline_file.h"

#include "pipeline/validation.h"
#include "spec_builder.h"
#include "test_printers.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

#include <sys/stat.h>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

const std::filesystem::path dataDir = RINGFLOW_TEST_DATA_DIR;
const std::filesystem::path corpusDir = RINGFLOW_FUZZ_CORPUS_DIR;

std::string describe(const LoadResult &result)
{
    std::string text;
    for (const LoadError &error : result.errors)
        text += "\n  " + error.toString();
    return text;
}

// Specs with everything a file can hold: odd strings, every value type, extreme numbers.
class RandomSpecs {
public:
    explicit RandomSpecs(std::uint64_t seed) : m_random(seed) { }

    PipelineSpec next()
    {
        PipelineSpec spec;
        spec.name = text();
        const int nodes = below(8);
        for (int i = 0; i < nodes; ++i) {
            Node node {text(), text(), {}, std::nullopt};
            const int params = below(6);
            for (int p = 0; p < params; ++p)
                node.params[text()] = value();
            if (below(2) == 0)
                node.position = Position {real(), real()};
            spec.nodes.push_back(std::move(node));
        }
        const int connections = below(8);
        for (int i = 0; i < connections; ++i)
            spec.connections.push_back({{text(), text()}, {text(), text()}});
        return spec;
    }

private:
    int below(int bound) { return std::uniform_int_distribution<int>(0, bound - 1)(m_random); }

    std::string text()
    {
        static const std::vector<std::string> pieces = {"a", "producer", "ring", "stage", " ", "\"", "\\", "/", "\n",
            "\t", std::string(1, '\0'), "\x01", "é", "€", "😀", "[0]", ".", "$", "{}", "\u2028", "ß", "slots"};
        std::string result;
        const int length = below(5);
        for (int i = 0; i < length; ++i)
            result += pieces[below(static_cast<int>(pieces.size()))];
        return result;
    }

    double real()
    {
        static const std::vector<double> special
            = {0.0, -0.0, 2.0, -1.5, 0.1, 1e16, 1e300, -1e-300, std::numeric_limits<double>::denorm_min(),
                std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(), 9007199254740993.0};
        if (below(3) == 0)
            return special[below(static_cast<int>(special.size()))];
        while (true) {
            const double candidate = std::bit_cast<double>(m_random());
            if (std::isfinite(candidate))
                return candidate;
        }
    }

    ParamValue value()
    {
        switch (below(4)) {
        case 0:
            return below(2) == 0;
        case 1: {
            static const std::vector<std::int64_t> special
                = {0, 1, -1, std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};
            return below(3) == 0 ? special[below(static_cast<int>(special.size()))]
                                 : static_cast<std::int64_t>(m_random());
        }
        case 2:
            return real();
        default:
            return text();
        }
    }

    std::mt19937_64 m_random;
};

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Rows of reportsEachBadFileWithItsPlace, named after their file in tests/pipeline/data.
void syntaxError(const char *file, int line, int column, const char *message)
{
    QTest::newRow(file) << QString(file) << QString() << line << column << QString(message);
}

void misplaced(const char *file, const char *path, const char *message)
{
    QTest::newRow(file) << QString(file) << QString(path) << 0 << 0 << QString(message);
}

std::string repeated(std::string_view piece, std::size_t times)
{
    std::string text;
    text.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i)
        text += piece;
    return text;
}

// A pipeline without nodes whose name is the JSON value `name`.
std::string withName(const std::string &name)
{
    return R"({"format": "ringflow-pipeline", "version": 1, "name": )" + name + R"(, "nodes": []})";
}

// A pipeline of the nodes given as JSON text (the array's elements).
std::string withNodes(const std::string &nodes)
{
    return R"({"format": "ringflow-pipeline", "version": 1, "nodes": [)" + nodes + "]}";
}

// A pipeline of one ring whose "notes" is the JSON value `notes`.
std::string withNotesValue(const std::string &notes)
{
    return R"({"format": "ringflow-pipeline", "version": 1, "nodes": [{"id": "r", "kind": "ring"}], "notes": )" + notes
        + "}";
}

// A pipeline of one ring with the notes given as JSON text (the array's elements).
std::string withNotes(const std::string &notes)
{
    return withNotesValue("[" + notes + "]");
}

// A pipeline of one ring whose node object also holds `members` (JSON text after a comma).
std::string ringWith(const std::string &members)
{
    return withNodes(R"({"id": "r", "kind": "ring", )" + members + "}");
}

// Rows of the limit tests: the JSON text, the path of the refusal and the start of its message.
void refusal(const char *name, const std::string &text, const std::string &path, const std::string &message)
{
    QTest::newRow(name) << QByteArray::fromStdString(text) << QString::fromStdString(path)
                        << QString::fromStdString(message);
}

void addRefusalColumns()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
}

const std::string kSizeLimit = "the limit of 8 MiB (8388608 bytes)";

} // namespace

class TestPipelineFile : public QObject {
    Q_OBJECT

    // The body of the limit tests: one error, naming the source, the place and the limit.
    void checkRefusal()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const LoadResult result
            = loadPipeline(std::string_view(text.constData(), std::size_t(text.size())), "big.json");
        QVERIFY(!result.ok());
        QVERIFY2(result.errors.size() == 1, describe(result).substr(0, 1000).c_str());
        const LoadError &error = result.errors.front();
        QCOMPARE(error.source, std::string("big.json"));
        QCOMPARE(error.path, path.toStdString());
        QVERIFY2(error.message.starts_with(message.toStdString()), error.message.c_str());
    }

private slots:
    void reportsEachBadFileWithItsPlace_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        // Syntax errors: line and column of the byte where the parser stopped.
        syntaxError("malformed.json", 4, 9,
            "malformed JSON: syntax error while parsing object - unexpected string literal; expected '}'");
        syntaxError("truncated.json", 5, 1, "unexpected end of input");
        syntaxError("empty.json", 1, 1, "unexpected end of input");
        syntaxError("number-overflow.json", 4, 68, "number overflow parsing '1e400'");
        // Structure and types: the JSON path of the value at fault.
        misplaced("not-an-object.json", "$", "expected an object, found an array");
        misplaced("missing-format.json", "$", "missing field \"format\"");
        misplaced("unknown-format.json", "$.format", "unknown format \"ringflow-layout\"");
        misplaced("newer-version.json", "$.version", "version 2 is newer than this Ringflow reads (up to version 1)");
        misplaced("version-zero.json", "$.version", "unknown version 0");
        misplaced("version-not-whole.json", "$.version", "expected a whole number, found a string");
        misplaced("missing-nodes.json", "$", "missing field \"nodes\"");
        misplaced("nodes-not-array.json", "$.nodes", "expected an array, found an object");
        misplaced("name-not-string.json", "$.name", "expected a string, found an array");
        misplaced("node-missing-kind.json", "$.nodes[1]", "missing field \"kind\"");
        misplaced("node-id-not-string.json", "$.nodes[0].id", "expected a string, found a whole number");
        misplaced("node-not-object.json", "$.nodes[2]", "expected an object, found a string");
        misplaced(
            "param-array.json", "$.nodes[1].params.slots", "expected a boolean, a number or a string, found an array");
        misplaced("param-null.json", "$.nodes[1].params.wait_strategy", "found null");
        misplaced("param-odd-key.json", "$.nodes[2].params[\"channel filter\"]", "found an object");
        misplaced("params-not-object.json", "$.nodes[1].params", "expected an object, found an array");
        misplaced("position-missing-y.json", "$.nodes[0].position", "missing field \"y\"");
        misplaced("position-x-not-number.json", "$.nodes[0].position.x", "expected a number, found a string");
        misplaced("unknown-field.json", "$.conections", "unknown field");
        misplaced("unknown-node-field.json", "$.nodes[2].param",
            "unknown field (expected one of: id, kind, params, position)");
        misplaced("connection-missing-to.json", "$.connections[0]", "missing field \"to\"");
        misplaced("connection-port-null.json", "$.connections[1].from.port", "expected a string, found null");
        misplaced("connection-not-object.json", "$.connections[1]", "expected an object, found a string");
        misplaced("connections-not-array.json", "$.connections", "expected an array, found an object");
        misplaced("duplicate-key.json", "$.nodes[1].params", "the key \"slots\" is given twice");
        misplaced(
            "integer-too-large.json", "$.nodes[0].params.events", "the whole number 18446744073709551615 is too large");
        misplaced("integer-too-small.json", "$.nodes[0].params.events",
            "the whole number -9223372036854775809 is out of range");
    }

    void reportsEachBadFileWithItsPlace()
    {
        QFETCH(QString, file);
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const LoadResult result = loadPipelineFile(dataDir / file.toStdString());
        QVERIFY(!result.ok());
        QVERIFY2(result.errors.size() == 1, describe(result).c_str());
        const LoadError &error = result.errors.front();
        QCOMPARE(error.source, (dataDir / file.toStdString()).string());
        QCOMPARE(error.path, path.toStdString());
        QCOMPARE(error.line, static_cast<std::size_t>(line));
        QCOMPARE(error.column, static_cast<std::size_t>(column));
        QVERIFY2(error.message.find(message.toStdString()) != std::string::npos, error.message.c_str());
    }

    void reportsEveryErrorOfAFileNotJustTheFirst()
    {
        const LoadResult result = loadPipelineFile(dataDir / "several-errors.json");
        QCOMPARE(result.errors.size(), std::size_t {3});
        QCOMPARE(result.errors[0].path, std::string("$.nodes[0]"));
        QCOMPARE(result.errors[1].path, std::string("$.nodes[1].params.slots"));
        QCOMPARE(result.errors[2].path, std::string("$.connections[0].to.node"));
    }

    void namesFileAndPlaceInTheErrorText()
    {
        const LoadResult syntax = loadPipeline("{\n  \"format\": }", "broken.json");
        QCOMPARE(syntax.errors.front().toString().substr(0, 17), std::string("broken.json:2:13:"));
        const LoadResult structure
            = loadPipeline(R"({"format": "ringflow-pipeline", "version": 1, "nodes": 3})", "shape.json");
        QCOMPARE(structure.errors.front().toString(),
            std::string("shape.json: $.nodes: expected an array, found a whole number"));
    }

    void reportsAFileThatCannotBeRead()
    {
        const LoadResult result = loadPipelineFile(dataDir / "no-such-file.json");
        QCOMPARE(result.errors.size(), std::size_t {1});
        QVERIFY(result.errors.front().path.empty());
        QVERIFY(result.errors.front().message.starts_with("cannot read the file"));
    }

    void refusesNestingDeeperThanTheLimit_data()
    {
        addRefusalColumns();
        const std::size_t deep = 50'000; // the file that made ringflow-run grow past 3 GB
        const std::string levels = "the limit of " + std::to_string(kMaxPipelineNesting) + " levels";
        // The document is the first level, so the refused container is the limit's first level more.
        refusal("arrays in a name", withName(repeated("[", deep) + repeated("]", deep)),
            "$.name" + repeated("[0]", kMaxPipelineNesting - 1), "arrays and objects nest deeper than " + levels);
        refusal("unclosed arrays", repeated("[", deep), "$" + repeated("[0]", kMaxPipelineNesting),
            "arrays and objects nest deeper than " + levels);
        refusal("objects", repeated(R"({"a": )", deep), "$" + repeated(".a", kMaxPipelineNesting),
            "arrays and objects nest deeper than " + levels);
        refusal("objects in arrays in a position", ringWith(R"("position": )" + repeated(R"([{"x": )", deep)),
            // Levels 1 to 4: the document, the nodes, the node, the position.
            "$.nodes[0].position" + repeated("[0].x", (kMaxPipelineNesting - 4) / 2) + "[0]",
            "arrays and objects nest deeper than " + levels);
    }
    void refusesNestingDeeperThanTheLimit() { checkRefusal(); }

    void nestingUpToTheLimitReachesTheStructureCheck()
    {
        const std::size_t levels = kMaxPipelineNesting - 1; // the document is the first
        const LoadResult result = loadPipeline(withName(repeated("[", levels) + repeated("]", levels)), "limit.json");
        QVERIFY2(result.errors.size() == 1, describe(result).c_str());
        QCOMPARE(
            result.errors.front().toString(), std::string("limit.json: $.name: expected a string, found an array"));
    }

    void refusesAStringLongerThanTheLimit_data()
    {
        addRefusalColumns();
        const std::string over(kMaxPipelineStringBytes + 1, 'x');
        const std::string limit = " bytes is longer than the limit of " + std::to_string(kMaxPipelineStringBytes);
        refusal("name", withName('"' + over + '"'), "$.name", "a string of 65537" + limit);
        refusal("parameter name", ringWith(R"("params": {")" + over + R"(": 1})"), "$.nodes[0].params",
            "a key of 65537" + limit);
        refusal("huge node id", withNodes(R"({"id": ")" + std::string(4 << 20, 'y') + R"(", "kind": "ring"})"),
            "$.nodes[0].id", "a string of 4194304" + limit);
    }
    void refusesAStringLongerThanTheLimit() { checkRefusal(); }

    void loadsAStringOfTheLimit()
    {
        const std::string longest(kMaxPipelineStringBytes, 'x');
        const LoadResult result = loadPipeline(withName('"' + longest + '"'), "long.json");
        QVERIFY2(result.ok(), describe(result).substr(0, 300).c_str());
        QCOMPARE(result.spec->name, longest);
    }

    void refusesTextOverTheSizeLimit()
    {
        const std::string text = withName("\"big\"") + std::string(kMaxPipelineFileBytes, ' ');
        const LoadResult result = loadPipeline(text, "pasted");
        QCOMPARE(result.errors.size(), std::size_t {1});
        QCOMPARE(result.errors.front().toString(),
            "pasted: the text is " + std::to_string(text.size()) + " bytes, more than " + kSizeLimit);
    }

    void refusesAFileOverTheSizeLimitEvenWhenItHoldsAValidPipeline()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string pipeline = savePipeline(unicast());
        const std::filesystem::path atLimit = std::filesystem::path(dir.path().toStdString()) / "at-limit.json";
        const std::filesystem::path over = std::filesystem::path(dir.path().toStdString()) / "over.json";
        // Whitespace around a valid pipeline, as in issue 11: up to the limit it loads.
        const std::string padding((kMaxPipelineFileBytes - pipeline.size()) / 2, ' ');
        const std::string text = padding + pipeline + padding + (pipeline.size() % 2 == 0 ? "" : " ");
        QCOMPARE(text.size(), kMaxPipelineFileBytes);
        std::ofstream(atLimit, std::ios::binary) << text;
        std::ofstream(over, std::ios::binary) << text << '\n';
        const LoadResult loaded = loadPipelineFile(atLimit);
        QVERIFY2(loaded.ok(), describe(loaded).c_str());
        QCOMPARE(*loaded.spec, unicast());
        const LoadResult refused = loadPipelineFile(over);
        QCOMPARE(refused.errors.size(), std::size_t {1});
        QCOMPARE(refused.errors.front().toString(),
            over.string() + ": the file is " + std::to_string(kMaxPipelineFileBytes + 1) + " bytes, more than "
                + kSizeLimit);
    }

    void refusesWhatIsNotARegularFile_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("directory") << "directory"
                                   << "is a directory, not a regular file";
        QTest::newRow("FIFO") << "FIFO"
                              << "is a FIFO (named pipe), not a regular file";
        QTest::newRow("/dev/zero") << "/dev/zero"
                                   << "is a character device, not a regular file";
    }
    void refusesWhatIsNotARegularFile()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::filesystem::path path = dir.path().toStdString();
        if (kind == "FIFO") {
            // Opening it would wait for a writer forever: the loader must refuse it unopened.
            path /= "pipe.json";
            QCOMPARE(mkfifo(path.c_str(), 0600), 0);
        } else if (kind == "/dev/zero") {
            path = "/dev/zero"; // endless: reading it whole would never end
        }
        const LoadResult result = loadPipelineFile(path);
        QCOMPARE(result.errors.size(), std::size_t {1});
        QCOMPARE(result.errors.front().toString(), path.string() + ": " + message.toStdString());
    }

    void anObjectOfManyKeysLoadsInLinearTime()
    {
        // nlohmann's ordered map finds keys by linear search: 80,000 keys once took 14 s to load,
        // 200,000 would take minutes. Indexed, they take 0.2 s (3 s under ThreadSanitizer).
        std::string params;
        for (int i = 0; i < 200'000; ++i)
            params += (i == 0 ? "\"p" : ", \"p") + std::to_string(i) + "\": 1";
        QElapsedTimer timer;
        timer.start();
        const LoadResult result = loadPipeline(ringWith(R"("params": {)" + params + "}"), "wide.json");
        QVERIFY2(timer.elapsed() < 30'000, qPrintable(QString("took %1 ms").arg(timer.elapsed())));
        QVERIFY2(result.ok(), describe(result).substr(0, 1000).c_str());
        QCOMPARE(result.spec->nodes[0].params.size(), std::size_t {200'000});
    }

    void listsAtMostTheErrorLimitAndCountsTheRest_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("lastListedPath");
        const std::size_t errors = kMaxLoadErrors + 50;
        std::string fields, keys;
        for (std::size_t i = 0; i < errors; ++i) {
            fields += (i == 0 ? "" : ", ") + std::string(R"({"id": "n", "kind": "ring", "colour": 1})");
            keys += (i == 0 ? "" : ", ") + std::string(R"("slots": 1)");
        }
        QTest::newRow("unknown fields") << QByteArray::fromStdString(withNodes(fields))
                                        << QString("$.nodes[99].colour");
        QTest::newRow("keys given twice")
            << QByteArray::fromStdString(ringWith(R"("params": {"slots": 1, )" + keys + "}"))
            << QString("$.nodes[0].params");
    }
    void listsAtMostTheErrorLimitAndCountsTheRest()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, lastListedPath);
        const LoadResult result = loadPipeline(text.toStdString(), "many.json");
        QCOMPARE(result.errors.size(), kMaxLoadErrors + 1);
        QCOMPARE(result.errors[kMaxLoadErrors - 1].path, lastListedPath.toStdString());
        QCOMPARE(
            result.errors.back().toString(), std::string("many.json: 50 more errors (only the first 100 are listed)"));
    }

    void loadsAMinimalHandWrittenFile()
    {
        const LoadResult result = loadPipeline(
            R"({"format": "ringflow-pipeline", "version": 1, "nodes": [{"id": "r", "kind": "ring"}]})", "min.json");
        QVERIFY2(result.ok(), describe(result).c_str());
        QCOMPARE(result.spec->name, std::string());
        QCOMPARE(result.spec->nodes.size(), std::size_t {1});
        QVERIFY(result.spec->nodes[0].params.empty());
        QVERIFY(!result.spec->nodes[0].position);
        QVERIFY(result.spec->connections.empty());
    }

    void acceptsAByteOrderMark()
    {
        QVERIFY(
            loadPipeline("\xEF\xBB\xBF{\"format\": \"ringflow-pipeline\", \"version\": 1, \"nodes\": []}", "bom").ok());
    }

    void loadingChecksStructureButLeavesMeaningToValidation()
    {
        const LoadResult result = loadPipeline(
            R"({"format": "ringflow-pipeline", "version": 1,
                "nodes": [{"id": "x", "kind": "teleporter", "params": {"slots": "many"}}],
                "connections": [{"from": {"node": "x", "port": "nowhere"}, "to": {"node": "y", "port": "in"}}]})",
            "meaning.json");
        QVERIFY2(result.ok(), describe(result).c_str());
        QVERIFY(hasErrors(validate(*result.spec)));
    }

    void keepsWholeNumbersWholeAndRealsReal()
    {
        PipelineSpec spec = unicast();
        spec.nodes[0].params = {{"events", std::int64_t {2}}, {"rate", 2.0}, {"duration", -0.0}, {"flag", true}};
        spec.nodes[0].position = Position {3.0, -4.0};
        const std::string text = savePipeline(spec);
        QVERIFY2(text.find("\"rate\": 2.0") != std::string::npos, text.c_str());
        QVERIFY2(text.find("\"events\": 2,") != std::string::npos, text.c_str());
        const LoadResult result = loadPipeline(text, "saved");
        QVERIFY2(result.ok(), describe(result).c_str());
        const Node &node = result.spec->nodes[0];
        QVERIFY(std::holds_alternative<double>(node.params.at("rate")));
        QVERIFY(std::holds_alternative<std::int64_t>(node.params.at("events")));
        QVERIFY(std::signbit(std::get<double>(node.params.at("duration"))));
        QCOMPARE(*result.spec, spec);
    }

    void writesAStablePrettyLayout()
    {
        PipelineSpec spec;
        spec.name = "tiny";
        spec.nodes = {node("r", "ring", {{"wait_strategy", std::string("blocking")}, {"slots", std::int64_t {64}}})};
        spec.nodes[0].position = Position {10, 20.5};
        spec.nodes.push_back(node("s", "stage"));
        spec.connections = {wire("r", "out", "s", "in")};
        const std::string expected = R"({
  "format": "ringflow-pipeline",
  "version": 1,
  "name": "tiny",
  "nodes": [
    {
      "id": "r",
      "kind": "ring",
      "params": {
        "slots": 64,
        "wait_strategy": "blocking"
      },
      "position": {
        "x": 10.0,
        "y": 20.5
      }
    },
    {
      "id": "s",
      "kind": "stage",
      "params": {}
    }
  ],
  "connections": [
    {
      "from": {
        "node": "r",
        "port": "out"
      },
      "to": {
        "node": "s",
        "port": "in"
      }
    }
  ]
}
)";
        QCOMPARE(savePipeline(spec), expected);
    }

    void roundTripsRandomSpecsExactly()
    {
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            RandomSpecs specs(seed);
            for (int i = 0; i < 250; ++i) {
                const PipelineSpec spec = specs.next();
                const std::string text = savePipeline(spec);
                const LoadResult result = loadPipeline(text, "random");
                QVERIFY2(result.ok(), (describe(result) + "\n" + text).c_str());
                QVERIFY2(*result.spec == spec, text.c_str());
                QCOMPARE(savePipeline(*result.spec), text);
            }
        }
    }

    void rewritesHandWrittenTextStably()
    {
        const std::string handWritten = R"({"version": 1, "format": "ringflow-pipeline",
            "nodes": [{"kind": "producer", "id": "p", "params": {"rate": 1e3, "events": 10, "duration": 0.50}}]})";
        const LoadResult first = loadPipeline(handWritten, "hand.json");
        QVERIFY2(first.ok(), describe(first).c_str());
        const std::string canonical = savePipeline(*first.spec);
        QVERIFY(canonical.find("\"rate\": 1000.0") != std::string::npos);
        QCOMPARE(savePipeline(*loadPipeline(canonical, "again").spec), canonical);
    }

    void savesToAFileAndLoadsItBack()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "saved.json";
        const PipelineSpec spec = chainedRings();
        std::string error;
        QVERIFY2(savePipelineFile(spec, path, &error), error.c_str());
        QCOMPARE(readFile(path), savePipeline(spec));
        QVERIFY(!std::filesystem::exists(path.string() + ".saving"));
        const LoadResult result = loadPipelineFile(path);
        QVERIFY2(result.ok(), describe(result).c_str());
        QCOMPARE(*result.spec, spec);
    }

    void roundTripsNotes()
    {
        PipelineSpec spec = chainedRings();
        spec.notes = {{"Producer paced at 200k/s.\nThe slow stage is the bottleneck: «stage2»", {-40.5, 300}, 260},
            {"", {1000, -20}, 40}};
        const std::string saved = savePipeline(spec);
        QVERIFY(saved.find("\"notes\": [") != std::string::npos);
        const LoadResult result = loadPipeline(saved, "notes.json");
        QVERIFY2(result.ok(), describe(result).c_str());
        QCOMPARE(result.spec->notes, spec.notes);
        QCOMPARE(savePipeline(*result.spec), saved);
        // Notes leave the pipeline's meaning alone: the same problems with or without them.
        PipelineSpec without = spec;
        without.notes.clear();
        QCOMPARE(validate(spec).size(), validate(without).size());
    }

    void loadsAFileWithoutNotesAndSavesItWithout()
    {
        const LoadResult result = loadPipeline(withNodes(R"({"id": "r", "kind": "ring"})"), "old.json");
        QVERIFY2(result.ok(), describe(result).c_str());
        QVERIFY(result.spec->notes.empty());
        QVERIFY(savePipeline(*result.spec).find("notes") == std::string::npos);
        const LoadResult width = loadPipeline(withNotes(R"({"text": "a", "position": {"x": 1, "y": 2}})"), "w.json");
        QVERIFY2(width.ok(), describe(width).c_str());
        QCOMPARE(width.spec->notes.front().width, Note {}.width);
    }

    void refusesABadNoteNamingItsPath_data()
    {
        QTest::addColumn<QString>("notes");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        const QString good = R"({"text": "ok", "position": {"x": 0, "y": 0}, "width": 200})";
        QTest::newRow("not an array") << R"({"text": "a"})"
                                      << "$.notes"
                                      << "expected an array, found an object";
        QTest::newRow("not an object") << good + R"(, "text")"
                                       << "$.notes[1]"
                                       << "expected an object, found a string";
        QTest::newRow("no text") << R"({"position": {"x": 0, "y": 0}})"
                                 << "$.notes[0]"
                                 << "missing field \"text\"";
        QTest::newRow("text a number") << good + R"(, {"text": 3, "position": {"x": 0, "y": 0}})"
                                       << "$.notes[1].text"
                                       << "expected a string, found a whole number";
        QTest::newRow("no position") << R"({"text": "a"})"
                                     << "$.notes[0]"
                                     << "missing field \"position\"";
        QTest::newRow("x a string") << R"({"text": "a", "position": {"x": "0", "y": 0}})"
                                    << "$.notes[0].position.x"
                                    << "expected a number, found a string";
        QTest::newRow("far away") << R"({"text": "a", "position": {"x": 0, "y": 1e9}})"
                                  << "$.notes[0].position.y"
                                  << "1000000000.0 is out of range";
        QTest::newRow("too narrow") << R"({"text": "a", "position": {"x": 0, "y": 0}, "width": 3})"
                                    << "$.notes[0].width"
                                    << "3 is out of range (40.0 to 4000.0)";
        QTest::newRow("unknown field") << R"({"text": "a", "position": {"x": 0, "y": 0}, "colour": "red"})"
                                       << "$.notes[0].colour"
                                       << "unknown field (expected one of: text, position, width)";
        QTest::newRow("text too long") << QString::fromStdString(
            R"({"text": ")" + std::string(kMaxPipelineStringBytes + 1, 'a') + R"(", "position": {"x": 0, "y": 0}})")
                                       << "$.notes[0].text"
                                       << "a string of 65537 bytes is longer than the limit";
    }

    void refusesABadNoteNamingItsPath()
    {
        QFETCH(QString, notes);
        QFETCH(QString, path);
        QFETCH(QString, message);
        // The first row's value is the whole "notes" member; the others are the array's elements.
        const std::string text
            = path == "$.notes" ? withNotesValue(notes.toStdString()) : withNotes(notes.toStdString());
        const LoadResult result = loadPipeline(text, "notes.json");
        QVERIFY(!result.ok());
        QVERIFY2(result.errors.size() == 1, describe(result).c_str());
        QCOMPARE(result.errors.front().path, path.toStdString());
        QVERIFY2(result.errors.front().message.find(message.toStdString()) != std::string::npos,
            result.errors.front().message.c_str());
    }

    void reportsASaveThatFails()
    {
        QTemporaryDir dir;
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "missing" / "x.json";
        std::string error;
        QVERIFY(!savePipelineFile(unicast(), path, &error));
        QVERIFY2(error.find("x.json") != std::string::npos, error.c_str());
    }

    void survivesEveryFuzzSeed()
    {
        int files = 0;
        for (const auto &entry : std::filesystem::recursive_directory_iterator(corpusDir)) {
            if (!entry.is_regular_file())
                continue;
            ++files;
            const LoadResult result = loadPipelineFile(entry.path());
            QCOMPARE(result.ok(), result.errors.empty());
            if (!result.ok())
                continue;
            validate(*result.spec);
            const std::string saved = savePipeline(*result.spec);
            QVERIFY2(*loadPipeline(saved, "resaved").spec == *result.spec, entry.path().c_str());
        }
        QVERIFY(files > 0);
    }
};

QTEST_GUILESS_MAIN(TestPipelineFile)
#include "test_pipeline_file.moc"
