#pragma once

#include "pipeline/pipeline_spec.h"
#include "pipeline/validation.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// One file of a generated project: where it goes in the project's folder, and its text.
struct GeneratedFile {
    std::string path;
    std::string text;
};

/// A standalone C++ project generated from a pipeline, or the reasons there is none.
struct GeneratedProject {
    std::vector<Problem> problems; ///< compile()'s: warnings, or the errors that refused the pipeline
    std::vector<GeneratedFile> files; ///< none when an error refused the pipeline
};

/// The C++ project that builds `spec`'s topology with the core's Disruptor DSL, what
/// `ringflow-export --to cpp` writes:
///
/// - CMakeLists.txt: find_package(Ringflow) and one executable, named `projectName` (made a valid
///   target name by cmakeTargetName());
/// - main.cpp: every ring as a core::Disruptor with its size, sequencer and wait strategy, every
///   consumer wired after the ones it waits for, the producers, and a report of the run that
///   checks conservation (exit status 0, or 1 when a consumer missed events);
/// - handlers.h: one handler class per consumer, named after the node, whose body reproduces the
///   node's workload and is the place for one's own logic; event.h, the event the rings carry;
/// - consumer.h, workloads.h, producer.h, run.h: what they share, the producers and the command
///   line (--events N, --duration S, as ringflow-run takes them).
///
/// A pipeline that does not compile (compile() with the default budget) is refused with its
/// problems, as a run of it is.
GeneratedProject generateProject(const PipelineSpec &spec, std::string_view projectName);

/// Writes the project's files into `folder`, which must not exist or be empty: the files are meant
/// to be edited, so none is ever overwritten. Returns what went wrong, naming the path, or "".
std::string writeProject(const GeneratedProject &project, const std::filesystem::path &folder);

} // namespace ringflow::pipeline
