#pragma once

// The wording every engine message shares: numbers and lists as people read them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// The first letter upper-cased, for a noun that starts a sentence.
std::string capitalized(std::string text);
/// 1024 for whole numbers, 0.25 otherwise: the shortest text that reads back as the same double.
std::string numberText(double value);
/// 4032 -> "4,032": backlogs and ring sizes run into the millions.
std::string groupedDigits(std::int64_t value);
/// "'a', 'b' and 'c'" (with the given quote, possibly empty, and the given last conjunction).
std::string joined(
    const std::vector<std::string> &items, std::string_view quote = "'", std::string_view conjunction = "and");
/// "a, b, c": a list for a technical listing rather than a sentence.
std::string commaSeparated(const std::vector<std::string> &items);

} // namespace ringflow::pipeline
