#pragma once

#include "latency_histogram.h"
#include "pipeline/kind_registry.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// Cumulative counts of one node at one instant, read without locks from the running pipeline.
struct NodeSample {
    std::string id;
    NodeRole role = NodeRole::Consumer;
    std::string ring;
    std::uint64_t count = 0; ///< producer: published; consumer: processed
    std::uint64_t handled = 0; ///< consumer: matched its channel filter
    std::uint64_t errors = 0;
    std::uint64_t forwarded = 0;
    std::uint64_t busyNs = 0; ///< summed over the node's threads
    int threads = 1;
    std::int64_t backlog = 0; ///< consumer: published on its ring but not yet processed by it
    HistogramCounts latency; ///< consumer: publish-to-handle of sampled events, cumulative
};

struct RingSample {
    std::string id;
    std::int64_t slots = 0;
    std::int64_t cursor = -1;
    std::int64_t fill = 0; ///< claimed slots not yet released by the slowest consumer
};

/// One lock-free reading of a running pipeline.
struct Sample {
    std::int64_t timeNs = 0; ///< steady clock
    std::vector<NodeSample> nodes;
    std::vector<RingSample> rings;
};

/// Figures of one node between two samples (or over a whole run).
struct NodeRates {
    std::string id;
    NodeRole role = NodeRole::Consumer;
    std::uint64_t total = 0;
    double eventsPerSecond = 0;
    std::int64_t backlog = 0;
    double busyFraction = 0; ///< 0..1 per thread
    std::uint64_t errors = 0;
    std::uint64_t p50Ns = 0, p90Ns = 0, p99Ns = 0, p999Ns = 0, maxNs = 0;
};

struct RingRates {
    std::string id;
    double fillFraction = 0;
};

struct Frame {
    double seconds = 0; ///< since the sampler's first sample
    std::vector<NodeRates> nodes;
    std::vector<RingRates> rings;
};

/// Turns successive samples into rates, busy fractions and windowed latency percentiles.
/// Used from one thread (the designer's timer, the runner's progress line).
class MetricsSampler {
public:
    /// The figures since the previous call (the first call returns zero rates).
    Frame update(const Sample &sample);

private:
    Sample m_previous;
    std::int64_t m_firstNs = 0;
    bool m_hasPrevious = false;
};

/// Figures of one node between two cumulative samples.
NodeRates ratesBetween(const NodeSample &earlier, const NodeSample &later, double seconds);

} // namespace ringflow::pipeline
