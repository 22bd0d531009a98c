#pragma once

#include "pipeline/pipeline_spec.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// The value of the "format" field of every pipeline file.
inline constexpr std::string_view kPipelineFileFormat = "ringflow-pipeline";
/// The version this build writes and the newest it reads. See docs/file-format.md for the rules.
inline constexpr std::int64_t kPipelineFileVersion = 1;

// What the loader accepts (docs/file-format.md, "Limits"), so that no file can make it take memory
// or time out of proportion. Measured: a canonical 10,000-node pipeline is 3.6 MiB, nests 4 deep,
// and loads in 0.14 s with 27 MiB of memory; the worst 8 MiB files take about 230 MiB and 1.5 s.
/// The largest file (or text) loaded, in bytes.
inline constexpr std::size_t kMaxPipelineFileBytes = std::size_t {8} << 20;
/// The deepest nesting of arrays and objects, the document itself counted as the first level.
inline constexpr std::size_t kMaxPipelineNesting = 16;
/// The longest string value or object key, in bytes.
inline constexpr std::size_t kMaxPipelineStringBytes = std::size_t {64} << 10;
/// The most errors a load lists; the rest are counted in one last error.
inline constexpr std::size_t kMaxLoadErrors = 100;

/// Why a file could not be loaded, and where.
struct LoadError {
    std::string source; ///< the file name, or whatever name the caller gave the text
    std::string path; ///< JSON path of the value at fault, e.g. "$.nodes[2].params.slots"; may be empty
    std::size_t line = 0; ///< 1-based line of a JSON syntax error; 0 otherwise
    std::size_t column = 0; ///< 1-based column (in bytes) of a JSON syntax error; 0 otherwise
    std::string message;

    /// "file.json:3:14: message" for syntax errors, "file.json: $.nodes[2].id: message" otherwise.
    std::string toString() const;
    bool operator==(const LoadError &) const = default;
};

/// Either a spec or the reasons there is none.
struct LoadResult {
    std::optional<PipelineSpec> spec; ///< set exactly when `errors` is empty
    std::vector<LoadError> errors;
    bool ok() const { return spec.has_value(); }
};

/// Reads a pipeline from JSON text. Checks the structure and the JSON types of every field and
/// reports every problem it finds, not just the first (up to kMaxLoadErrors); whether the pipeline
/// makes sense (kinds, parameter names and ranges, wiring) is left to validate(). Refuses text
/// beyond the limits above, naming the limit and the place. Never throws on bad input.
LoadResult loadPipeline(std::string_view json, std::string_view sourceName);
/// Reads a file; the source name of its errors is the path as given. Refuses what is not a regular
/// file (a directory, a FIFO, a device) and never reads more than kMaxPipelineFileBytes + 1 bytes,
/// so that neither a huge file nor an endless one such as /dev/zero gets further than the limit.
LoadResult loadPipelineFile(const std::filesystem::path &path);

/// Writes the spec as pretty JSON with a stable key order, ending in a newline, such that
/// loadPipeline() gives back an equal spec: whole numbers stay whole, reals are written so that
/// they read back as reals. Strings must be UTF-8 (invalid bytes are replaced); reals must be
/// finite (JSON has no NaN or infinity, they are written as null and fail to load).
std::string savePipeline(const PipelineSpec &spec);
/// Writes savePipeline() to `path` through a temporary file renamed into place, so that a failed
/// save leaves any previous file intact. On failure returns false and sets `*error` if given.
bool savePipelineFile(const PipelineSpec &spec, const std::filesystem::path &path, std::string *error = nullptr);

} // namespace ringflow::pipeline
