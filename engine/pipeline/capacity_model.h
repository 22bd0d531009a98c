#pragma once

#include "pipeline/kind_registry.h"
#include "pipeline/plan.h"

#include <string>
#include <vector>

namespace ringflow::pipeline {

/// The machine's costs the capacity model builds on, measured by calibrateCapacity()
/// (capacity_calibration.h). Every figure is in nanoseconds of one thread's time.
struct CapacityConstants {
    double consumerEventNs = 10; ///< the runtime's cost per event a consumer thread sees (a count stage)
    double publishEventNs = 40; ///< a producer thread's cost per event at batch 1
    double publishBatchedNs = 5; ///< a producer thread's cost per event at large batches
    double checksumNsPerByte = 1; ///< the checksum workload, per payload byte
    double sleepOvershootNs = 60000; ///< what a sleep takes beyond what it asked for
    bool operator==(const CapacityConstants &) const = default;

    /// A producer thread's cost per event when it claims `batch` events at a time: the claim's share
    /// (publishEventNs - publishBatchedNs) is paid once per batch.
    double publishNs(std::int64_t batch) const;
};

/// What the model predicts for one node.
struct NodePrediction {
    std::string id;
    NodeRole role = NodeRole::Consumer;
    /// Consumer: one thread's time per event its workload runs on (as NodeFigures::serviceNs);
    /// producer: one thread's time per event published.
    double serviceNs = 0;
    /// Events/s the node can move at most: a consumer's of its ring's events (all its threads), a
    /// producer's published (all its threads, at most its rate when paced).
    double ceiling = 0;
    /// Events/s the node moves at the predicted pipeline throughput (as NodeFigures::eventsPerSecond).
    double eventsPerSecond = 0;
    double cpuCores = 0; ///< the cores its threads keep busy at that throughput
};

/// The pipeline's predicted capacity: its throughput, which node limits it and why.
struct CapacityPrediction {
    std::vector<NodePrediction> nodes; ///< in plan order (the producers, then the consumers)
    double eventsPerSecond = 0; ///< events published per second, all producers together
    std::string limit; ///< the id of the limiting node
    std::string reason; ///< one sentence: why that node limits the pipeline
    bool coreBound = false; ///< the threads need more cores than the machine has
    double cpuCores = 0; ///< the cores all threads need at the predicted throughput (before sharing)
    double coreShare = 1; ///< the share of a core a busy thread was taken to get
};

/// The least share of a core predictCapacity() takes a thread to get.
inline constexpr double kMinCoreShare = 0.05;

/// Predicts each node's service time and ceiling and the pipeline's throughput for `plan` on a
/// machine with `cores` cores whose costs are `constants`, where a busy thread gets `coreShare` of
/// a core (1 on an idle machine; less when other processes compete: measureCoreShare()), which
/// stretches every CPU cost by 1 / coreShare. The model is described, with what it leaves out, in
/// docs/experiments.md.
CapacityPrediction predictCapacity(
    const Plan &plan, const CapacityConstants &constants, int cores, double coreShare = 1.0);

} // namespace ringflow::pipeline
