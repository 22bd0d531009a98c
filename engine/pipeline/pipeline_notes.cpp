#include "pipeline/pipeline_notes.h"

#include "pipeline/json_checks.h"
#include "pipeline/json_reader.h"

#include <algorithm>
#include <string_view>

namespace ringflow::pipeline {

namespace {

using Json = nlohmann::ordered_json;

// Reads notes for one load, stopping at each note's first problem so that a bad note is reported
// once and left out.
class NoteReader : public json::Checks {
public:
    explicit NoteReader(const json::FaultSink &fail) : Checks(fail) { }

    bool readNote(const Json &value, const std::string &path, Note &note)
    {
        if (!expectObject(value, path, {"text", "position", "width"}))
            return false;
        const Json *text = member(value, path, "text", true);
        if (!text || !readString(*text, json::memberPath(path, "text"), note.text))
            return false;
        const std::string positionPath = json::memberPath(path, "position");
        const Json *position = member(value, path, "position", true);
        if (!position || !expectObject(*position, positionPath, {"x", "y"}))
            return false;
        const Json *x = member(*position, positionPath, "x", true);
        const Json *y = member(*position, positionPath, "y", true);
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

private:
    bool readNumber(const Json &value, const std::string &path, double low, double high, double &out)
    {
        if (!expectType(value, path, value.is_number(), "a number"))
            return false;
        const double number = value.get<double>();
        if (number < low || number > high) {
            fail(path, value.dump() + " is out of range (" + Json(low).dump() + " to " + Json(high).dump() + ")");
            return false;
        }
        out = number;
        return true;
    }
};

} // namespace

std::vector<Note> readNotes(const Json &value, const std::string &path, const json::FaultSink &fail)
{
    std::vector<Note> notes;
    NoteReader reader(fail);
    if (!reader.expectArray(value, path))
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
