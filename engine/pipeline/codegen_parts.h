#pragma once

// Internal to the C++ project generator (codegen.cpp): what its parts share. Each part writes one
// file of the project; a piece of code a design does not need is not written.

#include "pipeline/codegen_names.h"
#include "pipeline/plan.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline::codegen {

/// Whether `consumer`'s workload has `step`.
bool hasStep(const ConsumerPlan &consumer, WorkloadStep step);

/// What the design uses, so that the generated code has what it needs and nothing more.
struct Features {
    bool busy = false;
    bool sleep = false;
    bool checksum = false;
    bool fail = false;
    bool batchHandling = false;
    bool async = false; ///< a stage's batches run as tasks on its ring's async pool
    bool polled = false; ///< a stage is an EventPoller polled by a thread of main()'s
    bool rewinds = false; ///< a stage has rewind retries: its failures are RewindableExceptions
    bool haltStage = false; ///< a stage's exception policy is halt-stage
    bool channels = false; ///< a stage filters by channel
    bool rate = false; ///< a producer is paced
    std::int64_t payloadBytes = 0; ///< the largest payload a producer publishes (a completion's: 8)
    bool tryPublish = false; ///< a producer publishes with try
    bool completions = false; ///< a producer ends its threads with completion events
    bool forwarding = false;
    bool pools = false;
    bool afterPool = false; ///< a consumer waits for a worker pool
    bool forwardIntoSingle = false; ///< a handler forwards into a single-producer ring
    bool forwardIntoMulti = false;
};

/// The plan with what every generated file refers to: the names of its nodes and channels.
struct Design {
    const Plan &plan;
    std::string title; ///< the pipeline's name, or the project's when it has none
    std::map<std::string, CppName> nodes; ///< by node id; only consumers have a type name
    std::map<std::string, std::string> ringTotals; ///< by ring id: the variable of its received events
    std::map<std::string, std::string> channels; ///< by channel name: its enumerator
    Features features;

    const CppName &name(const std::string &node) const { return nodes.at(node); }
    /// The channels `consumer`'s filter accepts, as enumerators (every one when it has no filter).
    std::vector<std::string> acceptedChannels(const ConsumerPlan &consumer) const;
    /// False for a stage whose channel filter matches no channel a producer publishes on: it takes
    /// every event off its ring and handles none (validation warns about it).
    bool handlesEvents(const ConsumerPlan &consumer) const;
    /// Whether `consumer` runs `step` on the events it handles.
    bool runs(const ConsumerPlan &consumer, WorkloadStep step) const
    {
        return handlesEvents(consumer) && hasStep(consumer, step);
    }
    /// The consumer's workload in words: "checksum the payload, then keep the CPU busy for 200 ns".
    std::string workloadWords(const ConsumerPlan &consumer) const;
};

Design makeDesign(const Plan &plan, std::string_view projectName);

std::string eventHeader(const Design &design);
std::string consumerHeader(const Design &design);
/// Empty when no handler needs a workload helper.
std::string workloadsHeader(const Design &design);
std::string handlersHeader(const Design &design);
std::string producerHeader(const Design &design);
std::string runHeader(const Design &design);
/// Empty when no stage is polled.
std::string pollingHeader(const Design &design);
std::string mainSource(const Design &design);

/// The comment that opens a generated header, saying `what` it holds, and its #pragma once.
std::string headerComment(const Design &design, std::string_view what);
/// One #include line per header, and a blank line after them (none when there are none).
std::string includes(const std::vector<std::string_view> &headers);
/// `text` as comment lines (// or another marker) indented by `indent` spaces, wrapped before 100
/// columns.
std::string comment(std::string_view text, int indent = 0, std::string_view marker = "//");

} // namespace ringflow::pipeline::codegen
