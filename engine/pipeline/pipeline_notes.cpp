#include "pipeline/pipeline_notes.h"

#include "pipeline/json_reader.h"

#include <algorithm>
#include <string_view>

namespace ringflow::pipeline {

namespace {

using Json = nlohmann::ordered_json;

// Reads notes for one load, stopping at each note's first problem so that a bad note is reported
// once and left out.
class NoteReader {
public:
    explicit NoteReader(const NoteErrorSink &fail) : m_fail(fail) { }

    bool readNote(const Json &value, const std::string &path, Note &note)
    {
        if (!expectObject(value, path, {"text", "position", "width"}))
            return false;
        const Json *text = member(value, path, "text");
        if (!text || !expectType(*text, json::memberPath(path, "text"), text->is_string(), "a string"))
            return false;
        note.text = text->get<std::string>();
        const std::string positionPath = json::memberPath(path, "position");
        const Json *position = member(value, path, "position");
        if (!position || !expectObject(*position, positionPath, {"x", "y"}))
            return false;
        const Json *x = member(*position, positionPath, "x");
        const Json *y = member(*position, positionPath, "y");
        if (!x || !y
            || !readNumber(
                *x, json::memberPath(positionPath, "x"), -kMaxNoteCoordinate, kMaxNoteCoordinate, note.position.x)
            || !readNumber(
                *y, json::memberPath(positionPath, "y"), -kMaxNoteCoordinate, kMaxNoteCoordinate, note.position.y))
            return false;
        // The width may be left out: the default suits a sentence or two.
        const auto width = value.find("width");
        return width == value.end()
            || readNumber(*width, json::memberPath(path, "width"), kMinNoteWidth, kMaxNoteWidth, note.width);
    }

    bool expectType(const Json &value, const std::string &path, bool matches, const char *expected)
    {
        if (!matches)
            m_fail(path, std::string("expected ") + expected + ", found " + json::describeType(value));
        return matches;
    }

private:
    bool expectObject(const Json &value, const std::string &path, std::initializer_list<std::string_view> allowed)
    {
        if (!expectType(value, path, value.is_object(), "an object"))
            return false;
        bool known = true;
        for (const auto &[key, unused] : value.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end())
                continue;
            std::string names;
            for (std::string_view name : allowed)
                names += (names.empty() ? "" : ", ") + std::string(name);
            m_fail(json::memberPath(path, key), "unknown field (expected one of: " + names + ")");
            known = false;
        }
        return known;
    }

    const Json *member(const Json &object, const std::string &path, const char *key)
    {
        const auto found = object.find(key);
        if (found != object.end())
            return &*found;
        m_fail(path, std::string("missing field \"") + key + "\"");
        return nullptr;
    }

    bool readNumber(const Json &value, const std::string &path, double low, double high, double &out)
    {
        if (!expectType(value, path, value.is_number(), "a number"))
            return false;
        const double number = value.get<double>();
        if (number < low || number > high) {
            m_fail(path, value.dump() + " is out of range (" + Json(low).dump() + " to " + Json(high).dump() + ")");
            return false;
        }
        out = number;
        return true;
    }

    const NoteErrorSink &m_fail;
};

} // namespace

std::vector<Note> readNotes(const Json &value, const std::string &path, const NoteErrorSink &fail)
{
    std::vector<Note> notes;
    NoteReader reader(fail);
    if (!reader.expectType(value, path, value.is_array(), "an array"))
        return notes;
    for (std::size_t i = 0; i < value.size(); ++i)
        if (Note note; reader.readNote(value[i], json::elementPath(path, i), note))
            notes.push_back(std::move(note));
    return notes;
}

Json writeNotes(const std::vector<Note> &notes)
{
    Json array = Json::array();
    for (const Note &note : notes)
        array.push_back(Json {{"text", note.text}, {"position", Json {{"x", note.position.x}, {"y", note.position.y}}},
            {"width", note.width}});
    return array;
}

} // namespace ringflow::pipeline
