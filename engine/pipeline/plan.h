#pragma once

#include "core/event_handler.h"
#include "pipeline/kind_registry.h"
#include "pipeline/live_controls.h"
#include "pipeline/workloads.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringflow::pipeline {

/// What a simulated handler does per event; the steps run in order (an aggregate has several).
struct WorkloadPlan {
    std::vector<WorkloadStep> steps {WorkloadStep::Count};
    double failProbability = 0; ///< Fail: chance that an event throws
    /// Fail throws core::RewindableException (the stage has rewind retries), not a plain failure.
    bool failRewinds = false;
    bool operator==(const WorkloadPlan &) const = default;
};

struct ProducerPlan {
    std::string id;
    std::string kind; ///< the node's kind, as in files
    std::string ring;
    int threads = 1;
    std::int64_t eventsPerThread = 0; ///< 0: no limit
    double durationSeconds = 0; ///< 0: no limit
    std::int64_t batch = 1;
    std::int64_t payloadBytes = 0;
    std::string channel;
    /// When the ring has no free slot: drop the event (or batch) and count it, instead of waiting.
    bool tryPublish = false;
    /// Empty: none; else every thread's last event, on this channel, carrying its published count.
    std::string completionChannel;
    std::vector<LiveSetting> live; ///< "rate": events/s per thread, 0: as fast as possible
    bool operator==(const ProducerPlan &) const = default;
};

struct ConsumerPlan {
    std::string id;
    std::string kind; ///< the node's kind, as in files ("stage", "worker-pool"...)
    std::string ring;
    /// The consumers whose sequences this one's barrier waits on; empty: the ring's cursor.
    std::vector<std::string> upstream;
    int threads = 1;
    /// True when the threads share the ring's events, each to one of them (a worker pool); false
    /// when one thread handles every event.
    bool sharesEvents = false;
    WorkloadPlan workload;
    /// The handler takes whole batches: `handling` batch or async.
    bool batchHandling = false;
    /// Stages: each batch runs as a task on the ring's async pool (core::AsyncBatchProcessor),
    /// which this stage adds `asyncThreads` threads to.
    bool async = false;
    int asyncThreads = 1;
    /// Stages: consumed through a core::EventPoller that a loop of the run polls (PollLoop),
    /// instead of by a processor thread.
    bool polled = false;
    std::int64_t maxBatch = 0;
    /// Stages: re-deliveries of a batch whose handler threw core::RewindableException, and the
    /// pause before each (core::RewindStrategy); 0 rewinds: never.
    std::int64_t rewindRetries = 0;
    std::int64_t rewindBackOffUs = 0;
    std::string channelFilter; ///< empty: every event
    bool prefixFilter = false;
    core::ExceptionPolicy policy = core::ExceptionPolicy::Halt;
    std::string forwardTo; ///< a ring id, or empty
    std::vector<LiveSetting> live; ///< "cost" (ns of busy work per event), "sleep" (µs per event)
    bool operator==(const ConsumerPlan &) const = default;

    /// The threads the run starts for this consumer: its own (a polled stage's: its poll loop's),
    /// or, for an async stage, those it adds to its ring's async pool.
    int startedThreads() const noexcept { return async ? asyncThreads : threads; }
};

struct RingPlan {
    std::string id;
    std::int64_t bufferSize = 1024; ///< slots; a power of two
    std::int64_t payloadCapacity = 0;
    bool multiProducer = false;
    std::string waitStrategy;
    std::vector<std::string> producers; ///< producer nodes publishing into the ring
    std::vector<std::string> forwarders; ///< consumer nodes of other rings forwarding into it
    std::vector<std::string> gating; ///< consumers at the ends of the chains
    int publishingThreads = 0;
    /// Zero-copy forwarding: the ring (upstream, in data-flow order) whose payload slots this
    /// ring's events point into instead of holding copies; empty: payloads of its own. Set where
    /// one forwarding stage is the ring's only publisher and forwards every event it reads in
    /// order (see sharedPayloadSource() in compiler.cpp); the source ring's producers then also
    /// wait for this ring's gating consumers before they reuse a slot.
    std::string payloadOf;
    bool operator==(const RingPlan &) const = default;
};

/// A pipeline compiled for the runtime: rings in data-flow order (a ring comes after every ring
/// that forwards into it), consumers in dependency order.
struct Plan {
    std::string name;
    std::vector<RingPlan> rings;
    std::vector<ProducerPlan> producers;
    std::vector<ConsumerPlan> consumers;
    /// The run's instrumentation: busy time, the flow window's end and sampled latency (publish
    /// stamps and their reading). Off, a run measures only its counts (processed, handled, forwarded,
    /// errors: the conservation check) and its elapsed time, and its report says so. A setting of the
    /// run, not of the file: the benchmark turns it off to show what the instrumentation costs.
    bool instrumented = true;

    const RingPlan *findRing(const std::string &id) const;
    const ConsumerPlan *findConsumer(const std::string &id) const;
    const ProducerPlan *findProducer(const std::string &id) const;
    int threadCount() const;

    /// The figures of a run (Sample, Frame, RunReport) list the nodes in this order: the producers,
    /// then the consumers, each in the order above; and the rings in the order above.
    std::size_t nodeCount() const noexcept { return producers.size() + consumers.size(); }
    std::size_t consumerIndex(std::size_t consumer) const noexcept { return producers.size() + consumer; }
    const std::string &nodeId(std::size_t index) const;
    NodeRole nodeRole(std::size_t index) const noexcept;
    /// The ring the node publishes into (producer) or reads (consumer).
    const std::string &nodeRing(std::size_t index) const;
    std::optional<std::size_t> nodeIndex(std::string_view id) const noexcept;
    std::optional<std::size_t> ringIndex(std::string_view id) const noexcept;
    /// The plan in words: each ring's sequencer, wait strategy and gating; each consumer's barrier
    /// and threads; what the designer shows as "compiled".
    std::string describe() const;
};

} // namespace ringflow::pipeline
