#pragma once

#include <cstddef>
#include <exception>
#include <string>

namespace ringflow::bench {

/// Runs both sides of every case `repeats` times, round-robin over the cases and alternating which
/// side goes first, so that a noisy stretch of time on a shared machine hits both sides and every
/// case alike. `runSide(caseIndex, side, repetition)` runs side 0 or 1 of one case once.
template <typename RunSide>
void interleave(std::size_t cases, int repeats, RunSide &&runSide)
{
    for (int repetition = 0; repetition < repeats; ++repetition) {
        for (std::size_t i = 0; i < cases; ++i) {
            const int first = repetition % 2;
            runSide(i, first, repetition);
            runSide(i, 1 - first, repetition);
        }
    }
}

/// Runs `run` once. A run that throws is a failed run (`failed`, its failure saying what was thrown),
/// not a crashed benchmark: the other cases still report.
template <typename Result, typename Run>
Result runCatching(Run &&run, Result failed = {})
{
    try {
        return run();
    } catch (const std::exception &error) {
        failed.failure = std::string("threw: ") + error.what();
        return failed;
    }
}

} // namespace ringflow::bench
