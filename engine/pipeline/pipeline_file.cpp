#include "pipeline/pipeline_file.h"

#include "pipeline/experiment_file.h"
#include "pipeline/json_checks.h"
#include "pipeline/json_reader.h"
#include "pipeline/pipeline_notes.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>

namespace ringflow::pipeline {

namespace {

using Json = nlohmann::ordered_json;

using json::describeType;

// Maps the JSON tree onto a PipelineSpec, collecting every structural error on the way.
class SpecReader : public json::Checks {
public:
    /// Lists at most `maxErrors` errors and counts the rest.
    SpecReader(std::string_view source, std::size_t maxErrors)
        : Checks([this](const std::string &path, std::string message) { record(path, std::move(message)); }),
          m_source(source),
          m_maxErrors(maxErrors)
    {
    }

    std::vector<LoadError> &errors() { return m_errors; }
    std::size_t unlistedErrors() const { return m_unlisted; }

    void record(const std::string &path, std::string message)
    {
        if (m_errors.size() >= m_maxErrors)
            ++m_unlisted;
        else
            m_errors.push_back({std::string(m_source), path, 0, 0, std::move(message)});
    }

    PipelineSpec read(const Json &root)
    {
        PipelineSpec spec;
        if (!root.is_object()) {
            fail("$", "expected an object, found " + describeType(root));
            return spec;
        }
        // The header first: a file that is not a pipeline (a run report, say) is said to be that,
        // not buried under errors about fields that mean something else in it.
        if (!readHeader(root))
            return spec;
        expectObject(root, "$", {"format", "version", "name", "nodes", "connections", "notes", "experiments"});
        if (const Json *name = member(root, "$", "name", false))
            readString(*name, "$.name", spec.name);
        if (const Json *nodes = member(root, "$", "nodes", true); nodes && expectArray(*nodes, "$.nodes")) {
            for (std::size_t i = 0; i < nodes->size(); ++i)
                spec.nodes.push_back(readNode((*nodes)[i], json::elementPath("$.nodes", i)));
        }
        if (const Json *connections = member(root, "$", "connections", false);
            connections && expectArray(*connections, "$.connections")) {
            for (std::size_t i = 0; i < connections->size(); ++i)
                spec.connections.push_back(readConnection((*connections)[i], json::elementPath("$.connections", i)));
        }
        const auto failAt = [this](const std::string &path, std::string message) { fail(path, std::move(message)); };
        if (const Json *notes = member(root, "$", "notes", false))
            spec.notes = readNotes(*notes, "$.notes", failAt);
        if (const Json *experiments = member(root, "$", "experiments", false))
            spec.experiments = readExperiments(*experiments, "$.experiments", failAt);
        return spec;
    }

private:
    bool readHeader(const Json &root)
    {
        const Json *format = member(root, "$", "format", false);
        if (!format) {
            fail("$", "not a Ringflow pipeline: missing field \"format\"");
            return false;
        }
        std::string formatName;
        if (!readString(*format, "$.format", formatName))
            return false;
        if (formatName != kPipelineFileFormat) {
            fail("$.format",
                "not a Ringflow pipeline: unknown format \"" + formatName + "\"; a pipeline file says \""
                    + std::string(kPipelineFileFormat) + "\"");
            return false;
        }
        const Json *version = member(root, "$", "version", true);
        if (!version)
            return false;
        if (!version->is_number_integer()) {
            fail("$.version", "expected a whole number, found " + describeType(*version));
            return false;
        }
        const bool unsignedValue = version->is_number_unsigned();
        if (unsignedValue ? version->get<std::uint64_t>() > static_cast<std::uint64_t>(kPipelineFileVersion)
                          : version->get<std::int64_t>() > kPipelineFileVersion) {
            fail("$.version",
                "version " + version->dump() + " is newer than this Ringflow reads (up to version "
                    + std::to_string(kPipelineFileVersion) + "); open the file with a newer Ringflow");
            return false;
        }
        if (version->get<std::int64_t>() < 1) {
            fail("$.version", "unknown version " + version->dump() + "; versions start at 1");
            return false;
        }
        return true;
    }

    Node readNode(const Json &value, const std::string &path)
    {
        Node node;
        if (!expectObject(value, path, {"id", "kind", "params", "position"}))
            return node;
        if (const Json *id = member(value, path, "id", true))
            readString(*id, json::memberPath(path, "id"), node.id);
        if (const Json *kind = member(value, path, "kind", true))
            readString(*kind, json::memberPath(path, "kind"), node.kind);
        const std::string paramsPath = json::memberPath(path, "params");
        if (const Json *params = member(value, path, "params", false);
            params && expectObject(*params, paramsPath, {})) {
            for (const auto &[name, param] : params->items())
                if (std::optional<ParamValue> parsed = readParam(param, json::memberPath(paramsPath, name)))
                    node.params.emplace(name, std::move(*parsed));
        }
        const std::string positionPath = json::memberPath(path, "position");
        if (const Json *position = member(value, path, "position", false);
            position && expectObject(*position, positionPath, {"x", "y"})) {
            Position place;
            const Json *x = member(*position, positionPath, "x", true);
            const Json *y = member(*position, positionPath, "y", true);
            if (x && readNumber(*x, json::memberPath(positionPath, "x"), place.x) && y
                && readNumber(*y, json::memberPath(positionPath, "y"), place.y))
                node.position = place;
        }
        return node;
    }

    std::optional<ParamValue> readParam(const Json &value, const std::string &path)
    {
        switch (value.type()) {
        case Json::value_t::boolean:
            return value.get<bool>();
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
            // Too large unsigned values were reported by the parser; they wrap here, harmlessly,
            // because the load fails anyway.
            return value.get<std::int64_t>();
        case Json::value_t::number_float:
            return value.get<double>();
        case Json::value_t::string:
            return value.get<std::string>();
        default:
            fail(path, "expected a boolean, a number or a string, found " + describeType(value));
            return std::nullopt;
        }
    }

    Connection readConnection(const Json &value, const std::string &path)
    {
        Connection connection;
        if (!expectObject(value, path, {"from", "to"}))
            return connection;
        for (const auto &[key, end] : {std::pair {"from", &connection.from}, std::pair {"to", &connection.to}}) {
            const std::string endPath = json::memberPath(path, key);
            const Json *endValue = member(value, path, key, true);
            if (!endValue || !expectObject(*endValue, endPath, {"node", "port"}))
                continue;
            if (const Json *node = member(*endValue, endPath, "node", true))
                readString(*node, json::memberPath(endPath, "node"), end->node);
            if (const Json *port = member(*endValue, endPath, "port", true))
                readString(*port, json::memberPath(endPath, "port"), end->port);
        }
        return connection;
    }

    bool readNumber(const Json &value, const std::string &path, double &out)
    {
        if (!value.is_number()) {
            fail(path, "expected a number, found " + describeType(value));
            return false;
        }
        out = value.get<double>();
        return true;
    }

    std::string_view m_source;
    const std::size_t m_maxErrors;
    std::vector<LoadError> m_errors;
    std::size_t m_unlisted = 0;
};

Json paramToJson(const ParamValue &value)
{
    return std::visit([](const auto &v) { return Json(v); }, value);
}

LoadResult refused(std::string_view source, std::string message)
{
    LoadResult result;
    result.errors.push_back({std::string(source), {}, 0, 0, std::move(message)});
    return result;
}

std::string sizeLimitText()
{
    return "the limit of " + std::to_string(kMaxPipelineFileBytes >> 20) + " MiB ("
        + std::to_string(kMaxPipelineFileBytes) + " bytes)";
}

std::string fileTypeName(std::filesystem::file_type type)
{
    switch (type) {
    case std::filesystem::file_type::directory:
        return "a directory";
    case std::filesystem::file_type::fifo:
        return "a FIFO (named pipe)";
    case std::filesystem::file_type::character:
        return "a character device";
    case std::filesystem::file_type::block:
        return "a block device";
    case std::filesystem::file_type::socket:
        return "a socket";
    default:
        return "a file of an unknown type";
    }
}

// Reads at most kMaxPipelineFileBytes + 1 bytes: the one byte more tells a file over the limit
// apart, however large it is or has grown since its size was checked.
bool readBounded(std::ifstream &file, std::string &text)
{
    std::array<char, 16384> chunk;
    while (file && text.size() <= kMaxPipelineFileBytes) {
        file.read(chunk.data(),
            static_cast<std::streamsize>(std::min(chunk.size(), kMaxPipelineFileBytes + 1 - text.size())));
        text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
    }
    return !file.bad();
}

} // namespace

std::string LoadError::toString() const
{
    if (line > 0)
        return source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
    return source + ": " + (path.empty() ? "" : path + ": ") + message;
}

LoadResult loadPipeline(std::string_view text, std::string_view sourceName)
{
    if (text.size() > kMaxPipelineFileBytes)
        return refused(
            sourceName, "the text is " + std::to_string(text.size()) + " bytes, more than " + sizeLimitText());
    LoadResult result;
    json::ParseResult parsed = json::parse(text, {kMaxPipelineNesting, kMaxPipelineStringBytes, kMaxLoadErrors});
    for (const json::ParseIssue &issue : parsed.issues) {
        std::string message = issue.line > 0 ? "malformed JSON: " + issue.message : issue.message;
        result.errors.push_back({std::string(sourceName), issue.path, issue.line, issue.column, std::move(message)});
    }
    std::size_t unlisted = parsed.unlistedIssues;
    PipelineSpec spec;
    if (!parsed.malformed) {
        SpecReader reader(sourceName, kMaxLoadErrors - std::min(kMaxLoadErrors, result.errors.size()));
        spec = reader.read(parsed.document);
        result.errors.insert(result.errors.end(), reader.errors().begin(), reader.errors().end());
        unlisted += reader.unlistedErrors();
    }
    if (unlisted > 0)
        result.errors.push_back({std::string(sourceName), {}, 0, 0,
            std::to_string(unlisted) + " more errors (only the first " + std::to_string(kMaxLoadErrors)
                + " are listed)"});
    if (result.errors.empty())
        result.spec = std::move(spec);
    return result;
}

LoadResult loadPipelineFile(const std::filesystem::path &path)
{
    const std::string source = path.string();
    std::error_code error;
    const std::filesystem::file_status status = std::filesystem::status(path, error);
    if (error)
        return refused(source, "cannot read the file: " + error.message());
    // Checked before opening: opening a FIFO waits for a writer, reading a device may never end.
    if (status.type() != std::filesystem::file_type::regular)
        return refused(source, "is " + fileTypeName(status.type()) + ", not a regular file");
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (!error && size > kMaxPipelineFileBytes)
        return refused(source, "the file is " + std::to_string(size) + " bytes, more than " + sizeLimitText());

    std::ifstream file(path, std::ios::binary);
    std::string text;
    if (!file || !readBounded(file, text))
        return refused(source, std::string("cannot read the file: ") + std::strerror(errno));
    if (text.size() > kMaxPipelineFileBytes)
        return refused(source, "the file holds more than " + sizeLimitText());
    return loadPipeline(text, source);
}

std::string savePipeline(const PipelineSpec &spec)
{
    Json root = Json::object();
    root["format"] = kPipelineFileFormat;
    root["version"] = kPipelineFileVersion;
    root["name"] = spec.name;
    Json nodes = Json::array();
    for (const Node &node : spec.nodes) {
        Json entry = Json::object();
        entry["id"] = node.id;
        entry["kind"] = node.kind;
        Json params = Json::object();
        for (const auto &[name, value] : node.params)
            params[name] = paramToJson(value);
        entry["params"] = std::move(params);
        if (node.position)
            entry["position"] = Json {{"x", node.position->x}, {"y", node.position->y}};
        nodes.push_back(std::move(entry));
    }
    root["nodes"] = std::move(nodes);
    Json connections = Json::array();
    for (const Connection &connection : spec.connections) {
        connections.push_back(Json {{"from", Json {{"node", connection.from.node}, {"port", connection.from.port}}},
            {"to", Json {{"node", connection.to.node}, {"port", connection.to.port}}}});
    }
    root["connections"] = std::move(connections);
    // Only when there are some: a file without them stays as older Ringflows wrote it.
    if (!spec.notes.empty())
        root["notes"] = writeNotes(spec.notes);
    if (!spec.experiments.empty())
        root["experiments"] = experimentsJson(spec.experiments);
    // nlohmann writes doubles in their shortest exact form and always with a '.' or an exponent,
    // so reals read back as reals and whole numbers as whole numbers.
    return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

bool savePipelineFile(const PipelineSpec &spec, const std::filesystem::path &path, std::string *error)
{
    const auto failed = [&](const std::string &reason) {
        if (error)
            *error = path.string() + ": " + reason;
        return false;
    };
    const std::string text = savePipeline(spec);
    std::filesystem::path temporary = path;
    temporary += ".saving";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file)
            return failed(std::string("cannot write ") + temporary.string() + ": " + std::strerror(errno));
        file << text;
        file.flush();
        if (!file) {
            const std::string reason = std::strerror(errno);
            file.close();
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return failed("cannot write: " + reason);
        }
    }
    std::error_code renameError;
    std::filesystem::rename(temporary, path, renameError);
    if (renameError) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return failed("cannot replace the file: " + renameError.message());
    }
    return true;
}

} // namespace ringflow::pipeline
