#include "report.h"

#include "common/statistics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

namespace ringflow::bench {

namespace {

std::string latencyCell(const ImplSummary &impl, double Latency::*field)
{
    return impl.latency ? std::to_string(std::lround((*impl.latency).*field)) : std::string("-");
}

void printRow(std::FILE *out, const char *label, const char *impl, const ImplSummary &summary, int threads,
    const std::string &ratio)
{
    // Three significant digits at least: the mutex queue's round trips run at a few thousand per second.
    const double millions = summary.eventsPerSecond / 1e6;
    std::fprintf(out, "%-18s %-16s %-19s %7d %11lld %10.*f %10.1f %8s %8s %7s\n", label, impl, summary.wait.c_str(),
        threads, static_cast<long long>(summary.events), millions >= 10 ? 1 : 3, millions,
        summary.nanosecondsPerEvent(), latencyCell(summary, &Latency::p50Ns).c_str(),
        latencyCell(summary, &Latency::p99Ns).c_str(), ratio.c_str());
}

nlohmann::ordered_json toJson(const CaseSummary &summary, std::string_view impl, const ImplSummary &result)
{
    nlohmann::ordered_json object {
        {"case", summary.spec->id},
        {"impl", impl},
        {"wait", result.wait},
        {"threads", summary.spec->threads},
        {"events", result.events},
        {"events_per_sec", rounded(result.eventsPerSecond, 0)},
        {"ns_per_event", rounded(result.nanosecondsPerEvent(), 3)},
    };
    if (result.latency) {
        object["p50_ns"] = rounded(result.latency->p50Ns, 0);
        object["p99_ns"] = rounded(result.latency->p99Ns, 0);
    }
    if (&result == &summary.ringflow) {
        std::string key = "ratio_vs_" + std::string(summary.spec->baselineName); // ratio_vs_mutex_queue, ...
        std::replace(key.begin(), key.end(), '-', '_');
        object[key] = rounded(summary.ratio, 2);
    }
    object["checks_passed"] = result.failures.empty();
    return object;
}

} // namespace

void printTable(std::FILE *out, const std::vector<CaseSummary> &summaries, const RunPlan &plan)
{
    std::fprintf(out,
        "Medians of %d interleaved repetition%s%s. ratio = median of the repetitions' Ringflow / baseline "
        "throughput\n(ping-pong: mutex-queue / Ringflow median round trip; the baseline is the mutex queue unless "
        "named).\n\n",
        plan.repeats, plan.repeats == 1 ? "" : "s", plan.quick ? " (--quick)" : "");
    std::fprintf(out, "%-18s %-16s %-19s %7s %11s %10s %10s %8s %8s %7s\n", "case", "impl", "wait", "threads", "events",
        "M ev/s", "ns/event", "p50 ns", "p99 ns", "ratio");
    for (const CaseSummary &summary : summaries) {
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.1fx", summary.ratio);
        const std::string label(summary.spec->label);
        printRow(out, label.c_str(), "ringflow", summary.ringflow, summary.spec->threads, ratio);
        const std::string baseline(summary.spec->baselineName);
        printRow(out, "", baseline.c_str(), summary.baseline, summary.spec->threads, "");
    }
}

void printJson(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    auto array = nlohmann::ordered_json::array();
    for (const CaseSummary &summary : summaries) {
        array.push_back(toJson(summary, "ringflow", summary.ringflow));
        array.push_back(toJson(summary, summary.spec->baselineName, summary.baseline));
    }
    std::fprintf(out, "%s\n", array.dump(2).c_str());
}

void printSentences(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    for (const CaseSummary &summary : summaries) {
        const std::string label(summary.spec->label);
        const std::string baseline(summary.spec->baselineName);
        std::fprintf(out, "%s: %.1f M events/s (%.1fx the %s; %d threads on Ringflow's %s wait strategy)\n",
            label.c_str(), summary.ringflow.eventsPerSecond / 1e6, summary.ratio, baseline.c_str(),
            summary.spec->threads, summary.ringflow.wait.c_str());
    }
}

bool reportFailures(std::FILE *out, const std::vector<CaseSummary> &summaries)
{
    bool passed = true;
    for (const CaseSummary &summary : summaries) {
        const std::string label(summary.spec->label);
        for (const auto &[impl, result] :
            {std::pair<std::string_view, const ImplSummary *> {"ringflow", &summary.ringflow},
                {summary.spec->baselineName, &summary.baseline}}) {
            for (const std::string &failure : result->failures) {
                std::fprintf(out, "CHECK FAILED in %s, %.*s: %s\n", label.c_str(), int(impl.size()), impl.data(),
                    failure.c_str());
                passed = false;
            }
        }
    }
    return passed;
}

} // namespace ringflow::bench
