#pragma once

// What the runtime tests share: a spec compiled, a bounded pipeline run to its end, a node's report.

#include "pipeline/compiler.h"
#include "pipeline/runtime_core.h"

#include <QtTest>

#include <chrono>
#include <string>
#include <thread>

namespace ringflow::pipeline::testing {

/// The plan of `spec`, which must compile.
inline Plan compiled(const PipelineSpec &spec)
{
    CompileResult result = compile(spec);
    if (!result.plan)
        qFatal("spec does not compile: %s", toString(result.problems.front()).c_str());
    return *result.plan;
}

/// Starts `runtime`, waits until its producers are done or a stage has failed (at most `limit`),
/// then stops it with `drainTimeout`.
inline RunReport runToCompletion(RuntimeCore &runtime, std::chrono::seconds limit = std::chrono::seconds(60),
    std::chrono::seconds drainTimeout = std::chrono::seconds(10))
{
    runtime.start();
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!runtime.producersFinished() && !runtime.hasFailed() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return runtime.stop(drainTimeout);
}

inline const NodeReport &nodeOf(const RunReport &report, const std::string &id)
{
    for (const NodeReport &node : report.nodes)
        if (node.id == id)
            return node;
    qFatal("no node %s in the report", id.c_str());
}

} // namespace ringflow::pipeline::testing
