#include "case_runner.h"

#include "median.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>

namespace ringflow::bench {

namespace {

// A run that throws is a failed run, not a crashed benchmark: the other cases still report.
RunSample runOnce(const Contender &contender)
{
    try {
        return contender.run();
    } catch (const std::exception &error) {
        RunSample failed;
        failed.failure = std::string("threw: ") + error.what();
        return failed;
    }
}

struct Runs {
    std::vector<RunSample> measured;
    std::vector<RunSample> reference;
};

ContenderSummary summarize(const std::vector<RunSample> &runs)
{
    std::vector<double> rates, samplerCpu;
    for (const RunSample &run : runs) {
        rates.push_back(run.eventsPerSecond());
        if (run.samplerCpuMicroseconds)
            samplerCpu.push_back(*run.samplerCpuMicroseconds);
    }
    ContenderSummary summary;
    summary.events = runs.empty() ? 0 : runs.front().events;
    summary.eventsPerSecond = median(rates);
    if (!samplerCpu.empty())
        summary.samplerCpuMicroseconds = median(samplerCpu);
    return summary;
}

std::string describe(
    const BenchCase &benchCase, const Contender &contender, int repetition, int repeats, const RunSample &run)
{
    char text[256];
    std::snprintf(text, sizeof text, "%-18s %-12s %d/%d: %8.3f M events/s%s%s", benchCase.id.c_str(),
        contender.impl.c_str(), repetition + 1, repeats, run.eventsPerSecond() / 1e6, run.note.empty() ? "" : " - ",
        run.note.c_str());
    std::string line = text;
    if (!run.failure.empty())
        line += " FAILED: " + run.failure;
    return line;
}

} // namespace

std::vector<CaseSummary> runInterleaved(
    const std::vector<BenchCase> &cases, int repeats, const ProgressReport &progress)
{
    std::vector<Runs> runs(cases.size());
    for (int repetition = 0; repetition < repeats; ++repetition) {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const BenchCase &benchCase = cases[i];
            const auto measure = [&](const Contender &contender, std::vector<RunSample> &into) {
                into.push_back(runOnce(contender));
                if (progress)
                    progress(describe(benchCase, contender, repetition, repeats, into.back()));
            };
            if (repetition % 2 == 0) {
                measure(benchCase.measured, runs[i].measured);
                measure(benchCase.reference, runs[i].reference);
            } else {
                measure(benchCase.reference, runs[i].reference);
                measure(benchCase.measured, runs[i].measured);
            }
        }
    }

    std::vector<CaseSummary> summaries;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        CaseSummary summary;
        summary.benchCase = &cases[i];
        summary.measured = summarize(runs[i].measured);
        summary.reference = summarize(runs[i].reference);
        std::vector<double> ratios;
        for (int repetition = 0; repetition < repeats; ++repetition) {
            const RunSample &measured = runs[i].measured[static_cast<std::size_t>(repetition)];
            const RunSample &reference = runs[i].reference[static_cast<std::size_t>(repetition)];
            for (const auto &[run, contender] :
                {std::pair {&measured, &cases[i].measured}, std::pair {&reference, &cases[i].reference}})
                if (!run->failure.empty())
                    summary.failures.push_back(
                        contender->impl + ", repetition " + std::to_string(repetition + 1) + ": " + run->failure);
            if (reference.eventsPerSecond() > 0)
                ratios.push_back(measured.eventsPerSecond() / reference.eventsPerSecond());
        }
        summary.ratio = median(ratios);
        if (!ratios.empty()) {
            summary.lowestRatio = *std::min_element(ratios.begin(), ratios.end());
            summary.highestRatio = *std::max_element(ratios.begin(), ratios.end());
        }
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

} // namespace ringflow::bench
