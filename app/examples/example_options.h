#pragma once

// The command-line discipline of the example programs, the same as ringflow-run's: an unknown
// option is named as unknown, every number is range-checked and a wrong one is answered with its
// range, a bad command line exits 2 after the usage, and --help prints the usage and exits 0.

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::examples {

/// Reads an option's value into the program's settings; returns what it expected when the value
/// will not do, empty when it was taken.
using ValueReader = std::function<std::string(std::string_view value)>;

struct Option {
    std::string_view name;
    ValueReader read; ///< empty for a flag
    std::function<void()> set = {}; ///< what a flag does
};

/// A whole number from `minimum` to `maximum` into `target`.
template <typename Number>
ValueReader wholeNumber(Number &target, Number minimum, Number maximum)
{
    return [&target, minimum, maximum](std::string_view text) -> std::string {
        Number value {};
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size() && value >= minimum && value <= maximum) {
            target = value;
            return {};
        }
        return "expected a whole number from " + std::to_string(minimum) + " to " + std::to_string(maximum);
    };
}

/// One of `choices` into `target`.
inline ValueReader oneOf(std::string &target, std::vector<std::string_view> choices)
{
    return [&target, choices = std::move(choices)](std::string_view text) -> std::string {
        std::string expected;
        for (const std::string_view choice : choices) {
            if (choice == text) {
                target = text;
                return {};
            }
            expected += (expected.empty() ? "" : ", ") + std::string(choice);
        }
        return "expected one of " + expected;
    };
}

/// The errors in `argv`, each naming the argument at fault; sets `help` on --help or -h.
inline std::vector<std::string> readOptions(int argc, char **argv, std::span<const Option> options, bool &help)
{
    std::vector<std::string> errors;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const Option *option = nullptr;
        for (const Option &candidate : options)
            option = candidate.name == arg ? &candidate : option;
        if (arg == "--help" || arg == "-h") {
            help = true;
        } else if (!option) {
            errors.push_back(
                (arg.starts_with("-") ? "unknown option '" : "unexpected argument '") + std::string(arg) + "'");
        } else if (!option->read) {
            option->set();
        } else if (i + 1 >= argc || std::string_view(argv[i + 1]).empty()) {
            errors.push_back(std::string(arg) + " needs a value");
            ++i;
        } else if (const std::string expected = option->read(argv[++i]); !expected.empty()) {
            errors.push_back(std::string(arg) + ": " + expected + ", got '" + argv[i] + "'");
        }
    }
    return errors;
}

/// Reads the command line into the settings that `options` write. Returns the exit status when the
/// program must end here: 0 after --help (usage on standard output), 2 after a bad command line
/// (each error, then the usage, on standard error); std::nullopt when it may run.
inline std::optional<int> parseOptions(
    int argc, char **argv, std::string_view program, std::string_view usage, std::span<const Option> options)
{
    bool help = false;
    const std::vector<std::string> errors = readOptions(argc, argv, options, help);
    for (const std::string &error : errors)
        std::fprintf(stderr, "%.*s: %s\n", int(program.size()), program.data(), error.c_str());
    if (!errors.empty()) {
        std::fprintf(stderr, "%.*s", int(usage.size()), usage.data());
        return 2;
    }
    if (help) {
        std::fwrite(usage.data(), 1, usage.size(), stdout);
        return 0;
    }
    return std::nullopt;
}

} // namespace ringflow::examples
