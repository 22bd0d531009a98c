// ringflow-bench: Ringflow's Disruptor against a mutex + condition-variable queue, in one run.
#include "catalogue.h"
#include "report.h"
#include "runner.h"

#include "core/wait_strategy.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace {

using namespace ringflow::bench;

constexpr int kExitChecksFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kQuickRepeats = 5;
constexpr int kFullRepeats = 7;
constexpr int kDemoRepeats = 3;

enum class Output { Table, Json, Demo };

// The other tenants of a shared machine decide how far a run can be trusted, so the human output
// states their load; empty where /proc/loadavg does not exist.
std::string loadAverage()
{
    std::ifstream file("/proc/loadavg");
    std::string oneMinute;
    file >> oneMinute;
    return oneMinute;
}

struct Options {
    RunPlan plan;
    Output output = Output::Table;
    bool help = false;
};

void printUsage(std::FILE *out)
{
    std::fprintf(out,
        "usage: ringflow-bench [--quick] [--json] [--cases a,b,...] [--wait NAME] [--repeat N] [--demo] "
        "[--help]\n\n"
        "  --quick        fewer events and %d repetitions (under two minutes on two cores)\n"
        "  --json         print only a JSON array, one object per case and implementation\n"
        "  --cases LIST   run only these cases, comma separated\n"
        "  --wait NAME    Ringflow wait strategy for every case instead of each case's own\n"
        "  --repeat N     repetitions per case (default %d, or %d with --quick); medians are reported\n"
        "  --demo         a short run of unicast and diamond against the mutex queue, in sentences\n\n"
        "cases:\n",
        kQuickRepeats, kFullRepeats, kQuickRepeats);
    for (const CaseSpec &spec : allCases())
        std::fprintf(out, "  %-12.*s %.*s\n", static_cast<int>(spec.id.size()), spec.id.data(),
            static_cast<int>(spec.description.size()), spec.description.data());
    std::fprintf(out, "wait strategies:");
    for (std::string_view name : ringflow::core::kWaitStrategyNames)
        std::fprintf(out, " %.*s", static_cast<int>(name.size()), name.data());
    std::fprintf(out, "\n");
}

std::optional<std::vector<const CaseSpec *>> parseCases(std::string_view list)
{
    std::vector<const CaseSpec *> cases;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view id = list.substr(0, comma);
        const CaseSpec *spec = findCase(id);
        if (!spec) {
            std::fprintf(stderr, "ringflow-bench: unknown case '%.*s'\n", static_cast<int>(id.size()), id.data());
            return std::nullopt;
        }
        cases.push_back(spec);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return cases;
}

// Returns std::nullopt after printing why when the command line is wrong.
std::optional<Options> parseArguments(int argc, char **argv)
{
    Options options;
    std::optional<int> repeats;
    bool casesGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        const auto value = [&]() -> std::optional<std::string_view> {
            if (i + 1 < argc)
                return std::string_view(argv[++i]);
            std::fprintf(stderr, "ringflow-bench: %s needs a value\n", argv[i]);
            return std::nullopt;
        };
        if (argument == "--quick") {
            options.plan.quick = true;
        } else if (argument == "--json") {
            options.output = Output::Json;
        } else if (argument == "--demo") {
            options.output = Output::Demo;
        } else if (argument == "--help" || argument == "-h") {
            options.help = true;
        } else if (argument == "--cases") {
            const auto list = value();
            if (!list)
                return std::nullopt;
            auto cases = parseCases(*list);
            if (!cases || cases->empty())
                return std::nullopt;
            options.plan.cases = std::move(*cases);
            casesGiven = true;
        } else if (argument == "--wait") {
            const auto name = value();
            if (!name)
                return std::nullopt;
            if (std::find(
                    std::begin(ringflow::core::kWaitStrategyNames), std::end(ringflow::core::kWaitStrategyNames), *name)
                == std::end(ringflow::core::kWaitStrategyNames)) {
                std::fprintf(stderr, "ringflow-bench: unknown wait strategy '%.*s'\n", static_cast<int>(name->size()),
                    name->data());
                return std::nullopt;
            }
            options.plan.waitOverride = std::string(*name);
        } else if (argument == "--repeat") {
            const auto text = value();
            if (!text)
                return std::nullopt;
            int count = 0;
            const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), count);
            if (error != std::errc() || end != text->data() + text->size() || count < 1) {
                std::fprintf(stderr, "ringflow-bench: --repeat needs a positive integer\n");
                return std::nullopt;
            }
            repeats = count;
        } else {
            std::fprintf(stderr, "ringflow-bench: unknown argument '%s'\n", argv[i]);
            return std::nullopt;
        }
    }

    if (options.output == Output::Demo) {
        // The demo is what scripts/run shows: short, so it uses the quick event counts.
        options.plan.quick = true;
        if (!casesGiven)
            options.plan.cases = {findCase("unicast"), findCase("diamond")};
    } else if (!casesGiven) {
        for (const CaseSpec &spec : allCases())
            options.plan.cases.push_back(&spec);
    }
    const int defaultRepeats = options.output == Output::Demo ? kDemoRepeats
        : options.plan.quick                                  ? kQuickRepeats
                                                              : kFullRepeats;
    options.plan.repeats = repeats.value_or(defaultRepeats);
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    const std::optional<Options> options = parseArguments(argc, argv);
    if (!options) {
        printUsage(stderr);
        return kExitUsage;
    }
    if (options->help) {
        printUsage(stdout);
        return 0;
    }

    const RunPlan &plan = options->plan;
    const std::string loadBefore = loadAverage();
    ProgressReport progress;
    if (options->output == Output::Table)
        progress = [](const std::string &line) { std::fprintf(stderr, "  %s\n", line.c_str()); };
    if (options->output == Output::Demo)
        std::printf("Ringflow against a std::mutex + std::condition_variable queue, same run, %u hardware threads "
                    "(medians of %d runs):\n",
            std::thread::hardware_concurrency(), plan.repeats);

    const std::vector<CaseSummary> summaries = runInterleaved(plan, progress);

    switch (options->output) {
    case Output::Table:
        printTable(stdout, summaries, plan);
        if (!loadBefore.empty())
            std::printf("\n%u hardware threads; load average %s before the run, %s after.\n",
                std::thread::hardware_concurrency(), loadBefore.c_str(), loadAverage().c_str());
        break;
    case Output::Json:
        printJson(stdout, summaries);
        break;
    case Output::Demo:
        printSentences(stdout, summaries);
        break;
    }
    return reportFailures(stderr, summaries) ? 0 : kExitChecksFailed;
}
