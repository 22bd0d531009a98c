#include "pipeline/json_checks.h"

#include "pipeline/json_reader.h"

#include <algorithm>

namespace ringflow::pipeline::json {

bool Checks::expectType(const Json &value, const std::string &path, bool matches, const char *expected) const
{
    if (!matches)
        fail(path, std::string("expected ") + expected + ", found " + describeType(value));
    return matches;
}

bool Checks::expectObject(
    const Json &value, const std::string &path, std::initializer_list<std::string_view> allowed) const
{
    if (!expectType(value, path, value.is_object(), "an object"))
        return false;
    if (allowed.size() == 0)
        return true;
    for (const auto &[key, unused] : value.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
            continue;
        std::string known;
        for (std::string_view name : allowed)
            known += (known.empty() ? "" : ", ") + std::string(name);
        fail(memberPath(path, key), "unknown field (expected one of: " + known + ")");
    }
    return true;
}

bool Checks::expectArray(const Json &value, const std::string &path) const
{
    return expectType(value, path, value.is_array(), "an array");
}

const Checks::Json *Checks::member(const Json &object, const std::string &path, const char *key, bool required) const
{
    const auto found = object.find(key);
    if (found != object.end())
        return &*found;
    if (required)
        fail(path, std::string("missing field \"") + key + "\"");
    return nullptr;
}

bool Checks::readString(const Json &value, const std::string &path, std::string &out) const
{
    if (!expectType(value, path, value.is_string(), "a string"))
        return false;
    out = value.get<std::string>();
    return true;
}

} // namespace ringflow::pipeline::json
