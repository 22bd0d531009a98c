#pragma once

#include "runner.h"

#include <cstdio>
#include <vector>

namespace ringflow::bench {

/// A table for people: one row per case and implementation, the ratio on the Ringflow row.
void printTable(std::FILE *out, const std::vector<CaseSummary> &summaries, const RunPlan &plan);

/// Only a JSON array, one object per case and implementation (see docs/benchmarks.md).
void printJson(std::FILE *out, const std::vector<CaseSummary> &summaries);

/// One sentence per case: "unicast 1P-1C: 123.4 M events/s (15.2x the mutex queue)".
void printSentences(std::FILE *out, const std::vector<CaseSummary> &summaries);

/// Every failed check; returns true when there was none.
bool reportFailures(std::FILE *out, const std::vector<CaseSummary> &summaries);

} // namespace ringflow::bench
