// main.cpp of the generated project: the rings as core::Disruptors built from the end of the
// pipeline to its start (a forwarding handler needs the ring it forwards into), the producers, the
// run and its report.
#include "pipeline/codegen_parts.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace ringflow::pipeline::codegen {

namespace {

constexpr std::size_t kColumns = 120;

/// "4", "2.5", "1e+16": the shortest text that reads back as `value`, a valid C++ literal.
std::string numberLiteral(double value)
{
    char text[32];
    const auto [end, error] = std::to_chars(text, text + sizeof text, value);
    return std::string(text, end);
}

/// `head` + `tail` on one line when they fit, else `tail` on a continuation line, as clang-format
/// breaks a statement.
std::string statement(const std::string &head, const std::string &tail)
{
    if (4 + head.size() + tail.size() <= kColumns)
        return "    " + head + tail + "\n";
    return "    " + head + "\n        " + tail + "\n";
}

std::string waitStrategy(const std::string &name)
{
    static const std::map<std::string, std::string, std::less<>> classes
        = {{"busy-spin", "BusySpinWaitStrategy"}, {"yielding", "YieldingWaitStrategy"},
            {"sleeping", "SleepingWaitStrategy"}, {"blocking", "BlockingWaitStrategy"},
            {"phased-backoff", "PhasedBackoffWaitStrategy"}, {"atomic-wait", "AtomicWaitStrategy"}};
    if (name == "timeout-blocking") // the timeout ringflow-run uses
        return "std::make_unique<core::TimeoutBlockingWaitStrategy>(std::chrono::milliseconds(1))";
    if (const auto found = classes.find(name); found != classes.end())
        return "std::make_unique<core::" + found->second + ">()";
    return "core::makeWaitStrategy(" + cppStringLiteral(name) + ")";
}

std::string quotedList(const std::vector<std::string> &ids)
{
    std::string text;
    for (std::size_t i = 0; i < ids.size(); ++i)
        text += (i == 0 ? "" : i + 1 == ids.size() ? " and " : ", ") + cppStringLiteral(ids[i]);
    return text;
}

std::string ringComment(const RingPlan &ring)
{
    return comment("Ring " + cppStringLiteral(ring.id) + ": " + std::to_string(ring.bufferSize) + " slots, "
            + (ring.multiProducer ? "multi" : "single") + "-producer sequencer ("
            + std::to_string(ring.publishingThreads) + " publishing thread" + (ring.publishingThreads == 1 ? "" : "s")
            + "), " + ring.waitStrategy + " wait strategy; the producers wait for " + quotedList(ring.gating) + ".",
        4);
}

std::string policyName(core::ExceptionPolicy policy)
{
    switch (policy) {
    case core::ExceptionPolicy::Continue:
        return "core::ExceptionPolicy::Continue";
    case core::ExceptionPolicy::HaltStage:
        return "core::ExceptionPolicy::HaltStage";
    case core::ExceptionPolicy::Halt:
        break;
    }
    return "core::ExceptionPolicy::Halt";
}

/// Whether the stage's options are a variable of their own (a rewind, or a polled stage's): set
/// field by field, so that no generated line is too long to read.
bool namedOptions(const Design &design, const ConsumerPlan &consumer)
{
    return consumer.polled || (consumer.rewindRetries > 0 && design.runs(consumer, WorkloadStep::Fail));
}

/// The stage's options as a braced list, its rewind aside.
std::string optionsList(const ConsumerPlan &consumer)
{
    std::string options = "{.name = " + cppStringLiteral(consumer.id);
    if (hasStep(consumer, WorkloadStep::Fail) || consumer.policy != core::ExceptionPolicy::Halt)
        options += ", .policy = " + policyName(consumer.policy);
    if (consumer.maxBatch > 0)
        options += ", .maxBatchSize = " + std::to_string(consumer.maxBatch);
    return options + "}";
}

/// The stage's options where the wiring takes them: the braced list, or the variable.
std::string stageOptions(const Design &design, const ConsumerPlan &consumer)
{
    return namedOptions(design, consumer) ? design.name(consumer.id).variable + "Options" : optionsList(consumer);
}

/// The declaration of a stage's options variable (namedOptions()), with its rewind; empty without.
std::string optionsDeclaration(const Design &design, const ConsumerPlan &consumer)
{
    if (!namedOptions(design, consumer))
        return {};
    const std::string variable = design.name(consumer.id).variable + "Options";
    std::string text = statement("core::StageOptions " + variable + " = ", optionsList(consumer) + ";");
    if (consumer.rewindRetries > 0 && design.runs(consumer, WorkloadStep::Fail))
        text += statement(variable + ".rewind = ",
            "core::RewindStrategy::upTo(" + std::to_string(consumer.rewindRetries)
                + (consumer.rewindBackOffUs > 0
                        ? ", std::chrono::microseconds(" + std::to_string(consumer.rewindBackOffUs) + ")"
                        : std::string())
                + ");");
    return text;
}

/// The handler standing for `id` in Disruptor::after(): itself, or any worker of a pool.
std::string afterArgument(const Design &design, const std::string &id)
{
    const std::string &variable = design.name(id).variable;
    const ConsumerPlan &consumer = *design.plan.findConsumer(id);
    if (consumer.polled)
        return variable + "Poller";
    return consumer.sharesEvents ? variable + ".anyWorker()" : variable;
}

/// A polled stage: a poller of its ring, after the consumers it waits for, and the thread that polls
/// it for the handler (polling.h); it starts and stops with the run.
std::string pollerWiring(const Design &design, const ConsumerPlan &consumer, const std::string &head)
{
    const std::string &variable = design.name(consumer.id).variable;
    const std::string poller = head + (consumer.upstream.empty() ? ".createPoller()" : ".thenPoller()");
    return statement("auto &" + variable + "Poller = ", poller + ";")
        + statement("PollingThread " + variable + "Polling(",
            variable + "Poller, " + variable + ", " + variable + "Options, " + design.name(consumer.ring).variable
                + (design.features.fail ? ", report.errorHandler());" : ");"));
}

/// Adds the consumer to its ring, after the consumers it waits for.
std::string wiring(const Design &design, const ConsumerPlan &consumer)
{
    std::string head = design.name(consumer.ring).variable;
    if (!consumer.upstream.empty()) {
        head += ".after(";
        for (std::size_t i = 0; i < consumer.upstream.size(); ++i)
            head += (i == 0 ? "" : ", ") + afterArgument(design, consumer.upstream[i]);
        head += ")";
    }
    const std::string &variable = design.name(consumer.id).variable;
    if (consumer.polled)
        return optionsDeclaration(design, consumer) + pollerWiring(design, consumer, head);
    if (const std::string options = optionsDeclaration(design, consumer); !options.empty())
        return options
            + statement(head, ".handleEventsWith(core::configure(" + variable + ", " + variable + "Options));");
    if (consumer.sharesEvents) {
        const std::string call = consumer.upstream.empty() ? ".handleEventsWithWorkerPool(" : ".thenWorkerPool(";
        return statement(head, call + stageOptions(design, consumer) + ", " + variable + ".handlers());");
    }
    const std::string configured = "core::configure(" + variable + ", " + stageOptions(design, consumer) + ")";
    if (!consumer.upstream.empty() || 4 + head.size() + configured.size() + 19 <= kColumns)
        return statement(head, ".handleEventsWith(" + configured + ");");
    // As clang-format breaks the call: inside the outer parentheses if the rest fits, else the inner.
    if (8 + configured.size() + 2 <= kColumns)
        return "    " + head + ".handleEventsWith(\n        " + configured + ");\n";
    return "    " + head + ".handleEventsWith(core::configure(\n        " + variable + ", "
        + stageOptions(design, consumer) + "));\n";
}

std::string handlerDeclaration(const Design &design, const ConsumerPlan &consumer)
{
    const CppName &name = design.name(consumer.id);
    const std::string next
        = consumer.forwardTo.empty() ? "" : design.name(consumer.forwardTo).variable + ".ringBuffer()";
    if (consumer.sharesEvents)
        return "    WorkerPool<" + name.type + "> " + name.variable + "(" + std::to_string(consumer.threads)
            + (next.empty() ? "" : ", " + next) + ");\n";
    return "    " + name.type + " " + name.variable + (next.empty() ? "" : "(" + next + ")") + ";\n";
}

std::string ringBlock(const Design &design, const RingPlan &ring)
{
    std::string text = "\n" + ringComment(ring);
    for (const ConsumerPlan &consumer : design.plan.consumers) {
        if (consumer.ring == ring.id)
            text += handlerDeclaration(design, consumer);
    }
    const std::string &variable = design.name(ring.id).variable;
    text += statement("core::Disruptor<Event, core::" + std::string(ring.multiProducer ? "Multi" : "Single")
            + "ProducerSequencer> " + variable + "(",
        std::to_string(ring.bufferSize) + ", " + waitStrategy(ring.waitStrategy) + ");");
    if (design.features.fail)
        text += "    " + variable + ".setErrorHandler(report.errorHandler());\n";
    int asyncThreads = 0;
    for (const ConsumerPlan &consumer : design.plan.consumers)
        asyncThreads += consumer.ring == ring.id && consumer.async ? consumer.asyncThreads : 0;
    if (asyncThreads > 0)
        text += "    " + variable + ".setAsyncThreads(" + std::to_string(asyncThreads) + ");\n";
    for (const ConsumerPlan &consumer : design.plan.consumers) {
        if (consumer.ring == ring.id)
            text += wiring(design, consumer);
    }
    return text;
}

} // namespace

namespace {

std::string producerDeclaration(const Design &design, const ProducerPlan &producer)
{
    const Features &f = design.features;
    std::vector<std::string> fields;
    if (producer.threads != 1)
        fields.push_back(".threads = " + std::to_string(producer.threads));
    fields.push_back(".eventsPerThread = options.eventsPerThread(" + std::to_string(producer.eventsPerThread) + ")");
    fields.push_back(".durationSeconds = options.duration(" + numberLiteral(producer.durationSeconds) + ")");
    if (producer.batch != 1)
        fields.push_back(".batch = " + std::to_string(producer.batch));
    if (const double rate = liveValue(producer.live, "rate"); rate > 0)
        fields.push_back(".rate = " + numberLiteral(rate));
    if (producer.payloadBytes > 0)
        fields.push_back(".payloadSize = " + std::to_string(producer.payloadBytes));
    if (f.channels)
        fields.push_back(".channel = Channel::" + design.channels.at(producer.channel));
    if (producer.tryPublish)
        fields.push_back(".tryPublish = true");
    if (!producer.completionChannel.empty())
        fields.push_back(".completes = true");
    if (!producer.completionChannel.empty() && f.channels)
        fields.push_back(".completionChannel = Channel::" + design.channels.at(producer.completionChannel));
    const std::string call = "    ProducerNode " + design.name(producer.id).variable + "(";
    const std::string head = call + "{";
    std::string list;
    for (std::size_t i = 0; i < fields.size(); ++i)
        list += (i == 0 ? "" : ", ") + fields[i];
    if (head.size() + list.size() + 3 <= kColumns)
        return head + list + "});\n";
    // What clang-format does next: the braced list on a line of its own when it fits there, else
    // one field a line.
    if (8 + 1 + list.size() + 3 <= kColumns)
        return call + "\n        {" + list + "});\n";
    std::string lines = head;
    for (std::size_t i = 0; i < fields.size(); ++i)
        lines += (i == 0 ? "" : ",\n        ") + fields[i];
    return lines + "});\n";
}

/// The events `ring` received: from its producers and from the handlers forwarding into it.
std::string ringTotal(const Design &design, const RingPlan &ring)
{
    std::string sum;
    for (const std::string &producer : ring.producers)
        sum += (sum.empty() ? "" : " + ") + design.name(producer).variable + ".published()";
    for (const std::string &forwarder : ring.forwarders) {
        const CppName &name = design.name(forwarder);
        sum += (sum.empty() ? "" : " + ")
            + (design.plan.findConsumer(forwarder)->sharesEvents ? name.variable + ".sum(&" + name.type + "::forwarded)"
                                                                 : name.variable + ".forwarded()");
    }
    return statement("const std::uint64_t " + design.ringTotals.at(ring.id) + " = ", sum + ";");
}

std::string consumerFigures(const Design &design, const ConsumerPlan &consumer)
{
    const CppName &name = design.name(consumer.id);
    const auto count = [&](const std::string &method) {
        return consumer.sharesEvents ? name.variable + ".sum(&" + name.type + "::" + method + ")"
                                     : name.variable + "." + method + "()";
    };
    std::string arguments = cppStringLiteral(consumer.id) + ", " + cppStringLiteral(consumer.kind) + ", "
        + count("processed") + ", " + design.ringTotals.at(consumer.ring);
    if (design.runs(consumer, WorkloadStep::Checksum))
        arguments += ", " + count("checksum");
    return statement("report.consumer(", arguments + ");");
}

/// For a design whose stages may stop alone (halt-stage): a thread that halts such a stage's ring once
/// the stage has stopped, as ringflow-run stops the run; the ring's producers would otherwise wait
/// for it for good once the ring is full. Empty for other designs.
std::string haltStageWatch(const Design &design)
{
    std::string text;
    for (const RingPlan &ring : design.plan.rings) {
        std::string failed;
        for (const ConsumerPlan &consumer : design.plan.consumers) {
            if (consumer.ring != ring.id || consumer.policy != core::ExceptionPolicy::HaltStage)
                continue;
            if (consumer.polled)
                failed += " || " + design.name(consumer.id).variable + "Polling.failed()";
            else if (failed.find(".hasFailed()") == std::string::npos)
                failed += " || " + design.name(ring.id).variable + ".hasFailed()";
        }
        if (failed.empty())
            continue;
        const std::string &variable = design.name(ring.id).variable;
        text += "            if (!" + variable + "Halted && (" + failed.substr(4) + ")) {\n" + "                "
            + variable + ".halt();\n" + "                " + variable + "Halted = true;\n" + "            }\n";
    }
    if (text.empty())
        return {};
    std::string flags;
    for (const RingPlan &ring : design.plan.rings)
        if (text.find(design.name(ring.id).variable + "Halted") != std::string::npos)
            flags += "        bool " + design.name(ring.id).variable + "Halted = false;\n";
    return comment("A stage that stops alone (exception policy halt-stage) would hold its ring's producers back for "
                   "good once the ring is full: its ring is halted then, as ringflow-run stops the run.",
               4)
        + "    std::jthread watch([&](std::stop_token stop) {\n" + flags + "        while (!stop.stop_requested()) {\n"
        + text + "            std::this_thread::sleep_for(std::chrono::milliseconds(1));\n        }\n    });\n";
}

std::string runSection(const Design &design)
{
    const Plan &plan = design.plan;
    std::string text = "\n";
    for (auto ring = plan.rings.rbegin(); ring != plan.rings.rend(); ++ring)
        text += "    " + design.name(ring->id).variable + ".start();\n";
    for (const ConsumerPlan &consumer : plan.consumers)
        text += consumer.polled ? "    " + design.name(consumer.id).variable + "Polling.start();\n" : "";
    text += "    report.start();\n";
    std::int64_t source = 0;
    for (const ProducerPlan &producer : plan.producers) {
        text += "    " + design.name(producer.id).variable + ".start(" + design.name(producer.ring).variable
            + ".ringBuffer(), " + std::to_string(source) + ");\n";
        source += producer.threads;
    }
    const std::string watch = haltStageWatch(design);
    text += watch;
    for (const ProducerPlan &producer : plan.producers)
        text += "    " + design.name(producer.id).variable + ".join();\n";
    if (!watch.empty())
        text += "    watch.request_stop();\n    watch.join();\n";
    if (plan.rings.size() > 1)
        text += "    // Each ring after those forwarding into it, so that it has received everything.\n";
    for (const RingPlan &ring : plan.rings)
        text += "    report.drain(" + design.name(ring.id).variable + ", " + cppStringLiteral(ring.id) + ");\n";
    for (const ConsumerPlan &consumer : plan.consumers)
        text += consumer.polled ? "    " + design.name(consumer.id).variable + "Polling.stop();\n" : "";
    text += "\n";
    for (const RingPlan &ring : plan.rings)
        text += ringTotal(design, ring);
    for (const ProducerPlan &producer : plan.producers)
        text += statement("report.producer(",
            cppStringLiteral(producer.id) + ", " + design.name(producer.id).variable + ".published());");
    for (const ConsumerPlan &consumer : plan.consumers)
        text += consumerFigures(design, consumer);
    return text + "    return report.print() ? 0 : 1;\n";
}

} // namespace

std::string mainSource(const Design &design)
{
    std::string text = comment(cppStringLiteral(design.title)
        + ", built with the Ringflow core's Disruptor DSL. Generated by ringflow-export: the handlers are in "
          "handlers.h, the producers in producer.h.");
    text += std::string("#include \"handlers.h\"\n") + (design.features.polled ? "#include \"polling.h\"\n" : "")
        + "#include \"producer.h\"\n#include \"run.h\"\n\n#include <ringflow/core/disruptor.h>\n\n";
    const auto timeouts = [](const RingPlan &ring) { return ring.waitStrategy == "timeout-blocking"; };
    const auto backOff = [&](const ConsumerPlan &consumer) {
        return consumer.rewindBackOffUs > 0 && consumer.rewindRetries > 0 && design.runs(consumer, WorkloadStep::Fail);
    };
    const bool chrono = std::any_of(design.plan.rings.begin(), design.plan.rings.end(), timeouts)
        || std::any_of(design.plan.consumers.begin(), design.plan.consumers.end(), backOff)
        || design.features.haltStage;
    text += chrono ? "#include <chrono>\n" : "";
    text += std::string("#include <cstdint>\n#include <memory>\n#include <optional>\n")
        + (design.features.haltStage ? "#include <stop_token>\n#include <thread>\n" : "")
        + "\nusing namespace ringflow;\n\n"
          "int main(int argc, char **argv)\n{\n"
          "    RunOptions options;\n"
          "    if (const std::optional<int> status = parseOptions(argc, argv, options))\n"
          "        return *status;\n";
    text += statement("Report report(", cppStringLiteral(design.title) + ");");
    for (auto ring = design.plan.rings.rbegin(); ring != design.plan.rings.rend(); ++ring)
        text += ringBlock(design, *ring);
    text += "\n";
    for (const ProducerPlan &producer : design.plan.producers)
        text += producerDeclaration(design, producer);
    return text + runSection(design) + "}\n";
}

} // namespace ringflow::pipeline::codegen
