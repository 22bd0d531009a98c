#include "pipeline/kinds.h"

#include "core/wait_strategy.h"
#include "pipeline/workloads.h"

#include <iterator>

namespace ringflow::pipeline {

namespace {

ParamSpec intParamSpec(std::string name, std::string displayName, std::int64_t defaultValue,
    std::optional<double> minimum, std::optional<double> maximum, std::string unit, std::string help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.displayName = std::move(displayName);
    spec.type = ParamType::Int;
    spec.defaultValue = defaultValue;
    spec.minimum = minimum;
    spec.maximum = maximum;
    spec.unit = std::move(unit);
    spec.help = std::move(help);
    return spec;
}

ParamSpec realParamSpec(std::string name, std::string displayName, double defaultValue, std::optional<double> minimum,
    std::optional<double> maximum, std::string unit, std::string help)
{
    ParamSpec spec
        = intParamSpec(std::move(name), std::move(displayName), 0, minimum, maximum, std::move(unit), std::move(help));
    spec.type = ParamType::Real;
    spec.defaultValue = defaultValue;
    return spec;
}

ParamSpec textParamSpec(std::string name, std::string displayName, std::string defaultValue, std::string help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.displayName = std::move(displayName);
    spec.type = ParamType::Text;
    spec.defaultValue = std::move(defaultValue);
    spec.help = std::move(help);
    return spec;
}

ParamSpec choiceParamSpec(std::string name, std::string displayName, std::vector<std::string> choices,
    std::string defaultValue, std::string help)
{
    ParamSpec spec = textParamSpec(std::move(name), std::move(displayName), std::move(defaultValue), std::move(help));
    spec.type = ParamType::Choice;
    spec.choices = std::move(choices);
    return spec;
}

ParamSpec liveTunable(ParamSpec spec)
{
    spec.liveTunable = true;
    return spec;
}

ParamSpec onlyWith(std::string other, ParamSpec spec, std::vector<std::string> values = {})
{
    spec.onlyWith = std::move(other);
    spec.onlyWithValues = std::move(values);
    return spec;
}

std::vector<std::string> workloadNames()
{
    std::vector<std::string> names;
    for (const WorkloadSpec &workload : kWorkloads)
        names.emplace_back(workload.name);
    return names;
}

// "count counts the event ..., busy keeps the CPU busy ...": the workloads as the table describes them.
std::string workloadHelp()
{
    std::string text;
    for (const WorkloadSpec &workload : kWorkloads)
        text += (text.empty() ? "" : "; ") + std::string(workload.name) + " " + std::string(workload.help);
    return text;
}

// The parameters shared by every handler kind, so that they read the same everywhere.
ParamSpec workloadParam()
{
    return choiceParamSpec("workload", "Workload", workloadNames(), "count",
        "What the handler does with each event: " + workloadHelp() + ".");
}

ParamSpec costParam()
{
    return liveTunable(
        intParamSpec("cost", "Cost", 0, 0, 1e9, "ns", "Nanoseconds of busy work per event for the busy workload."));
}

ParamSpec sleepParam()
{
    return liveTunable(intParamSpec("sleep", "Sleep", 10, 0, 1e6, "µs",
        "Microseconds to sleep per event for the sleep workload (stands in for I/O)."));
}

ParamSpec failProbabilityParam()
{
    return realParamSpec("fail_probability", "Fail probability", 0.01, 0, 1, "",
        "Chance from 0 to 1 that the fail workload throws on an event.");
}

ParamSpec exceptionPolicyParam()
{
    return choiceParamSpec("exception_policy", "On exception", {"halt", "continue"}, "halt",
        "What a failing event does: halt stops this stage and halts its whole ring (every stage stops, "
        "producers are released), continue reports it and goes on.");
}

// A stage may also stop alone (the core's ExceptionPolicy::HaltStage).
ParamSpec stageExceptionPolicyParam()
{
    ParamSpec spec = exceptionPolicyParam();
    spec.choices = {"halt", "halt-stage", "continue"};
    spec.help = "What a failure does once any rewinds are used up: halt stops this stage and halts its whole "
                "ring (every stage of the ring stops, its producers are released; other rings run on until the "
                "run is stopped); halt-stage stops this stage only: the ring's other stages go on, the stages "
                "after this one wait for it, and once the ring is full up to it its producers wait until the "
                "run is stopped; continue reports the failure, counts the event (a batch handler: the batch) "
                "as done and goes on.";
    return spec;
}

// How a stage runs its handler and takes its events.
std::vector<ParamSpec> stageHandlingParams()
{
    return {
        choiceParamSpec("handling", "Handling", {"event", "batch", "async"}, "event",
            "Whether the handler is called once per event, once per available batch on the stage's thread, or "
            "once per batch as a task on a pool of threads (async): the stage's sequence then advances only "
            "when the batch's task has completed, one batch at a time."),
        onlyWith("handling",
            intParamSpec("async_threads", "Async threads", 1, 1, 64, "threads",
                "Threads this stage adds to its ring's async pool, which the ring's async stages share. One "
                "stage runs one batch at a time, so more threads let several async stages run at once."),
            {"async"}),
        onlyWith("handling",
            choiceParamSpec("consume", "Consume", {"thread", "poll"}, "thread",
                "With thread, a processor thread of its own waits for events; with poll, the stage is an event "
                "poller, polled by a loop on a thread the run starts for it, which waits in the ring's wait strategy "
                "when nothing is available."),
            {"event"}),
    };
}

std::vector<ParamSpec> rewindParams()
{
    return {
        intParamSpec("rewind_retries", "Rewind retries", 0, 0, 1000000, "retries",
            "How often a batch whose handler asks for a rewind (throws core::RewindableException) is "
            "delivered again, whole, before the exception policy applies (a polled stage's from the failing "
            "event: the events before it are done); 0 never rewinds. With retries, the fail workload asks "
            "for a rewind instead of failing at once."),
        onlyWith("rewind_retries",
            intParamSpec("rewind_backoff", "Rewind back-off", 0, 0, 1000000, "µs",
                "Microseconds to wait before each re-delivery of a rewound batch.")),
    };
}

// Every handler kind has the same three ports. Which consumers they chain to is added by the
// registry for every kind whose role is Consumer; the rest follows from its symmetric closure.
std::vector<PortSpec> consumerPorts()
{
    PortSpec in {"in", PortDirection::In,
        "Events arrive here: from a ring's out, or after the consumers wired into it on the same ring.",
        {{"ring", "out"}}, true};
    PortSpec out {
        "out", PortDirection::Out, "Consumers wired here see each event only after this one has handled it.", {}, true};
    PortSpec forward {
        "forward", PortDirection::Out, "Publishes each handled event into another ring.", {{"ring", "in"}}, false};
    return {in, out, forward};
}

KindSpec producerKind()
{
    KindSpec kind {.name = "producer",
        .displayName = "Producer",
        .category = KindCategory::Sources,
        .help = "Threads that publish events into a ring, as fast as possible or at a target rate.",
        .role = NodeRole::Producer,
        .threadsParam = "threads"};
    kind.ports = {{"out", PortDirection::Out, "Publishes the events into a ring.", {{"ring", "in"}}, false}};
    kind.params = {
        intParamSpec("threads", "Threads", 1, 1, 1024, "threads",
            "Publishing threads; each one publishes the full number of events."),
        intParamSpec("events", "Events", 1000000, 0, 1e15, "events", "Events each thread publishes; 0 means no limit."),
        realParamSpec("duration", "Duration", 0.0, 0, 1e6, "s",
            "Seconds each thread publishes for; 0 means no limit. With both limits set, the first one "
            "reached ends the thread."),
        intParamSpec("batch", "Batch size", 1, 1, 65536, "events",
            "Events claimed and published together; 1 publishes them one at a time."),
        liveTunable(realParamSpec("rate", "Rate", 0.0, 0, 1e9, "events/s",
            "Target events per second for each thread; 0 means as fast as possible.")),
        intParamSpec("payload", "Payload", 64, 0, 65536, "bytes",
            "Bytes of payload written into each event; must fit the ring's payload capacity."),
        textParamSpec("channel", "Channel", "events", "Channel name carried by every event; stages can filter on it."),
        choiceParamSpec("publish", "Publish", {"block", "try"}, "block",
            "What a thread does when the ring has no free slot: block waits for one; try drops the event (or "
            "the whole batch) at once and counts it as dropped. Dropped events count toward the events, the "
            "rate and the duration as if they had been published."),
        textParamSpec("completion_channel", "Completions", "",
            "When set, every thread publishes one last event on this channel after its last event (events "
            "done, duration over or run stopped); its payload holds the number of events the thread "
            "published, as an unsigned 64-bit integer. Empty sends none."),
    };
    return kind;
}

KindSpec ringKind()
{
    KindSpec kind {.name = "ring",
        .displayName = "Ring buffer",
        .category = KindCategory::Buffers,
        .help = "A pre-allocated ring of event slots that producers fill and consumers read in order.",
        .role = NodeRole::Ring};
    kind.ports = {
        {"in", PortDirection::In, "Producers and forwarding stages publish into the ring here.", {}, true},
        {"out", PortDirection::Out, "Consumers wired here read every event of the ring.", {}, true},
    };
    ParamSpec slots = intParamSpec("slots", "Slots", 1024, 1, 16777216, "slots",
        "Number of event slots; a power of two. Producers wait when all are in use.");
    slots.powerOfTwo = true;
    std::vector<std::string> waitStrategies(std::begin(core::kWaitStrategyNames), std::end(core::kWaitStrategyNames));
    kind.params = {
        slots,
        intParamSpec("payload_capacity", "Payload capacity", 1024, 0, 65536, "bytes",
            "Bytes of payload each slot can hold; every producer's payload must fit."),
        choiceParamSpec("producer_mode", "Producer mode", {"auto", "single", "multi"}, "auto",
            "Claiming scheme: single is faster but allows only one publishing thread; auto picks single "
            "when exactly one thread publishes."),
        choiceParamSpec("wait_strategy", "Wait strategy", waitStrategies, "phased-backoff",
            "How consumers wait for events: spinning is fastest, blocking saves the CPU, phased-backoff "
            "spins, then yields, then blocks."),
    };
    return kind;
}

KindSpec stageKind()
{
    KindSpec kind {.name = "stage",
        .displayName = "Stage",
        .category = KindCategory::Handlers,
        .help = "Handles every event of its ring, after the consumers wired into it: on a thread of its own, "
                "as tasks on a pool (async) or polled (poll).",
        .role = NodeRole::Consumer,
        .workloadParam = "workload",
        .ports = consumerPorts()};
    kind.params = {
        workloadParam(),
        costParam(),
        sleepParam(),
        failProbabilityParam(),
    };
    for (ParamSpec &param : stageHandlingParams())
        kind.params.push_back(std::move(param));
    kind.params.push_back(intParamSpec("max_batch", "Maximum batch", 0, 0, 16777216, "events",
        "Largest batch handled before the stage reports progress; 0 means unlimited."));
    kind.params.push_back(textParamSpec(
        "channel_filter", "Channel filter", "", "Handle only events of this channel; empty handles every event."));
    kind.params.push_back(onlyWith("channel_filter",
        choiceParamSpec("filter_mode", "Filter mode", {"exact", "prefix"}, "exact",
            "Whether the channel must equal the filter or only start with it.")));
    for (ParamSpec &param : rewindParams())
        kind.params.push_back(std::move(param));
    kind.params.push_back(stageExceptionPolicyParam());
    return kind;
}

KindSpec workerPoolKind()
{
    KindSpec kind {.name = "worker-pool",
        .displayName = "Worker pool",
        .category = KindCategory::Handlers,
        .help = "Several threads that share the events of their ring: each event is handled by one worker.",
        .role = NodeRole::Consumer,
        .threadsParam = "workers",
        .workloadParam = "workload",
        .sharesEvents = true,
        .ports = consumerPorts()};
    kind.params = {
        intParamSpec("workers", "Workers", 2, 1, 64, "threads", "Worker threads sharing the events."),
        workloadParam(),
        costParam(),
        sleepParam(),
        failProbabilityParam(),
        exceptionPolicyParam(),
    };
    return kind;
}

KindSpec aggregateKind()
{
    KindSpec kind {.name = "aggregate",
        .displayName = "Aggregate",
        .category = KindCategory::Handlers,
        .help = "Several workloads run one after the other on one thread for each event.",
        .role = NodeRole::Consumer,
        .workloadParam = "workloads",
        .ports = consumerPorts()};
    ParamSpec workloads = textParamSpec("workloads", "Workloads", "checksum,latency",
        "Comma-separated workloads run in order on each event, e.g. "
        "\"checksum,busy,latency\".");
    workloads.commaList = true;
    workloads.choices = workloadNames();
    kind.params = {workloads, costParam(), sleepParam(), failProbabilityParam(), exceptionPolicyParam()};
    return kind;
}

} // namespace

std::vector<KindSpec> builtInKinds()
{
    return {producerKind(), ringKind(), stageKind(), workerPoolKind(), aggregateKind()};
}

} // namespace ringflow::pipeline
