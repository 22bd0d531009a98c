#pragma once

#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::bench {

/// The exit statuses of every benchmark: 0 when every check passed.
inline constexpr int kExitChecksFailed = 1;
inline constexpr int kExitUsage = 2;

/// Reads a benchmark's command line one argument at a time. Each problem is printed once to
/// standard error as "<program>: <problem>", and the reading function then returns std::nullopt.
class CommandLine {
public:
    CommandLine(std::string_view program, int argc, char **argv);

    /// The next argument, or std::nullopt after the last.
    std::optional<std::string_view> next();
    /// The value that follows the option just read; `what` names it when it is missing.
    std::optional<std::string_view> value(std::string_view what = "a value");
    /// That value as a whole number from 1 to `maximum`.
    std::optional<std::int64_t> positiveInteger(std::int64_t maximum = std::numeric_limits<std::int64_t>::max());
    /// That value as a number above 0 and at most `maximum`; `what` names it when it is not.
    std::optional<double> positiveNumber(double maximum, std::string_view what);

    /// Prints "<program>: <problem>"; returns std::nullopt, for `return line.fail(...)`.
    std::nullopt_t fail(const std::string &problem) const;
    /// Fails with "<option just read> needs <what>".
    std::nullopt_t needs(std::string_view what) const;
    std::nullopt_t unknownArgument() const;

private:
    std::string_view m_program;
    std::vector<std::string_view> m_arguments;
    std::size_t m_next = 0;
    std::string_view m_option; // the argument next() returned last
};

/// What main() does with its parsed options (which have a `help` flag) before running anything:
/// after a mistake (std::nullopt, already explained) it prints the usage to standard error and
/// returns kExitUsage; for --help it prints the usage to standard output and returns 0; otherwise
/// std::nullopt, and main() goes on.
template <typename Options>
std::optional<int> exitBeforeRunning(const std::optional<Options> &options, void (*printUsage)(std::FILE *))
{
    if (!options) {
        printUsage(stderr);
        return kExitUsage;
    }
    if (options->help) {
        printUsage(stdout);
        return 0;
    }
    return std::nullopt;
}

/// The items of a comma-separated list, in order.
std::vector<std::string_view> splitList(std::string_view list);

} // namespace ringflow::bench
