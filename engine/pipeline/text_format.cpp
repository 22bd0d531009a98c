#include "pipeline/text_format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace ringflow::pipeline {

namespace {

constexpr std::string_view kNotANumber = "–";

/// `value` (not negative) rounded to `digits` significant digits.
double roundedTo(double value, int digits)
{
    if (!(value > 0))
        return 0;
    const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(value))));
    return std::round(value * scale) / scale;
}

/// The decimals that show `digits` significant digits of `rounded` (already rounded to them).
int decimalsFor(double rounded, int digits)
{
    const int magnitude = rounded > 0 ? static_cast<int>(std::floor(std::log10(rounded))) : 0;
    return std::clamp(digits - 1 - magnitude, 0, digits - 1);
}

/// "2129.90" is "2129.9" and "3.00" is "3": the digits that are shown all say something.
std::string withoutTrailingZeros(std::string text, std::string_view decimal)
{
    const std::size_t point = text.find(decimal);
    if (point == std::string::npos)
        return text;
    while (text.back() == '0')
        text.pop_back();
    if (text.size() == point + decimal.size())
        text.resize(point);
    return text;
}

double nanosecondsPer(DurationUnit unit)
{
    constexpr std::array<double, 4> kScale = {1, 1e3, 1e6, 1e9};
    return kScale[static_cast<std::size_t>(unit)];
}

DurationUnit largerUnit(DurationUnit unit)
{
    return unit == DurationUnit::Seconds ? unit : static_cast<DurationUnit>(static_cast<int>(unit) + 1);
}

} // namespace

NumberStyle plainNumbers()
{
    return {"", "."};
}

std::string capitalized(std::string text)
{
    if (!text.empty())
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string numberText(double value)
{
    // Whole numbers in plain digits (1000000000, not 1e+09): they are usually counts and limits.
    if (std::trunc(value) == value && std::abs(value) < 1e16)
        return std::to_string(static_cast<std::int64_t>(value));
    std::array<char, 64> buffer {};
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return error == std::errc() ? std::string(buffer.data(), end) : std::string("?");
}

std::string groupedDigits(std::int64_t value, const NumberStyle &style)
{
    const std::string digits = std::to_string(value);
    const std::size_t sign = value < 0 ? 1 : 0;
    std::string text = digits.substr(0, sign);
    for (std::size_t i = sign; i < digits.size(); ++i) {
        if (i > sign && (digits.size() - i) % 3 == 0)
            text += style.group;
        text += digits[i];
    }
    return text;
}

std::string fixedNumber(double value, int decimals, const NumberStyle &style)
{
    if (!std::isfinite(value))
        return std::string(kNotANumber);
    // Rounded here, half away from zero (12.5% is 13%), not by to_chars, which rounds half to even.
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(std::abs(value) * scale) / scale;
    std::array<char, 400> buffer {};
    const auto [end, error]
        = std::to_chars(buffer.data(), buffer.data() + buffer.size(), rounded, std::chars_format::fixed, decimals);
    if (error != std::errc())
        return "?";
    const std::string digits(buffer.data(), end);
    const std::size_t point = std::min(digits.find('.'), digits.size());
    std::string text = value < 0 && rounded > 0 ? "-" : "";
    for (std::size_t i = 0; i < point; ++i) {
        if (i > 0 && (point - i) % 3 == 0)
            text += style.group;
        text += digits[i];
    }
    if (point < digits.size())
        text += style.decimal + digits.substr(point + 1);
    return text;
}

std::string shortNumber(double value, int maxDecimals, const NumberStyle &style)
{
    return withoutTrailingZeros(fixedNumber(value, maxDecimals, style), style.decimal);
}

std::string siNumber(double value, int digits, std::string_view separator, const NumberStyle &style)
{
    if (!std::isfinite(value))
        return std::string(kNotANumber);
    static constexpr std::array<std::string_view, 5> kPrefixes = {"", "k", "M", "G", "T"};
    double scaled = std::abs(value);
    std::size_t prefix = 0;
    while (roundedTo(scaled, digits) >= 1000 && prefix + 1 < kPrefixes.size()) {
        scaled /= 1000;
        ++prefix;
    }
    const double rounded = roundedTo(scaled, digits);
    std::string text = shortNumber(rounded, decimalsFor(rounded, digits), style);
    if (value < 0 && text != "0")
        text.insert(0, "-");
    if (prefix > 0)
        text.append(separator).append(kPrefixes[prefix]);
    return text;
}

std::string percentText(double fraction, int decimals, const NumberStyle &style)
{
    return fixedNumber(fraction * 100, decimals, style) + '%';
}

std::string countOf(std::uint64_t count, std::string_view singular, std::string_view plural, const NumberStyle &style)
{
    std::string text = groupedDigits(static_cast<std::int64_t>(count), style) + ' ';
    if (count == 1)
        return text.append(singular);
    return plural.empty() ? text.append(singular).append("s") : text.append(plural);
}

std::string_view unitSymbol(DurationUnit unit)
{
    constexpr std::array<std::string_view, 4> kSymbols = {"ns", "µs", "ms", "s"};
    return kSymbols[static_cast<std::size_t>(unit)];
}

DurationUnit durationUnitFor(double nanoseconds)
{
    DurationUnit unit = DurationUnit::Nanoseconds;
    while (unit != DurationUnit::Seconds && std::abs(nanoseconds) >= nanosecondsPer(largerUnit(unit)))
        unit = largerUnit(unit);
    return unit;
}

DurationUnit columnDurationUnit(std::span<const double> nanoseconds)
{
    double largest = 0;
    for (const double value : nanoseconds)
        if (std::isfinite(value))
            largest = std::max(largest, std::abs(value));
    DurationUnit unit = DurationUnit::Nanoseconds;
    while (unit != DurationUnit::Seconds && std::round(largest / nanosecondsPer(unit) * 10) / 10 >= 10'000)
        unit = largerUnit(unit);
    return unit;
}

std::string durationIn(double nanoseconds, DurationUnit unit, const NumberStyle &style)
{
    const double scaled = nanoseconds / nanosecondsPer(unit);
    int decimals = unit == DurationUnit::Nanoseconds ? 0 : 1;
    if (decimals > 0 && scaled != 0 && std::abs(scaled) < 0.1)
        decimals = std::min(3, static_cast<int>(std::ceil(-std::log10(std::abs(scaled)) - 1e-9)));
    return fixedNumber(scaled, decimals, style) + ' ' + std::string(unitSymbol(unit));
}

std::string durationText(double nanoseconds, int digits, const NumberStyle &style)
{
    if (!std::isfinite(nanoseconds))
        return std::string(kNotANumber);
    if (nanoseconds == 0)
        return "0";
    DurationUnit unit = durationUnitFor(nanoseconds);
    // 999.96 µs is "1 ms", not "1000 µs".
    if (unit != DurationUnit::Seconds && roundedTo(std::abs(nanoseconds) / nanosecondsPer(unit), digits) >= 1000)
        unit = largerUnit(unit);
    const double rounded = roundedTo(std::abs(nanoseconds) / nanosecondsPer(unit), digits);
    std::string text = shortNumber(rounded, decimalsFor(rounded, digits), style);
    if (nanoseconds < 0)
        text.insert(0, "-");
    return text + ' ' + std::string(unitSymbol(unit));
}

std::string joined(const std::vector<std::string> &items, std::string_view quote, std::string_view conjunction)
{
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            text += i + 1 == items.size() ? " " + std::string(conjunction) + " " : std::string(", ");
        text.append(quote).append(items[i]).append(quote);
    }
    return text;
}

std::string commaSeparated(const std::vector<std::string> &items)
{
    std::string text;
    for (const std::string &item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::size_t displayWidth(std::string_view text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string alignedTable(const std::vector<std::vector<std::string>> &rows, const std::vector<bool> &rightAligned)
{
    std::vector<std::size_t> widths;
    for (const auto &row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths.resize(std::max(widths.size(), i + 1));
            widths[i] = std::max(widths[i], displayWidth(row[i]));
        }
    std::string out;
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string fill(widths[i] - std::min(widths[i], displayWidth(row[i])), ' ');
            const bool right = i >= rightAligned.size() || rightAligned[i];
            line += (i ? "  " : "") + (right ? fill + row[i] : row[i] + fill);
        }
        line.erase(line.find_last_not_of(' ') + 1);
        out += line + "\n";
    }
    return out;
}

} // namespace ringflow::pipeline
