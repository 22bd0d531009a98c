#include "pipeline/json_reader.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <unordered_map>

namespace ringflow::pipeline::json {

namespace {

using Json = nlohmann::ordered_json;

// Builds the document like nlohmann's own DOM parser, while tracking the path of every value.
// Pointers into the tree stay valid while a child is built, because a container only grows again
// after its open child is closed.
class DomBuilder {
public:
    DomBuilder(std::string_view text, const Limits &limits, ParseResult &result)
        : m_text(text), m_limits(limits), m_result(result)
    {
    }

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(Json::number_integer_t value) { return add(value); }
    bool number_unsigned(Json::number_unsigned_t value)
    {
        if (value > static_cast<Json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
            issue("the whole number " + std::to_string(value) + " is too large (at most 9223372036854775807)");
        return add(value);
    }
    bool number_float(Json::number_float_t value, const Json::string_t &text)
    {
        // nlohmann reads whole numbers beyond the 64-bit range as floating point; a number written
        // without fraction or exponent is meant as a whole number, so say it does not fit.
        if (text.find_first_of(".eE") == Json::string_t::npos)
            issue("the whole number " + text + " is out of range (-9223372036854775808 to 9223372036854775807)");
        return add(value);
    }
    bool string(Json::string_t &value)
    {
        if (value.size() > m_limits.maxStringBytes)
            return refuse(currentPath(), tooLong("a string", value.size()));
        return add(std::move(value));
    }
    bool binary(Json::binary_t &value) { return add(std::move(value)); }

    bool start_object(std::size_t) { return open(Json::object()); }
    bool key(Json::string_t &key)
    {
        Frame &frame = m_frames.back();
        if (key.size() > m_limits.maxStringBytes)
            return refuse(frame.path, tooLong("a key", key.size()));
        frame.key = key;
        if (frame.members.contains(key))
            issue("the key \"" + key + "\" is given twice", frame.path);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &error)
    {
        ParseIssue syntax;
        // `position` counts the bytes read, the offending one included: the error is reported where
        // the parser stopped, which for an unexpected token is its last byte.
        const std::size_t offset = std::min(position > 0 ? position - 1 : 0, m_text.size());
        const std::string_view before = m_text.substr(0, offset);
        syntax.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        const std::size_t lineStart = before.rfind('\n');
        syntax.column = offset - (lineStart == std::string_view::npos ? 0 : lineStart + 1) + 1;
        syntax.message = cleanMessage(error.what());
        m_result.malformed = true;
        m_result.issues.push_back(std::move(syntax));
        return false;
    }

private:
    struct Frame {
        Json *container;
        std::string path;
        std::string key; // the key of the value being read, for objects
        // Where each key of an object stands in it: nlohmann's ordered map finds keys by linear
        // search, which would make an object of n keys cost n^2.
        std::unordered_map<std::string, std::size_t> members;
    };

    bool open(Json container)
    {
        std::string path = currentPath();
        if (m_frames.size() >= m_limits.maxDepth)
            return refuse(std::move(path),
                "arrays and objects nest deeper than the limit of " + std::to_string(m_limits.maxDepth) + " levels");
        Json *added = add(std::move(container));
        m_frames.push_back({added, std::move(path), {}, {}});
        return true;
    }
    bool close()
    {
        m_frames.pop_back();
        return true;
    }

    template <typename Value>
    Json *add(Value &&value)
    {
        if (m_frames.empty()) {
            m_result.document = Json(std::forward<Value>(value));
            return &m_result.document;
        }
        Frame &frame = m_frames.back();
        if (frame.container->is_array()) {
            frame.container->push_back(Json(std::forward<Value>(value)));
            return &frame.container->back();
        }
        // A key given twice keeps its first place and its last value, as nlohmann's parser does.
        Json::object_t &object = frame.container->get_ref<Json::object_t &>();
        const auto [member, added] = frame.members.try_emplace(frame.key, object.size());
        if (added)
            object.emplace_back(frame.key, nullptr);
        Json &slot = std::next(object.begin(), static_cast<std::ptrdiff_t>(member->second))->second;
        slot = Json(std::forward<Value>(value));
        return &slot;
    }

    // The path of the value about to be added.
    std::string currentPath() const
    {
        if (m_frames.empty())
            return "$";
        const Frame &frame = m_frames.back();
        return frame.container->is_array() ? elementPath(frame.path, frame.container->size())
                                           : memberPath(frame.path, frame.key);
    }

    void issue(std::string message, std::string path = {})
    {
        if (m_result.issues.size() >= m_limits.maxIssues) {
            ++m_result.unlistedIssues;
            return;
        }
        m_result.issues.push_back({path.empty() ? currentPath() : std::move(path), 0, 0, std::move(message)});
    }

    // Stops the parse at a limit: the document is incomplete, so it is as unusable as a malformed one.
    bool refuse(std::string path, std::string message)
    {
        m_result.malformed = true;
        m_result.issues.push_back({std::move(path), 0, 0, std::move(message)});
        return false;
    }

    std::string tooLong(const char *what, std::size_t bytes) const
    {
        return std::string(what) + " of " + std::to_string(bytes) + " bytes is longer than the limit of "
            + std::to_string(m_limits.maxStringBytes) + " bytes";
    }

    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." becomes
    // "syntax error ...": the position is reported separately, in the same place for every error.
    static std::string cleanMessage(std::string_view what)
    {
        if (what.starts_with('[')) {
            const std::size_t end = what.find("] ");
            if (end != std::string_view::npos)
                what.remove_prefix(end + 2);
        }
        if (what.starts_with("parse error")) {
            const std::size_t colon = what.find(": ");
            what = colon == std::string_view::npos ? std::string_view() : what.substr(colon + 2);
        }
        return what.empty() ? std::string("malformed JSON") : std::string(what);
    }

    std::string_view m_text;
    const Limits &m_limits;
    ParseResult &m_result;
    std::vector<Frame> m_frames;
};

bool isIdentifier(std::string_view key)
{
    if (key.empty() || (key.front() >= '0' && key.front() <= '9'))
        return false;
    return std::all_of(key.begin(), key.end(),
        [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

} // namespace

ParseResult parse(std::string_view text, const Limits &limits)
{
    ParseResult result;
    DomBuilder builder(text, limits, result);
    Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true);
    if (result.malformed)
        result.document = nullptr;
    return result;
}

std::string describeType(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return "a whole number";
    case Json::value_t::number_float:
        return "a real number";
    default:
        return "binary data";
    }
}

std::string memberPath(const std::string &path, std::string_view key)
{
    if (isIdentifier(key))
        return path + "." + std::string(key);
    // Quote like JSON so that the path is unambiguous even for keys with quotes or brackets.
    return path + "[" + Json(std::string(key)).dump(-1, ' ', false, Json::error_handler_t::replace) + "]";
}

std::string elementPath(const std::string &path, std::size_t index)
{
    return path + "[" + std::to_string(index) + "]";
}

} // namespace ringflow::pipeline::json
