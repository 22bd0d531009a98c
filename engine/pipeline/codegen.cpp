#include "codegen.h"

#include "pipeline/codegen_parts.h"
#include "pipeline/compiler.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace ringflow::pipeline {

namespace codegen {

namespace {

// The names the generated code declares itself, which no node may take.
const std::vector<std::string_view> kGeneratedNames = {"Args", "Channel", "Clock", "Consumer", "Disruptor", "Event",
    "Forwarder", "Handler", "MultiProducerRing", "PollingThread", "ProducerNode", "ProducerSettings", "Report", "Ring",
    "Row", "RunOptions", "SingleProducerRing", "WorkerPool", "argc", "argv", "busyFor", "checksumOf", "core", "main",
    "options", "parseNumber", "parseOptions", "report", "ringflow", "status", "std"};

/// What the design uses; `design` has its channels, and is left with only those a stage filters on.
Features featuresOf(Design &design)
{
    const Plan &plan = design.plan;
    Features features;
    for (const ProducerPlan &producer : plan.producers) {
        features.rate = features.rate || liveValue(producer.live, "rate") > 0;
        features.payloadBytes = std::max(features.payloadBytes, producer.payloadBytes);
        features.tryPublish = features.tryPublish || producer.tryPublish;
        if (!producer.completionChannel.empty()) {
            features.completions = true;
            features.payloadBytes = std::max<std::int64_t>(features.payloadBytes, sizeof(std::uint64_t));
        }
    }
    for (const ConsumerPlan &consumer : plan.consumers) {
        features.busy = features.busy || design.runs(consumer, WorkloadStep::Busy);
        features.sleep = features.sleep || design.runs(consumer, WorkloadStep::Sleep);
        features.checksum = features.checksum || design.runs(consumer, WorkloadStep::Checksum);
        features.fail = features.fail || design.runs(consumer, WorkloadStep::Fail);
        features.batchHandling = features.batchHandling || consumer.batchHandling;
        features.async = features.async || consumer.async;
        features.polled = features.polled || consumer.polled;
        features.rewinds
            = features.rewinds || (consumer.rewindRetries > 0 && design.runs(consumer, WorkloadStep::Fail));
        features.haltStage = features.haltStage || consumer.policy == core::ExceptionPolicy::HaltStage;
        features.channels = features.channels || (!consumer.channelFilter.empty() && design.handlesEvents(consumer));
        features.pools = features.pools || consumer.sharesEvents;
        for (const std::string &upstream : consumer.upstream)
            features.afterPool = features.afterPool || plan.findConsumer(upstream)->sharesEvents;
        if (const RingPlan *target = plan.findRing(consumer.forwardTo)) {
            features.forwarding = true;
            (target->multiProducer ? features.forwardIntoMulti : features.forwardIntoSingle) = true;
        }
    }
    if (!features.channels)
        design.channels.clear();
    return features;
}

std::string stepWords(const ConsumerPlan &consumer, WorkloadStep step, bool payload)
{
    switch (step) {
    case WorkloadStep::Count:
        return "count the event";
    case WorkloadStep::Latency:
        return "count the event (the designer measures its latency)";
    case WorkloadStep::Busy:
        return "keep the CPU busy for " + std::to_string(std::llround(liveValue(consumer.live, "cost"))) + " ns";
    case WorkloadStep::Sleep:
        return "sleep " + std::to_string(std::llround(liveValue(consumer.live, "sleep"))) + " µs (stands in for I/O)";
    case WorkloadStep::Checksum:
        return payload ? "checksum the payload" : "checksum the event's value (the design has no payload)";
    case WorkloadStep::Fail: {
        std::ostringstream percent;
        percent << consumer.workload.failProbability * 100;
        return "fail on " + percent.str() + "% of the events";
    }
    }
    return {};
}

/// The words of `text` split at spaces, except in quotes: a quoted id stays whole and exact.
std::vector<std::string> commentWords(std::string_view text)
{
    std::vector<std::string> words(1);
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' && !quoted) {
            if (!words.back().empty())
                words.emplace_back();
            continue;
        }
        words.back() += text[i];
        if (text[i] == '\\' && i + 1 < text.size())
            words.back() += text[++i]; // an escaped quote or backslash
        else if (text[i] == '"')
            quoted = !quoted;
    }
    return words;
}

} // namespace

std::vector<std::string> Design::acceptedChannels(const ConsumerPlan &consumer) const
{
    std::vector<std::string> accepted;
    for (const auto &[channel, enumerator] : channels) {
        if (consumer.channelFilter.empty() || channel == consumer.channelFilter
            || (consumer.prefixFilter && channel.starts_with(consumer.channelFilter)))
            accepted.push_back(enumerator);
    }
    return accepted;
}

bool hasStep(const ConsumerPlan &consumer, WorkloadStep step)
{
    const std::vector<WorkloadStep> &steps = consumer.workload.steps;
    return std::find(steps.begin(), steps.end(), step) != steps.end();
}

bool Design::handlesEvents(const ConsumerPlan &consumer) const
{
    return consumer.channelFilter.empty() || !acceptedChannels(consumer).empty();
}

std::string Design::workloadWords(const ConsumerPlan &consumer) const
{
    std::string words;
    for (WorkloadStep step : consumer.workload.steps)
        words += (words.empty() ? "" : ", then ") + stepWords(consumer, step, features.payloadBytes > 0);
    return words;
}

Design makeDesign(const Plan &plan, std::string_view projectName)
{
    Design design {plan, plan.name.empty() ? std::string(projectName) : plan.name, {}, {}, {}, {}};
    CppNames names(kGeneratedNames);
    // The consumers first: they are the classes a user reads and edits, so they get the plain names.
    for (const ConsumerPlan &consumer : plan.consumers)
        design.nodes.emplace(consumer.id, names.add(consumer.id, consumer.kind));
    for (const RingPlan &ring : plan.rings)
        design.nodes.emplace(ring.id, CppName {{}, names.addVariable(ring.id, "ring")});
    for (const ProducerPlan &producer : plan.producers)
        design.nodes.emplace(producer.id, CppName {{}, names.addVariable(producer.id, producer.kind)});
    for (const RingPlan &ring : plan.rings)
        design.ringTotals.emplace(ring.id, names.addVariable(ring.id + " events", "ring"));
    CppNames channelNames;
    for (const ProducerPlan &producer : plan.producers) {
        std::vector<std::string> channels {producer.channel};
        if (!producer.completionChannel.empty())
            channels.push_back(producer.completionChannel);
        for (const std::string &channel : channels)
            if (!design.channels.contains(channel))
                design.channels.emplace(channel, channelNames.add(channel, "channel").type);
    }
    design.features = featuresOf(design);
    return design;
}

std::string headerComment(const Design &design, std::string_view what)
{
    return comment(std::string(what) + " Generated by ringflow-export from " + cppStringLiteral(design.title) + ".")
        + "#pragma once\n\n";
}

std::string includes(const std::vector<std::string_view> &headers)
{
    std::string text;
    for (std::string_view header : headers)
        text += "#include " + std::string(header) + "\n";
    return text.empty() ? text : text + "\n";
}

std::string comment(std::string_view text, int indent, std::string_view marker)
{
    constexpr std::size_t kWidth = 100;
    const std::string margin = std::string(static_cast<std::size_t>(indent), ' ') + std::string(marker);
    std::string lines;
    std::string line = margin;
    for (const std::string &word : commentWords(text)) {
        if (word.empty())
            continue;
        if (line.size() + 1 + word.size() > kWidth && line.size() > margin.size()) {
            lines += line + "\n";
            line = margin;
        }
        line += " " + word;
    }
    return lines + line + "\n";
}

} // namespace codegen

namespace {

std::string cmakeLists(const codegen::Design &design, const std::string &target)
{
    return codegen::comment(
               cppStringLiteral(design.title) + " as a program of its own, generated by ringflow-export.", 0, "#")
        + "cmake_minimum_required(VERSION 3.25)\n"
          "project("
        + target
        + " LANGUAGES CXX)\n\n"
          "set(CMAKE_CXX_STANDARD 20)\n"
          "set(CMAKE_CXX_STANDARD_REQUIRED ON)\n"
          "set(CMAKE_CXX_EXTENSIONS OFF)\n"
          "if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)\n"
          "    set(CMAKE_BUILD_TYPE Release CACHE STRING \"Build type\" FORCE)\n"
          "endif()\n\n"
          "find_package(Ringflow " RINGFLOW_API_VERSION " REQUIRED)\n\n"
          "add_executable("
        + target
        + " main.cpp)\n"
          "target_link_libraries("
        + target + " PRIVATE Ringflow::core)\n";
}

} // namespace

GeneratedProject generateProject(const PipelineSpec &spec, std::string_view projectName)
{
    CompileResult compiled = compile(spec);
    GeneratedProject project {std::move(compiled.problems), {}};
    if (!compiled.plan)
        return project;
    const std::string target = cmakeTargetName(projectName);
    const codegen::Design design = codegen::makeDesign(*compiled.plan, target);
    project.files = {
        {"CMakeLists.txt", cmakeLists(design, target)},
        {"main.cpp", codegen::mainSource(design)},
        {"handlers.h", codegen::handlersHeader(design)},
        {"event.h", codegen::eventHeader(design)},
        {"consumer.h", codegen::consumerHeader(design)},
        {"producer.h", codegen::producerHeader(design)},
        {"run.h", codegen::runHeader(design)},
    };
    if (std::string workloads = codegen::workloadsHeader(design); !workloads.empty())
        project.files.push_back({"workloads.h", std::move(workloads)});
    if (std::string polling = codegen::pollingHeader(design); !polling.empty())
        project.files.push_back({"polling.h", std::move(polling)});
    return project;
}

std::string writeProject(const GeneratedProject &project, const std::filesystem::path &folder)
{
    std::error_code error;
    if (std::filesystem::exists(folder, error) && !std::filesystem::is_empty(folder, error))
        return folder.string() + ": the folder is not empty; export into a new one (nothing is overwritten)";
    std::filesystem::create_directories(folder, error);
    if (error)
        return folder.string() + ": " + error.message();
    for (const GeneratedFile &file : project.files) {
        const std::filesystem::path path = folder / file.path;
        std::ofstream out(path, std::ios::binary);
        if (!out.write(file.text.data(), static_cast<std::streamsize>(file.text.size())) || !out.flush())
            return path.string() + ": could not be written";
    }
    return {};
}

} // namespace ringflow::pipeline
