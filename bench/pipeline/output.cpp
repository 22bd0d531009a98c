#include "output.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ringflow::bench {

namespace {

void printRow(std::FILE *out, const std::string &label, const Contender &contender, const ContenderSummary &summary,
    const std::string &ratio)
{
    std::fprintf(out, "%-24s %-12s %-19s %7d %10llu %9.3f %10.1f  %s\n", label.c_str(), contender.impl.c_str(),
        contender.wait.c_str(), contender.threads, static_cast<unsigned long long>(summary.events),
        summary.eventsPerSecond / 1e6, summary.nanosecondsPerEvent(), ratio.c_str());
}

nlohmann::ordered_json toJson(const CaseSummary &summary, const Contender &contender, const ContenderSummary &result)
{
    nlohmann::ordered_json object {
        {"case", summary.benchCase->id},
        {"impl", contender.impl},
        {"wait", contender.wait},
        {"threads", contender.threads},
        {"events", result.events},
        {"events_per_sec", rounded(result.eventsPerSecond, 0)},
        {"ns_per_event", rounded(result.nanosecondsPerEvent(), 3)},
    };
    if (&result == &summary.measured)
        object["ratio"] = rounded(summary.ratio.median, 3);
    return object;
}

} // namespace

void printTable(std::FILE *out, const std::vector<CaseSummary> &summaries, int repeats, bool quick)
{
    std::fprintf(out,
        "Medians of %d interleaved repetition%s%s. ratio = median of the repetitions' own ratios "
        "(first row / second row), [lowest, highest] of them.\n\n",
        repeats, repeats == 1 ? "" : "s", quick ? " (--quick)" : "");
    std::fprintf(out, "%-24s %-12s %-19s %7s %10s %9s %10s  %s\n", "case", "impl", "wait", "threads", "events",
        "M ev/s", "ns/event", "ratio");
    for (const CaseSummary &summary : summaries) {
        char ratio[64];
        std::snprintf(ratio, sizeof ratio, "%.3f [%.3f, %.3f]", summary.ratio.median, summary.ratio.lowest,
            summary.ratio.highest);
        printRow(out, summary.benchCase->id, summary.benchCase->measured, summary.measured, ratio);
        printRow(out, "", summary.benchCase->reference, summary.reference, "");
    }
}

void printJson(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    auto array = nlohmann::ordered_json::array();
    for (const CaseSummary &summary : summaries) {
        array.push_back(toJson(summary, summary.benchCase->measured, summary.measured));
        array.push_back(toJson(summary, summary.benchCase->reference, summary.reference));
    }
    std::fprintf(out, "%s\n", array.dump(2).c_str());
}

bool reportFailures(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    bool passed = true;
    for (const CaseSummary &summary : summaries) {
        for (const std::string &failure : summary.failures) {
            std::fprintf(out, "CHECK FAILED in %s: %s\n", summary.benchCase->id.c_str(), failure.c_str());
            passed = false;
        }
    }
    return passed;
}

} // namespace ringflow::bench
