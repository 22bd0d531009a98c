#include "run_options.h"

#include "pipeline/kind_registry.h"
#include "pipeline/param_text.h"

#include <charconv>
#include <cmath>
#include <string_view>

using namespace ringflow::pipeline;

std::string runUsage()
{
    return "Usage: ringflow-run FILE [options]\n"
           "Runs a Ringflow pipeline file headless and reports its figures.\n\n"
           "Options:\n"
           "  --events N               events per producer thread (overrides every producer)\n"
           "  --duration S             producers publish for S seconds (without --events, the file's\n"
           "                           event counts are lifted); then the stages drain\n"
           "  --set NODE.PARAM=VALUE   override a parameter of a node (repeatable)\n"
           "  --report table|json|csv  report format on standard output (default: table)\n"
           "  --drain-timeout S        how long stopping may drain before halting (default: 5)\n"
           "  --no-progress            no progress line on standard error\n"
           "  --help                   this text\n\n"
           "Exit status: 0 success, 1 run-time failure (conservation broken, a stage halted),\n"
           "2 invalid file or arguments.\n";
}

namespace {

bool parseNumber(std::string_view text, double &value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && !text.empty() && std::isfinite(value);
}

bool parseWhole(std::string_view text, std::int64_t &value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

} // namespace

ParsedOptions parseRunOptions(int argc, char **argv)
{
    ParsedOptions parsed;
    RunOptions &options = parsed.options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](std::string_view name) -> std::string_view {
            if (i + 1 >= argc) {
                parsed.errors.push_back(std::string(name) + " needs a value");
                return {};
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            parsed.showHelp = true;
        } else if (arg == "--events") {
            const std::string_view text = value(arg);
            if (!text.empty() && (!parseWhole(text, options.events) || options.events < 0))
                parsed.errors.push_back("--events: expected a whole number >= 0, got '" + std::string(text) + "'");
        } else if (arg == "--duration") {
            const std::string_view text = value(arg);
            if (!text.empty() && (!parseNumber(text, options.durationSeconds) || options.durationSeconds <= 0))
                parsed.errors.push_back("--duration: expected seconds > 0, got '" + std::string(text) + "'");
        } else if (arg == "--drain-timeout") {
            const std::string_view text = value(arg);
            double seconds = 0;
            if (!text.empty() && (!parseNumber(text, seconds) || seconds < 0))
                parsed.errors.push_back("--drain-timeout: expected seconds >= 0, got '" + std::string(text) + "'");
            options.drainTimeout = std::chrono::nanoseconds(static_cast<std::int64_t>(seconds * 1e9));
        } else if (arg == "--set") {
            // Resolved against the file once it is loaded (node ids may contain dots).
            options.overrides.emplace_back(value(arg));
        } else if (arg == "--report") {
            const std::string_view text = value(arg);
            if (text == "table")
                options.report = ReportFormat::Table;
            else if (text == "json")
                options.report = ReportFormat::Json;
            else if (text == "csv")
                options.report = ReportFormat::Csv;
            else if (!text.empty())
                parsed.errors.push_back("--report: expected table, json or csv, got '" + std::string(text) + "'");
        } else if (arg == "--no-progress") {
            options.progress = false;
        } else if (arg.starts_with("-")) {
            parsed.errors.push_back("unknown option '" + std::string(arg) + "'");
        } else if (options.file.empty()) {
            options.file = arg;
        } else {
            parsed.errors.push_back("only one FILE may be given (also got '" + std::string(arg) + "')");
        }
    }
    if (options.file.empty() && !parsed.showHelp)
        parsed.errors.push_back("no pipeline FILE given");
    return parsed;
}

std::vector<std::string> applyOverrides(PipelineSpec &spec, const RunOptions &options)
{
    std::vector<std::string> errors;
    for (Node &node : spec.nodes) {
        const KindSpec *kind = findKind(node.kind);
        if (!kind || kind->role != NodeRole::Producer)
            continue;
        if (options.durationSeconds > 0) {
            node.params["duration"] = options.durationSeconds;
            if (options.events < 0)
                node.params["events"] = std::int64_t {0}; // a timed run: the file's event counts are lifted
        }
        if (options.events >= 0)
            node.params["events"] = options.events;
    }
    for (const std::string &text : options.overrides) {
        const auto parsed = parseParamAssignment(spec, text);
        if (const auto *error = std::get_if<std::string>(&parsed)) {
            errors.push_back("--set " + *error);
            continue;
        }
        const auto &assignment = std::get<ParamAssignment>(parsed);
        spec.findNode(assignment.node)->params[assignment.param] = assignment.value;
    }
    return errors;
}
