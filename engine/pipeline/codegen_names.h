#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// The two C++ names of one thing of a generated program: a type ("BusinessLogic") and a variable
/// ("businessLogic").
struct CppName {
    std::string type;
    std::string variable;
};

/// Gives node ids (and anything else named by users) C++ names that compile whatever the text:
/// spaces, dashes, keywords, digits first, any script. The name is made of the text's ASCII letters
/// and digits; a text without any takes its fallback word ("stage", "ring"). No two names of one
/// table are the same (types and variables apart), and none is a keyword, a macro of the standard
/// library or a name the table was told the generated code uses itself: a clash takes the first
/// free suffix 2, 3, ...
///
/// All-capital words are lowered ("HTTP server": HttpServer, httpServer) so that no type name is
/// spelled like a macro (EOF, NULL, EINVAL).
class CppNames {
public:
    explicit CppNames(std::vector<std::string_view> reserved = {});

    /// A new, unique name for `text`, as a type and as a variable.
    CppName add(std::string_view text, std::string_view fallback);
    /// A new, unique variable name for `text`, for what has no type of its own (a ring is a
    /// core::Disruptor): the type it would have stays free.
    std::string addVariable(std::string_view text, std::string_view fallback);

private:
    CppName unique(std::string_view text, std::string_view fallback, bool needsType) const;

    std::set<std::string, std::less<>> m_types;
    std::set<std::string, std::less<>> m_variables;
};

/// `text` as a C++ string literal, quotes included: escapes for quotes, backslashes and control
/// characters, UTF-8 kept as it is. Also the safe way to quote a user's text in a // comment, where
/// a line break or a trailing backslash would otherwise end or extend the comment.
std::string cppStringLiteral(std::string_view text);

/// `text` as a CMake target (and executable) name: letters, digits, '_', '-' and '.', the rest
/// as '-', starting with a letter or digit ("pipeline" is put first otherwise), never one of the
/// names CMake keeps ("test" becomes "test-pipeline").
std::string cmakeTargetName(std::string_view text);

} // namespace ringflow::pipeline
