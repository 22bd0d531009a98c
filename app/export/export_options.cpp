#include "export_options.h"

#include <charconv>
#include <cmath>
#include <map>
#include <string_view>

namespace {

const std::map<std::string_view, ExportFormat> &formats()
{
    static const std::map<std::string_view, ExportFormat> names = {{"json", ExportFormat::Json},
        {"png", ExportFormat::Png}, {"svg", ExportFormat::Svg}, {"cpp", ExportFormat::Cpp},
        {"report", ExportFormat::Report}, {"report-csv", ExportFormat::ReportCsv}, {"series", ExportFormat::Series}};
    return names;
}

template <typename T>
bool parseNumber(std::string_view text, T &value)
{
    const char *end = text.data() + text.size();
    const auto [last, error] = std::from_chars(text.data(), end, value);
    return !text.empty() && error == std::errc() && last == end;
}

// The ranges ringflow-run checks (the producer's in the kind registry).
constexpr std::int64_t kMaxEvents = 1'000'000'000'000'000;
constexpr double kMaxSeconds = 1e6;

/// Reads the value of `option` into `options`; what was expected, or empty.
std::string readValue(std::string_view option, std::string_view text, ExportOptions &options)
{
    if (option == "--to") {
        const auto found = formats().find(text);
        if (found == formats().end())
            return "expected json, png, svg, cpp, report, report-csv or series";
        options.format = found->second;
    } else if (option == "-o" || option == "--output") {
        options.output = text;
    } else if (option == "--events") {
        std::int64_t events = 0;
        if (!parseNumber(text, events) || events < 0 || events > kMaxEvents)
            return "expected a whole number from 0 to 1000000000000000";
        options.events = events;
    } else {
        double seconds = 0;
        if (!parseNumber(text, seconds) || !(seconds > 0 && seconds <= kMaxSeconds))
            return "expected seconds above 0, up to 1000000";
        options.durationSeconds = seconds;
    }
    return {};
}

void checkCombination(ParsedExportOptions &parsed)
{
    const ExportOptions &options = parsed.options;
    if (options.file.empty())
        parsed.errors.push_back("no pipeline FILE given");
    if (options.output.empty())
        parsed.errors.push_back("no output given: -o OUT");
    if (needsRun(options.format) && !options.run)
        parsed.errors.push_back("--to report, report-csv and series export a run: add --run");
    if (!needsRun(options.format) && (options.run || options.events || options.durationSeconds))
        parsed.errors.push_back("--run, --events and --duration go with --to report, report-csv or series");
}

} // namespace

bool needsRun(ExportFormat format)
{
    return format == ExportFormat::Report || format == ExportFormat::ReportCsv || format == ExportFormat::Series;
}

std::string exportUsage(bool canvas)
{
    return std::string("Usage: ringflow-export FILE --to FORMAT -o OUT [--run [--events N] [--duration S]]\n"
                       "Writes what the designer's File > Export writes, headless.\n\n"
                       "Formats:\n"
                       "  json        the pipeline file, in canonical form\n")
        + (canvas ? "  png, svg    the canvas as the designer draws it\n"
                  : "  png, svg    the canvas: not in this build (it has no designer: RINGFLOW_ENGINE_ONLY)\n")
        + "  cpp         a standalone C++ project in the new folder OUT: CMakeLists.txt (find_package(Ringflow)),\n"
          "              main.cpp building the topology with the core's Disruptor DSL, one handler class per\n"
          "              consumer; refused, with the problems, for a pipeline that cannot run\n"
          "  report      with --run: the run's report as JSON\n"
          "  report-csv  with --run: the run's report as CSV, one row per node\n"
          "  series      with --run: the time series sampled 10 times a second, as CSV\n\n"
          "Options:\n"
          "  --run           run the pipeline first, as ringflow-run does\n"
          "  --events N      with --run: events per producer thread\n"
          "  --duration S    with --run: producers publish for S seconds\n"
          "  --help          this text\n\n"
          "The designer's plot images (PNG, PDF) need its live plots and are not exported here.\n"
          "Exit status: 0 success, 1 the export (or the run) failed, 2 invalid file or arguments.\n";
}

ParsedExportOptions parseExportOptions(int argc, char **argv)
{
    ParsedExportOptions parsed;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--to" || arg == "-o" || arg == "--output" || arg == "--events" || arg == "--duration") {
            const std::string_view text = i + 1 < argc ? argv[++i] : "";
            if (text.empty())
                parsed.errors.push_back(std::string(arg) + " needs a value");
            else if (const std::string expected = readValue(arg, text, parsed.options); !expected.empty())
                parsed.errors.push_back(std::string(arg) + ": " + expected + ", got '" + std::string(text) + "'");
        } else if (arg == "--run") {
            parsed.options.run = true;
        } else if (arg == "--help" || arg == "-h") {
            parsed.showHelp = true;
        } else if (arg.starts_with("-")) {
            parsed.errors.push_back("unknown option '" + std::string(arg) + "'");
        } else if (parsed.options.file.empty()) {
            parsed.options.file = arg;
        } else {
            parsed.errors.push_back("only one FILE may be given (also got '" + std::string(arg) + "')");
        }
    }
    if (!parsed.showHelp)
        checkCombination(parsed);
    return parsed;
}
