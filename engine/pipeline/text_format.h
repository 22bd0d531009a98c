#pragma once

// The wording every engine message shares, and how figures are written for people: one set of
// rules for the runner's table, the compiled plan and every label of the designer (which passes
// its locale's separators, ui/format/number_format), so that a figure reads the same everywhere.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// The marks of a written number. English by default; the designer passes its locale's.
struct NumberStyle {
    std::string group = ","; ///< between thousands; empty: none
    std::string decimal = ".";
};

/// No thousands separators, a decimal point: numbers for machines (CSV).
NumberStyle plainNumbers();

/// The first letter upper-cased, for a noun that starts a sentence.
std::string capitalized(std::string text);
/// 1024 for whole numbers, 0.25 otherwise: the shortest text that reads back as the same double.
std::string numberText(double value);
/// 4032 -> "4,032": backlogs and ring sizes run into the millions.
std::string groupedDigits(std::int64_t value, const NumberStyle &style = {});
/// `value` with exactly `decimals` decimals, rounded half away from zero, thousands grouped:
/// (2129.87, 1) is "2,129.9"; never an exponent. "–" when `value` is not finite.
std::string fixedNumber(double value, int decimals, const NumberStyle &style = {});
/// As fixedNumber() with at most `maxDecimals` decimals, the trailing zeros dropped: "200,000",
/// "0.25", "2.5".
std::string shortNumber(double value, int maxDecimals = 3, const NumberStyle &style = {});
/// `value` rounded to `digits` significant digits, with a k, M, G or T prefix after `separator`,
/// trailing zeros dropped: (12345, 3, " ") is "12.3 k". A value that rounds up to 1000 takes the
/// next prefix ("1 k", not "1000"); below 1, at most `digits` - 1 decimals. "–" when not finite.
std::string siNumber(double value, int digits, std::string_view separator = " ", const NumberStyle &style = {});
/// `fraction` (0.25) as a percentage with `decimals` decimals: "25%", "25.0%".
std::string percentText(double fraction, int decimals = 0, const NumberStyle &style = {});
/// A count and its noun, singular for one: "1 event", "4,096 events". `plural` defaults to the
/// singular with an s.
std::string countOf(
    std::uint64_t count, std::string_view singular, std::string_view plural = {}, const NumberStyle &style = {});

enum class DurationUnit { Nanoseconds, Microseconds, Milliseconds, Seconds };

/// "ns", "µs", "ms", "s".
std::string_view unitSymbol(DurationUnit unit);
/// The unit one duration reads best in: the largest in which it is at least 1 ("850 ns", "12 µs").
DurationUnit durationUnitFor(double nanoseconds);
/// One unit for a column of durations: the smallest in which its largest value stays below
/// 10,000, so that a column reads "3.4 µs" above "2,129.9 µs", never "3424 ns" above it.
DurationUnit columnDurationUnit(std::span<const double> nanoseconds);
/// `nanoseconds` in `unit`, for a column: whole nanoseconds, else one decimal (more for a value
/// below 0.1, which would read as 0), grouped: "2,129.9 µs".
std::string durationIn(double nanoseconds, DurationUnit unit, const NumberStyle &style = {});
/// One duration in its own unit with `digits` significant digits, trailing zeros dropped:
/// "850 ns", "12.3 µs", "1.5 ms", "2 s"; 0 is "0" (in any unit); "–" when not finite.
std::string durationText(double nanoseconds, int digits = 3, const NumberStyle &style = {});

/// "'a', 'b' and 'c'" (with the given quote, possibly empty, and the given last conjunction).
std::string joined(
    const std::vector<std::string> &items, std::string_view quote = "'", std::string_view conjunction = "and");
/// How many terminal columns `text` takes: one per UTF-8 code point ("µs" is two, not three).
std::size_t displayWidth(std::string_view text);
/// `rows` (the first one the header) as lines of columns two spaces apart, each as wide as its
/// widest cell; column i is right-aligned when rightAligned[i] (missing: true). No trailing spaces.
std::string alignedTable(const std::vector<std::vector<std::string>> &rows, const std::vector<bool> &rightAligned = {});
/// "a, b, c": a list for a technical listing rather than a sentence.
std::string commaSeparated(const std::vector<std::string> &items);

} // namespace ringflow::pipeline
