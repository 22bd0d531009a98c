#include "case_runner.h"

#include "common/interleave.h"
#include "common/statistics.h"

#include <cstdio>
#include <utility>

namespace ringflow::bench {

namespace {

struct Runs {
    std::vector<RunSample> measured;
    std::vector<RunSample> reference;
};

ContenderSummary summarize(const std::vector<RunSample> &runs)
{
    std::vector<double> rates, samplerCpu, memcpyNs;
    for (const RunSample &run : runs) {
        rates.push_back(run.eventsPerSecond());
        if (run.samplerCpuMicroseconds)
            samplerCpu.push_back(*run.samplerCpuMicroseconds);
        if (run.memcpyNsPerEvent)
            memcpyNs.push_back(*run.memcpyNsPerEvent);
    }
    ContenderSummary summary;
    summary.events = runs.empty() ? 0 : runs.front().events;
    summary.eventsPerSecond = median(rates);
    if (!samplerCpu.empty())
        summary.samplerCpuMicroseconds = median(samplerCpu);
    if (!memcpyNs.empty())
        summary.memcpyNsPerEvent = median(memcpyNs);
    return summary;
}

std::string describe(
    const BenchCase &benchCase, const Contender &contender, int repetition, int repeats, const RunSample &run)
{
    char text[256];
    std::snprintf(text, sizeof text, "%-24s %-12s %d/%d: %8.3f M events/s%s%s", benchCase.id.c_str(),
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
    interleave(cases.size(), repeats, [&](std::size_t i, int side, int repetition) {
        const Contender &contender = side == 0 ? cases[i].measured : cases[i].reference;
        std::vector<RunSample> &into = side == 0 ? runs[i].measured : runs[i].reference;
        into.push_back(runCatching<RunSample>(contender.run));
        if (progress)
            progress(describe(cases[i], contender, repetition, repeats, into.back()));
    });

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
        summary.ratio = spread(ratios);
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

} // namespace ringflow::bench
