#pragma once

// What the producer tests share: events that name the producer thread that published them, and
// the compiled plan of a spec.

#include "pipeline/compiler.h"

#include <QtTest>

#include <atomic>
#include <cstdint>
#include <utility>

namespace ringflow::pipeline::test {

#if defined(__SANITIZE_THREAD__)
inline constexpr int kProducerHammerRounds = 4; // ThreadSanitizer runs 5-15x slower
#else
inline constexpr int kProducerHammerRounds = 12;
#endif

/// An event that says which producer thread published it, and its count (of attempts, with try).
struct Tagged {
    std::uint32_t thread = 0;
    std::uint64_t count = 0;
};

/// Writes each event with its thread's tag, handed out from `nextTag` on the thread's first fill.
struct TaggingFill {
    std::atomic<std::uint32_t> *nextTag;
    void operator()(Tagged &event, std::uint64_t count) const
    {
        thread_local std::pair<const void *, std::uint32_t> tag {nullptr, 0};
        if (tag.first != nextTag)
            tag = {nextTag, nextTag->fetch_add(1, std::memory_order_relaxed)};
        event = Tagged {tag.second, count};
    }
};

inline Plan compiled(const PipelineSpec &spec)
{
    CompileResult result = compile(spec);
    if (!result.plan)
        qFatal("spec does not compile: %s", toString(result.problems.front()).c_str());
    return *result.plan;
}

} // namespace ringflow::pipeline::test
