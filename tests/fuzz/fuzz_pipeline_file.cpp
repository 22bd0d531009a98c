// libFuzzer target: any byte string fed to the loader must yield either a spec or errors, never a
// crash, a hang, undefined behaviour or memory out of proportion to it (scripts/fuzz sets a memory
// limit); a spec must validate without throwing and survive a save/load round trip unchanged.
// Built and run by scripts/fuzz.

#include "pipeline/pipeline_file.h"
#include "pipeline/pipeline_graph.h"
#include "pipeline/validation.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

using namespace ringflow::pipeline;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_pipeline_file: %s\n", what);
    std::abort();
}

void exerciseGraph(const PipelineSpec &spec)
{
    const PipelineGraph graph(spec);
    for (const std::string &ring : graph.nodesWithRole(NodeRole::Ring)) {
        graph.consumersOf(ring);
        graph.publishingThreads(ring);
    }
    for (const std::string &consumer : graph.nodesWithRole(NodeRole::Consumer))
        graph.ringOf(consumer);
    graph.dependencyCycles();
    graph.forwardCycles();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const LoadResult loaded = loadPipeline(text, "fuzz");
    if (loaded.ok() == !loaded.errors.empty())
        fail("a load result must hold either a spec or errors");
    for (const LoadError &error : loaded.errors)
        if (error.message.empty() || error.toString().empty())
            fail("an error without a message");
    if (!loaded.ok())
        return 0;

    for (const Problem &problem : validate(*loaded.spec))
        if (problem.message.empty())
            fail("a problem without a message");
    exerciseGraph(*loaded.spec);

    const std::string saved = savePipeline(*loaded.spec);
    const LoadResult reloaded = loadPipeline(saved, "saved");
    if (!reloaded.ok() || !(*reloaded.spec == *loaded.spec))
        fail("save then load changed the spec");
    if (savePipeline(*reloaded.spec) != saved)
        fail("saving is not stable");
    return 0;
}
