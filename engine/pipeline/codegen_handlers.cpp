// handlers.h of the generated project: one class per consumer node, whose body reproduces the
// node's workload and is where the user puts their own logic.
#include "pipeline/codegen_parts.h"

#include <cmath>
#include <sstream>

namespace ringflow::pipeline::codegen {

namespace {

/// Whether the handler's code reads the event (otherwise its parameter stays unnamed).
bool readsEvent(const Design &design, const ConsumerPlan &consumer)
{
    return design.handlesEvents(consumer)
        && (!consumer.channelFilter.empty() || !consumer.forwardTo.empty() || hasStep(consumer, WorkloadStep::Checksum)
            || hasStep(consumer, WorkloadStep::Fail));
}

/// Whether the handler does anything per event beyond counting it.
bool worksPerEvent(const Design &design, const ConsumerPlan &consumer)
{
    return readsEvent(design, consumer) || design.runs(consumer, WorkloadStep::Busy)
        || design.runs(consumer, WorkloadStep::Sleep);
}

std::string baseClass(const Design &design, const ConsumerPlan &consumer)
{
    if (consumer.forwardTo.empty())
        return "Consumer";
    return design.plan.findRing(consumer.forwardTo)->multiProducer ? "Forwarder<MultiProducerRing>"
                                                                   : "Forwarder<SingleProducerRing>";
}

/// What a failure of the fail workload does, as main.cpp configures the stage.
std::string failureWords(const ConsumerPlan &consumer)
{
    std::string text;
    if (consumer.rewindRetries > 0)
        text += " A failure is a RewindableException: the batch is delivered again, up to "
            + std::to_string(consumer.rewindRetries) + " times, before the exception policy applies.";
    switch (consumer.policy) {
    case core::ExceptionPolicy::Continue:
        return text + " A failure is reported and the handler goes on (exception policy continue, in main.cpp).";
    case core::ExceptionPolicy::HaltStage:
        return text + " A failure stops this stage only (exception policy halt-stage, in main.cpp).";
    case core::ExceptionPolicy::Halt:
        break;
    }
    return text + " A failure halts its ring (exception policy halt, in main.cpp).";
}

std::string classComment(const Design &design, const ConsumerPlan &consumer)
{
    std::string text
        = consumer.sharesEvents ? "One of the " + std::to_string(consumer.threads) + " workers of node " : "Node ";
    text += cppStringLiteral(consumer.id) + " (" + consumer.kind + ") of ring " + cppStringLiteral(consumer.ring) + ": "
        + design.workloadWords(consumer) + ".";
    if (!consumer.channelFilter.empty())
        text += std::string(" Handles only the events of ")
            + (consumer.prefixFilter ? "the channels starting with " : "channel ")
            + cppStringLiteral(consumer.channelFilter) + ".";
    if (!consumer.forwardTo.empty())
        text += " Forwards each event it handled into ring " + cppStringLiteral(consumer.forwardTo) + ".";
    if (consumer.async)
        text += " Each batch is a task that its ring's async pool runs; the stages after it see the batch once the "
                "task has completed.";
    if (consumer.polled)
        text += " Its events are polled (an EventPoller) by a thread of main()'s.";
    if (design.runs(consumer, WorkloadStep::Fail))
        text += failureWords(consumer);
    return comment(text, 0, "///");
}

/// The condition that skips an event of another channel; empty when the handler takes every event.
std::string channelSkip(const Design &design, const ConsumerPlan &consumer)
{
    if (consumer.channelFilter.empty())
        return {};
    std::string condition;
    for (const std::string &enumerator : design.acceptedChannels(consumer))
        condition += (condition.empty() ? "" : " && ") + std::string("event.channel != Channel::") + enumerator;
    return condition;
}

std::string stepCode(const ConsumerPlan &consumer, WorkloadStep step, const std::string &indent)
{
    switch (step) {
    case WorkloadStep::Count:
    case WorkloadStep::Latency:
        return {};
    case WorkloadStep::Busy:
        return indent + "busyFor(std::chrono::nanoseconds("
            + std::to_string(std::llround(liveValue(consumer.live, "cost"))) + "));\n";
    case WorkloadStep::Sleep:
        return indent + "std::this_thread::sleep_for(std::chrono::microseconds("
            + std::to_string(std::llround(liveValue(consumer.live, "sleep"))) + "));\n";
    case WorkloadStep::Checksum:
        return indent + "m_checksum += checksumOf(event);\n";
    case WorkloadStep::Fail:
        return indent + "if (m_failure(m_random))\n" + indent + "    throw "
            + (consumer.rewindRetries > 0 ? "ringflow::core::RewindableException" : "std::runtime_error")
            + "(\"simulated failure on event \" + std::to_string(event.value));\n";
    }
    return {};
}

/// What the handler does with one event it handles: skip other channels, the workload, forward.
std::string eventCode(const Design &design, const ConsumerPlan &consumer, const std::string &indent, bool inLoop)
{
    std::string code;
    if (const std::string skip = channelSkip(design, consumer); !skip.empty())
        code += indent + "if (" + skip + ")\n" + indent + (inLoop ? "    continue;\n" : "    return;\n");
    code += comment(
        "Your logic here. As designed: " + design.workloadWords(consumer) + ".", static_cast<int>(indent.size()));
    for (WorkloadStep step : consumer.workload.steps)
        code += stepCode(consumer, step, indent);
    if (!consumer.forwardTo.empty())
        code += indent + "forward(event);\n";
    return code;
}

/// The comment in place of the per-event code of a handler that counts events and does nothing else.
std::string countingComment(const Design &design, const ConsumerPlan &consumer)
{
    if (!design.handlesEvents(consumer))
        return comment("Its channel filter " + cppStringLiteral(consumer.channelFilter)
                + " matches no channel the producers publish on: it handles no event.",
            8);
    return comment(std::string("Your logic here") + (consumer.batchHandling ? ", for each event of the batch" : "")
            + ". As designed: " + design.workloadWords(consumer) + ".",
        8);
}

/// Whether the handler may see an event again: its stage rewinds the failures of the fail workload.
bool rewinds(const Design &design, const ConsumerPlan &consumer)
{
    return consumer.rewindRetries > 0 && design.runs(consumer, WorkloadStep::Fail);
}

/// The line that counts the events handed to the handler; once each when a rewind hands them again.
std::string countCode(const Design &design, const ConsumerPlan &consumer)
{
    if (!rewinds(design, consumer))
        return consumer.batchHandling ? "        m_processed += batch.size();\n" : "        ++m_processed;\n";
    if (consumer.batchHandling)
        return "        countOnce(first, batch.size());\n";
    return "        countOnce(sequence, 1);\n";
}

std::string handlerFunction(const Design &design, const ConsumerPlan &consumer)
{
    const std::string event = readsEvent(design, consumer) ? "const Event &event" : "const Event &";
    const std::string sequence = rewinds(design, consumer) ? "std::int64_t sequence" : "std::int64_t";
    if (!consumer.batchHandling) {
        return "    void onEvent(" + event + ", " + sequence + ", bool)\n    {\n" + countCode(design, consumer)
            + (worksPerEvent(design, consumer) ? eventCode(design, consumer, "        ", false)
                                               : countingComment(design, consumer))
            + "    }\n";
    }
    // An async handler's onBatch is a coroutine: its task runs on the ring's async pool.
    const std::string head = std::string(consumer.async ? "    ringflow::core::BatchTask" : "    void")
        + " onBatch(const ringflow::core::EventBatch<Event> &batch, std::int64_t"
        + (rewinds(design, consumer) ? " first" : "") + ")\n    {\n" + countCode(design, consumer);
    const std::string tail = consumer.async ? "        co_return;\n    }\n" : "    }\n";
    if (!worksPerEvent(design, consumer))
        return head + countingComment(design, consumer) + tail;
    const std::string variable
        = readsEvent(design, consumer) ? "const Event &event" : "[[maybe_unused]] const Event &event";
    return head + "        for (" + variable + " : batch) {\n" + eventCode(design, consumer, "            ", true)
        + "        }\n" + tail;
}

std::string members(const Design &design, const ConsumerPlan &consumer)
{
    const bool checksum = design.runs(consumer, WorkloadStep::Checksum);
    const bool fail = design.runs(consumer, WorkloadStep::Fail);
    if (!checksum && !fail)
        return {};
    std::string text = checksum ? "\n    std::uint64_t checksum() const { return m_checksum; }\n" : "";
    text += "\nprivate:\n";
    if (checksum)
        text += "    std::uint64_t m_checksum = 0;\n";
    if (fail) {
        std::ostringstream probability;
        probability << consumer.workload.failProbability;
        text += "    std::minstd_rand m_random {std::random_device {}()};\n"
                "    std::bernoulli_distribution m_failure {"
            + probability.str() + "};\n";
    }
    return text;
}

std::string handlerClass(const Design &design, const ConsumerPlan &consumer)
{
    const std::string base = baseClass(design, consumer);
    std::string text = "\n" + classComment(design, consumer) + "class " + design.name(consumer.id).type + " : public "
        + base + " {\npublic:\n";
    if (!consumer.forwardTo.empty())
        text += "    using Forwarder::Forwarder;\n\n";
    return text + handlerFunction(design, consumer) + members(design, consumer) + "};\n";
}

std::string handlerIncludes(const Design &design)
{
    const Features &f = design.features;
    std::string text = "#include \"consumer.h\"\n";
    if (f.busy || f.checksum)
        text += "#include \"workloads.h\"\n";
    if (f.async)
        text += "\n#include <ringflow/core/batch_task.h>\n";
    if (f.batchHandling)
        text += std::string(f.async ? "" : "\n") + "#include <ringflow/core/event_batch.h>\n";
    if (f.rewinds)
        text += std::string(f.batchHandling ? "" : "\n") + "#include <ringflow/core/event_handler.h>\n";
    text += "\n";
    if (f.busy || f.sleep)
        text += "#include <chrono>\n";
    text += "#include <cstdint>\n";
    if (f.fail)
        text += "#include <random>\n#include <stdexcept>\n#include <string>\n";
    if (f.sleep)
        text += "#include <thread>\n";
    return text;
}

} // namespace

std::string handlersHeader(const Design &design)
{
    std::string text = comment("One handler per consumer of " + cppStringLiteral(design.title)
        + ", generated by ringflow-export. Each body reproduces the workload the designer simulates for its node: "
          "replace it with your own logic.");
    text += "#pragma once\n\n" + handlerIncludes(design);
    for (const ConsumerPlan &consumer : design.plan.consumers)
        text += handlerClass(design, consumer);
    return text;
}

} // namespace ringflow::pipeline::codegen
