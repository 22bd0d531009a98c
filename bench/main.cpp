// ringflow-bench: Ringflow's Disruptor against a mutex + condition-variable queue, in one run.
#include "catalogue.h"
#include "common/command_line.h"
#include "common/machine_load.h"
#include "latency_sweep.h"
#include "report.h"
#include "runner.h"
#include "wait_variants.h"

#include "core/wait_strategy.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace {

using namespace ringflow::bench;

constexpr int kQuickRepeats = 5;
constexpr int kFullRepeats = 7;
constexpr int kDemoRepeats = 3;

enum class Output { Table, Json, Demo };

struct Options {
    RunPlan plan;
    Output output = Output::Table;
    bool latencySweep = false;
    bool help = false;
};

void printUsage(std::FILE *out)
{
    std::fprintf(out,
        "usage: ringflow-bench [--quick] [--json] [--cases a,b,...] [--wait NAME] [--repeat N] [--demo] "
        "[--latency] [--help]\n\n"
        "  --quick        fewer events and %d repetitions (under two minutes on two cores)\n"
        "  --json         print only a JSON array, one object per case and implementation\n"
        "  --cases LIST   run only these cases, comma separated\n"
        "  --wait NAME    Ringflow wait strategy for every case instead of each case's own\n"
        "  --repeat N     repetitions per case (default %d, or %d with --quick); medians are reported\n"
        "  --demo         a short run of unicast and diamond against the mutex queue, in sentences\n"
        "  --latency      ping-pong on every wait strategy: p50, p99, p99.9, max and idle CPU\n\n"
        "cases:\n",
        kQuickRepeats, kFullRepeats, kQuickRepeats);
    for (const CaseSpec &spec : allCases())
        std::fprintf(out, "  %-18.*s %.*s\n", static_cast<int>(spec.id.size()), spec.id.data(),
            static_cast<int>(spec.description.size()), spec.description.data());
    std::fprintf(out, "wait strategies:");
    for (std::string_view name : ringflow::core::kWaitStrategyNames)
        std::fprintf(out, " %.*s", static_cast<int>(name.size()), name.data());
    std::fprintf(out, " (and %.*s, for comparisons)\n", static_cast<int>(kPhasedBackoffBefore.size()),
        kPhasedBackoffBefore.data());
}

std::optional<std::vector<const CaseSpec *>> parseCases(CommandLine &line, std::string_view list)
{
    std::vector<const CaseSpec *> cases;
    for (const std::string_view id : splitList(list)) {
        const CaseSpec *spec = findCase(id);
        if (!spec)
            return line.fail("unknown case '" + std::string(id) + "'");
        cases.push_back(spec);
    }
    if (cases.empty())
        return line.needs("at least one case");
    return cases;
}

// Returns std::nullopt after printing why when the command line is wrong.
std::optional<Options> parseArguments(int argc, char **argv)
{
    CommandLine line("ringflow-bench", argc, argv);
    Options options;
    std::optional<int> repeats;
    bool casesGiven = false;
    while (const std::optional<std::string_view> argument = line.next()) {
        if (argument == "--quick") {
            options.plan.quick = true;
        } else if (argument == "--json") {
            options.output = Output::Json;
        } else if (argument == "--latency") {
            options.latencySweep = true;
        } else if (argument == "--demo") {
            options.output = Output::Demo;
        } else if (argument == "--help" || argument == "-h") {
            options.help = true;
        } else if (argument == "--cases") {
            const std::optional<std::string_view> list = line.value();
            std::optional<std::vector<const CaseSpec *>> cases = list ? parseCases(line, *list) : std::nullopt;
            if (!cases)
                return std::nullopt;
            options.plan.cases = std::move(*cases);
            casesGiven = true;
        } else if (argument == "--wait") {
            const std::optional<std::string_view> name = line.value("a strategy name");
            if (!name)
                return std::nullopt;
            if (!makeBenchWaitStrategy(*name))
                return line.fail("unknown wait strategy '" + std::string(*name) + "'");
            options.plan.waitOverride = std::string(*name);
        } else if (argument == "--repeat") {
            const std::optional<std::int64_t> count = line.positiveInteger(std::numeric_limits<int>::max());
            if (!count)
                return std::nullopt;
            repeats = static_cast<int>(*count);
        } else {
            return line.unknownArgument();
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

// The ping-pong case's event counts are its round trips.
int runLatency(const Options &options, std::optional<double> loadBefore)
{
    const CaseSpec &pingPong = *findCase("ping-pong");
    const std::int64_t rounds = options.plan.quick ? pingPong.quick.ringflow : pingPong.full.ringflow;
    std::function<void(const std::string &)> progress;
    if (options.output != Output::Json)
        progress = [](const std::string &line) { std::fprintf(stderr, "  %s\n", line.c_str()); };
    const std::vector<WaitLatency> rows = runLatencySweep(rounds, options.plan.repeats, progress);
    bool passed = true;
    for (const WaitLatency &row : rows)
        for (const std::string &failure : row.failures) {
            std::fprintf(stderr, "CHECK FAILED in ping-pong, %s: %s\n", row.wait.c_str(), failure.c_str());
            passed = false;
        }
    if (options.output == Output::Json) {
        printLatencyJson(stdout, rows, rounds);
    } else {
        printLatencyTable(stdout, rows, rounds, options.plan.repeats);
        printMachineLoad(stdout, loadBefore);
    }
    return passed ? 0 : kExitChecksFailed;
}

} // namespace

int main(int argc, char **argv)
{
    const std::optional<Options> options = parseArguments(argc, argv);
    if (const std::optional<int> status = exitBeforeRunning(options, printUsage))
        return *status;

    const RunPlan &plan = options->plan;
    const std::optional<double> loadBefore = loadAverage();
    if (options->latencySweep)
        return runLatency(*options, loadBefore);
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
        printMachineLoad(stdout, loadBefore);
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
