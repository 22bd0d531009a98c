#include "command_line.h"

#include <charconv>
#include <cstdio>

namespace ringflow::bench {

CommandLine::CommandLine(std::string_view program, int argc, char **argv)
    : m_program(program), m_arguments(argv + std::min(argc, 1), argv + argc)
{
}

std::optional<std::string_view> CommandLine::next()
{
    if (m_next == m_arguments.size())
        return std::nullopt;
    m_option = m_arguments[m_next++];
    return m_option;
}

std::optional<std::string_view> CommandLine::value(std::string_view what)
{
    if (m_next == m_arguments.size())
        return needs(what);
    return m_arguments[m_next++];
}

std::optional<std::int64_t> CommandLine::positiveInteger(std::int64_t maximum)
{
    const std::optional<std::string_view> text = value("a positive integer");
    if (!text)
        return std::nullopt;
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (error != std::errc() || end != text->data() + text->size() || number < 1 || number > maximum)
        return needs("a positive integer");
    return number;
}

std::optional<double> CommandLine::positiveNumber(double maximum, std::string_view what)
{
    const std::optional<std::string_view> text = value(what);
    if (!text)
        return std::nullopt;
    double number = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (error != std::errc() || end != text->data() + text->size() || !(number > 0) || number > maximum)
        return needs(what);
    return number;
}

std::nullopt_t CommandLine::fail(const std::string &problem) const
{
    std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(m_program.size()), m_program.data(), problem.c_str());
    return std::nullopt;
}

std::nullopt_t CommandLine::needs(std::string_view what) const
{
    return fail(std::string(m_option) + " needs " + std::string(what));
}

std::nullopt_t CommandLine::unknownArgument() const
{
    return fail("unknown argument '" + std::string(m_option) + "'");
}

std::vector<std::string_view> splitList(std::string_view list)
{
    std::vector<std::string_view> items;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        items.push_back(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return items;
}

} // namespace ringflow::bench
