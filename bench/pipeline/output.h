#pragma once

#include "case_runner.h"

#include <cstdio>
#include <vector>

namespace ringflow::bench {

/// A table for people: one row per case and contender, the ratio and its spread on the first row.
void printTable(std::FILE *out, const std::vector<CaseSummary> &summaries, int repeats, bool quick);

/// Only a JSON array, one object per case and contender (see docs/benchmarks-pipelines.md).
void printJson(std::FILE *out, const std::vector<CaseSummary> &summaries);

/// Every failed check; returns true when there was none.
bool reportFailures(std::FILE *out, const std::vector<CaseSummary> &summaries);

} // namespace ringflow::bench
