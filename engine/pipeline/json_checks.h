#pragma once

// Internal to the pipeline file's readers (pipeline_file.cpp and the readers of its optional
// sections): the structural checks each of them makes, in the loader's one wording.

#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace ringflow::pipeline::json {

/// Where a reader reports a fault: the JSON path of the value at fault ("$.notes[1].width") and
/// what is wrong with it.
using FaultSink = std::function<void(const std::string &path, std::string message)>;

/// The checks a reader makes, each reporting what it finds wrong to the sink. A reader derives from
/// it, so that its own code reads as a list of fields.
class Checks {
public:
    using Json = nlohmann::ordered_json;

    explicit Checks(FaultSink sink) : m_sink(std::move(sink)) { }

    void fail(const std::string &path, std::string message) const { m_sink(path, std::move(message)); }
    /// `matches` as is; when false, reports "expected <expected>, found <value's type>".
    bool expectType(const Json &value, const std::string &path, bool matches, const char *expected) const;
    /// Whether `value` is an object; each key not in `allowed` is reported (no key is, when
    /// `allowed` is empty), and the object is read all the same so that every fault is found.
    bool expectObject(
        const Json &value, const std::string &path, std::initializer_list<std::string_view> allowed) const;
    bool expectArray(const Json &value, const std::string &path) const;
    /// The member `key` of the object at `path`; nullptr, reported when `required`, when missing.
    const Json *member(const Json &object, const std::string &path, const char *key, bool required) const;
    bool readString(const Json &value, const std::string &path, std::string &out) const;

private:
    FaultSink m_sink;
};

} // namespace ringflow::pipeline::json
