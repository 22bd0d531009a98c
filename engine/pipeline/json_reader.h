#pragma once

// Internal to pipeline_file.cpp: strict JSON parsing that keeps what nlohmann's default parser
// forgets, namely where a syntax error is, and keys given twice in one object; and that stops at
// limits, so that the memory and time it takes stay proportional to the text.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline::json {

struct ParseIssue {
    std::string path; ///< "$.nodes[2].params" style; empty for syntax errors
    std::size_t line = 0; ///< 1-based; 0 when not a syntax error
    std::size_t column = 0; ///< 1-based, in bytes
    std::string message;
};

struct ParseResult {
    nlohmann::ordered_json document;
    /// Syntax errors and limits exceeded make `document` unusable; other issues (duplicate keys,
    /// whole numbers out of the 64-bit range) leave a complete document whose values at those places
    /// must not be trusted.
    bool malformed = false;
    std::vector<ParseIssue> issues;
    std::size_t unlistedIssues = 0; ///< issues beyond Limits::maxIssues: counted, not kept
};

/// Where parsing stops. Every open array or object holds its path, so without a depth limit the
/// paths alone grow with the square of the depth; strings and issues are bounded for the same reason.
struct Limits {
    std::size_t maxDepth; ///< arrays and objects nested in one another, the outermost counted
    std::size_t maxStringBytes; ///< of a string value or an object key
    std::size_t maxIssues; ///< issues kept in ParseResult::issues; the limits' own refusal aside
};

ParseResult parse(std::string_view text, const Limits &limits);

/// Path of a member of the object at `path`: `$.nodes`, or `$.params["odd key"]` when the key is
/// not a plain identifier.
std::string memberPath(const std::string &path, std::string_view key);
/// "a string", "an object", "a whole number"...: the type of `value` for an error message.
std::string describeType(const nlohmann::ordered_json &value);
/// Path of an element of the array at `path`: `$.nodes[2]`.
std::string elementPath(const std::string &path, std::size_t index);

} // namespace ringflow::pipeline::json
