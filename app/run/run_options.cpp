#include "run_options.h"

#include "pipeline/capacity_model.h"
#include "pipeline/kind_registry.h"
#include "pipeline/param_text.h"
#include "pipeline/text_format.h"

#include <charconv>
#include <cmath>
#include <functional>
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
           "  --sweep NODE.PARAM=VALUES  run an experiment: the file once per value (repeatable: two\n"
           "                           sweeps run their cross product). VALUES is a comma-separated\n"
           "                           list of values and ranges: A..B+STEP (linear), A..B*FACTOR\n"
           "                           (geometric), e.g. ring.slots=64..65536*2, stage.cost=0..4000+500\n"
           "  --repeat N               runs per point of a sweep, interleaved A B C A B C (default: 3)\n"
           "  --drain-timeout S        how long stopping may drain before halting (default: 5, at most 3600)\n"
           "  --memory-budget SIZE     memory the pipeline may allocate, e.g. 512MiB or 8GiB\n"
           "                           (default: half of this machine's memory)\n"
           "  --thread-budget N        threads the pipeline may start (default: 512)\n"
           "  --predict                print the capacity model's prediction (each node's service time\n"
           "                           and ceiling, the limiting stage, the throughput) and exit\n"
           "  --recalibrate            measure this machine's constants for the model again (they are\n"
           "                           cached under $XDG_CACHE_HOME/ringflow or ~/.cache/ringflow)\n"
           "  --core-share S           the model takes a busy thread to get S (0.05 to 1) of a core instead\n"
           "                           of measuring what it gets now; 1: an idle machine\n"
           "  --no-instrumentation     run without the runtime's measuring (busy time, sampled latency,\n"
           "                           the flow window): counts only, rates over the elapsed time\n"
           "  --no-progress            no progress line on standard error\n"
           "  --help                   this text\n\n"
           "Exit status: 0 success, 1 run-time failure (conservation broken, a stage halted, threads\n"
           "or memory unavailable), 2 invalid file or arguments.\n";
}

namespace {

constexpr double kMaxDrainTimeoutSeconds = 3600;

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

/// "512MiB", "8GiB", "1.5G", "1048576": binary units, the "iB" optional.
bool parseSize(std::string_view text, std::uint64_t &bytes)
{
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end == text.data() || !std::isfinite(number) || number < 0)
        return false;
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    if (unit.ends_with("iB"))
        unit.remove_suffix(2);
    const std::string_view units = "KMGT";
    double scale = 1;
    if (unit.size() == 1 && units.find(unit[0]) != std::string_view::npos)
        scale = std::pow(1024.0, static_cast<double>(units.find(unit[0]) + 1));
    else if (!unit.empty() && unit != "B")
        return false;
    const double value = number * scale;
    if (value >= 1.8e19)
        return false;
    bytes = static_cast<std::uint64_t>(value);
    return true;
}

// The range of a producer parameter, in the registry's words: "from 0 to 1000000 s".
std::string producerRange(std::string_view param)
{
    const ParamSpec &spec = *findKind("producer")->findParam(param);
    return "from " + numberText(spec.minimum.value_or(0)) + " to " + numberText(spec.maximum.value_or(0))
        + (spec.unit.empty() ? "" : " " + spec.unit);
}

bool withinProducerRange(std::string_view param, double value)
{
    const ParamSpec &spec = *findKind("producer")->findParam(param);
    return (!spec.minimum || value >= *spec.minimum) && (!spec.maximum || value <= *spec.maximum);
}

using OptionHandler = std::function<std::string(std::string_view text, RunOptions &options)>;

/// The options that take a value: each reads its text into the options, or says what it expected.
const std::vector<std::pair<std::string_view, OptionHandler>> &valueOptions()
{
    static const std::vector<std::pair<std::string_view, OptionHandler>> options = {
        {"--events",
            [](std::string_view text, RunOptions &o) -> std::string {
                if (parseWhole(text, o.events) && withinProducerRange("events", static_cast<double>(o.events)))
                    return {};
                return "expected a whole number " + producerRange("events");
            }},
        {"--duration",
            [](std::string_view text, RunOptions &o) -> std::string {
                if (parseNumber(text, o.durationSeconds) && o.durationSeconds > 0
                    && withinProducerRange("duration", o.durationSeconds))
                    return {};
                return "expected seconds above 0, " + producerRange("duration");
            }},
        {"--drain-timeout",
            [](std::string_view text, RunOptions &o) -> std::string {
                double seconds = 0;
                if (!parseNumber(text, seconds) || seconds < 0 || seconds > kMaxDrainTimeoutSeconds)
                    return "expected seconds from 0 to " + numberText(kMaxDrainTimeoutSeconds);
                o.drainTimeout = std::chrono::nanoseconds(static_cast<std::int64_t>(seconds * 1e9));
                return {};
            }},
        {"--set",
            [](std::string_view text, RunOptions &o) -> std::string {
                // Resolved against the file once it is loaded (node ids may contain dots).
                o.overrides.emplace_back(text);
                return {};
            }},
        {"--sweep",
            [](std::string_view text, RunOptions &o) -> std::string {
                o.sweeps.emplace_back(text); // resolved against the file once it is loaded
                return {};
            }},
        {"--repeat",
            [](std::string_view text, RunOptions &o) -> std::string {
                std::int64_t repeat = 0;
                if (!parseWhole(text, repeat) || repeat < 1 || repeat > 1000)
                    return "expected a whole number from 1 to 1000";
                o.repeat = static_cast<int>(repeat);
                o.repeatGiven = true;
                return {};
            }},
        {"--core-share",
            [](std::string_view text, RunOptions &o) -> std::string {
                if (parseNumber(text, o.coreShare) && o.coreShare >= kMinCoreShare && o.coreShare <= 1)
                    return {};
                return "expected a share of a core from " + numberText(kMinCoreShare) + " to 1";
            }},
        {"--report",
            [](std::string_view text, RunOptions &o) -> std::string {
                if (text == "table")
                    o.report = ReportFormat::Table;
                else if (text == "json")
                    o.report = ReportFormat::Json;
                else if (text == "csv")
                    o.report = ReportFormat::Csv;
                else
                    return "expected table, json or csv";
                return {};
            }},
        {"--memory-budget",
            [](std::string_view text, RunOptions &o) -> std::string {
                std::uint64_t bytes = 0;
                if (!parseSize(text, bytes) || bytes == 0)
                    return "expected a size such as 512MiB or 8GiB";
                o.budget.memoryBytes = bytes;
                return {};
            }},
        {"--thread-budget",
            [](std::string_view text, RunOptions &o) -> std::string {
                if (parseWhole(text, o.budget.threads) && o.budget.threads >= 1 && o.budget.threads <= 100000)
                    return {};
                return "expected a whole number from 1 to 100000";
            }},
    };
    return options;
}

const OptionHandler *valueOption(std::string_view name)
{
    for (const auto &[option, handler] : valueOptions())
        if (option == name)
            return &handler;
    return nullptr;
}

} // namespace

ParsedOptions parseRunOptions(int argc, char **argv)
{
    ParsedOptions parsed;
    RunOptions &options = parsed.options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (const OptionHandler *handler = valueOption(arg)) {
            if (i + 1 >= argc) {
                parsed.errors.push_back(std::string(arg) + " needs a value");
                continue;
            }
            const std::string_view text = argv[++i];
            if (text.empty()) {
                parsed.errors.push_back(std::string(arg) + " needs a value, got an empty one");
                continue;
            }
            if (const std::string error = (*handler)(text, options); !error.empty())
                parsed.errors.push_back(std::string(arg) + ": " + error + ", got '" + std::string(text) + "'");
        } else if (arg == "--help" || arg == "-h") {
            parsed.showHelp = true;
        } else if (arg == "--no-progress") {
            options.progress = false;
        } else if (arg == "--no-instrumentation") {
            options.instrumented = false;
        } else if (arg == "--predict") {
            options.predict = true;
        } else if (arg == "--recalibrate") {
            options.recalibrate = true;
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
    if (options.repeatGiven && options.sweeps.empty())
        parsed.errors.push_back("--repeat is for sweeps: give at least one --sweep");
    if (options.predict && !options.sweeps.empty())
        parsed.errors.push_back("--predict and --sweep cannot be combined");
    if (!options.instrumented && !options.sweeps.empty())
        parsed.errors.push_back("--no-instrumentation is for single runs: a sweep's figures need the busy time");
    return parsed;
}

std::vector<std::string> applyOverrides(PipelineSpec &spec, const RunOptions &options)
{
    std::vector<std::string> errors;
    limitProducers(spec, options.events >= 0 ? std::optional(options.events) : std::nullopt,
        options.durationSeconds > 0 ? std::optional(options.durationSeconds) : std::nullopt);
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
