#include "pipeline/text_format.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace ringflow::pipeline {

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

std::string groupedDigits(std::int64_t value)
{
    const std::string digits = std::to_string(value);
    const std::size_t sign = value < 0 ? 1 : 0;
    std::string text = digits.substr(0, sign);
    for (std::size_t i = sign; i < digits.size(); ++i) {
        if (i > sign && (digits.size() - i) % 3 == 0)
            text += ',';
        text += digits[i];
    }
    return text;
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

} // namespace ringflow::pipeline
