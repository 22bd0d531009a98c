#include "codegen_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace ringflow::pipeline {

namespace {

// Every keyword of C++20 with the alternative tokens and the identifiers with a special meaning in
// some places (final, override, import, module); then the macros of the C and POSIX headers a
// program includes through the standard library that a camel-case name could spell.
constexpr std::array kNeverNames = {"alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool",
    "break", "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const",
    "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype",
    "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false",
    "final", "float", "for", "friend", "goto", "if", "import", "inline", "int", "long", "module", "mutable",
    "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "override", "private",
    "protected", "public", "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true", "try",
    "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while",
    "xor", "xor_eq", "assert", "errno", "i386", "linux", "major", "makedev", "minor", "offsetof", "setjmp", "stderr",
    "stdin", "stdout", "unix"};

bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char upper(char c)
{
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}
char lower(char c)
{
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

/// The runs of ASCII letters and digits in `text`, all-capital ones lowered.
std::vector<std::string> wordsOf(std::string_view text)
{
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && isAsciiAlnum(text[i])) {
            word += text[i];
            continue;
        }
        if (word.empty())
            continue;
        const auto letters = std::count_if(word.begin(), word.end(), [](char c) { return std::isalpha(c); });
        if (letters > 1 && std::none_of(word.begin(), word.end(), [](char c) { return std::islower(c); }))
            std::transform(word.begin(), word.end(), word.begin(), lower);
        words.push_back(std::move(word));
        word.clear();
    }
    return words;
}

CppName nameOf(const std::vector<std::string> &words)
{
    CppName name;
    for (const std::string &word : words) {
        name.type += upper(word.front()) + word.substr(1);
        name.variable
            += name.variable.empty() ? lower(word.front()) + word.substr(1) : upper(word.front()) + word.substr(1);
    }
    return name;
}

} // namespace

CppNames::CppNames(std::vector<std::string_view> reserved)
{
    for (auto *taken : {&m_types, &m_variables}) {
        taken->insert(kNeverNames.begin(), kNeverNames.end());
        taken->insert(reserved.begin(), reserved.end());
    }
}

CppName CppNames::add(std::string_view text, std::string_view fallback)
{
    CppName name = unique(text, fallback, true);
    m_types.insert(name.type);
    m_variables.insert(name.variable);
    return name;
}

std::string CppNames::addVariable(std::string_view text, std::string_view fallback)
{
    CppName name = unique(text, fallback, false);
    m_variables.insert(name.variable);
    return name.variable;
}

CppName CppNames::unique(std::string_view text, std::string_view fallback, bool needsType) const
{
    std::vector<std::string> words = wordsOf(text);
    if (words.empty() || std::isdigit(static_cast<unsigned char>(words.front().front()))) {
        std::vector<std::string> prefix = wordsOf(fallback);
        words.insert(words.begin(), prefix.begin(), prefix.end());
    }
    const CppName base = nameOf(words);
    const auto isFree = [&](const CppName &name) {
        return !m_variables.contains(name.variable) && (!needsType || !m_types.contains(name.type));
    };
    // "Ch1" and "Ch1" make "Ch1" and "Ch1_2", not "Ch12".
    const std::string separator = std::isdigit(static_cast<unsigned char>(base.type.back())) ? "_" : "";
    CppName name = base;
    for (int suffix = 2; !isFree(name); ++suffix)
        name = {base.type + separator + std::to_string(suffix), base.variable + separator + std::to_string(suffix)};
    return name;
}

std::string cppStringLiteral(std::string_view text)
{
    std::string literal = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            literal += '\\';
            literal += c;
        } else if (c == '\n') {
            literal += "\\n";
        } else if (c == '\t') {
            literal += "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            // Octal, not \x: a hexadecimal escape would swallow the letters and digits after it.
            char escape[5];
            std::snprintf(escape, sizeof escape, "\\%03o", byte);
            literal += escape;
        } else {
            literal += c;
        }
    }
    return literal + '"';
}

std::string cmakeTargetName(std::string_view text)
{
    // The names CMake or its generators keep for targets of their own.
    constexpr std::array kTaken = {"all", "clean", "edit_cache", "help", "install", "package", "package_source",
        "rebuild_cache", "test", "ALL_BUILD", "INSTALL", "PACKAGE", "RUN_TESTS", "ZERO_CHECK"};
    std::string name;
    for (const char c : text)
        name += isAsciiAlnum(c) || c == '_' || c == '-' || c == '.' ? c : '-';
    if (name.empty() || !isAsciiAlnum(name.front()))
        name.insert(0, "pipeline");
    if (std::find(kTaken.begin(), kTaken.end(), name) != kTaken.end())
        name += "-pipeline";
    return name;
}

} // namespace ringflow::pipeline
