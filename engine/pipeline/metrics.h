#pragma once

#include "latency_histogram.h"

#include <cstdint>
#include <vector>

namespace ringflow::pipeline {

// Every figure of a run (Sample, Frame, RunReport) lists the nodes in plan order, the producers and
// then the consumers (Plan::nodeIndex), and the rings in plan order: readers index them by position
// and take names and roles from the plan.

/// Latency percentiles of a set of sampled events, in nanoseconds; all 0 when there were none.
struct Percentiles {
    std::uint64_t p50Ns = 0;
    std::uint64_t p90Ns = 0;
    std::uint64_t p99Ns = 0;
    std::uint64_t p999Ns = 0;
    std::uint64_t maxNs = 0;
    bool operator==(const Percentiles &) const = default;
};

Percentiles percentilesOf(const HistogramCounts &counts) noexcept;

/// Cumulative counts of one node at one instant, read without locks from the running pipeline.
struct NodeCounts {
    std::uint64_t count = 0; ///< producer: published; consumer: processed
    std::uint64_t dropped = 0; ///< producer publishing with try: events that found the ring full
    std::uint64_t handled = 0; ///< consumer: matched its channel filter
    std::uint64_t errors = 0;
    std::uint64_t forwarded = 0;
    std::uint64_t rewinds = 0; ///< consumer: batches delivered again (a stage's rewind policy)
    std::uint64_t busyNs = 0; ///< summed over the node's threads
    int threads = 1;
    std::int64_t backlog = 0; ///< consumer: published on its ring but not yet processed by it
    HistogramCounts latency; ///< consumer: publish-to-handle of sampled events
    /// Steady-clock ns: a producer's first publish, a consumer's end of its last batch; 0: none yet.
    std::int64_t firstPublishNs = 0;
    std::int64_t lastBatchEndNs = 0;
};

struct RingCounts {
    std::int64_t bufferSize = 0; ///< the ring's size in slots
    std::int64_t cursor = -1;
    std::int64_t fill = 0; ///< claimed slots not yet released by the slowest consumer
};

/// One lock-free reading of a running pipeline.
struct Sample {
    std::int64_t timeNs = 0; ///< steady clock
    std::vector<NodeCounts> nodes;
    std::vector<RingCounts> rings;
};

/// What one node did over an interval: between two samples (a frame) or over a whole run (a report).
struct NodeFigures {
    std::uint64_t count = 0; ///< cumulative at the end: producer published, consumer processed
    std::uint64_t dropped = 0; ///< cumulative, like count: producer publishing with try
    double eventsPerSecond = 0;
    std::int64_t backlog = 0; ///< consumer: at the end
    double busyFraction = 0; ///< 0..1 per thread
    std::uint64_t handled = 0; ///< cumulative, like count
    std::uint64_t errors = 0;
    std::uint64_t forwarded = 0;
    std::uint64_t rewinds = 0; ///< cumulative, like count
    /// Consumer: its threads' busy time over the events its workload ran on in the interval
    /// (handled, or failed), in ns: what one event costs the node, as against how often events
    /// come. A pool's workers each add their own busy time and events. 0 when it ran on none.
    double serviceNs = 0;
    Percentiles latency; ///< of the events sampled during the interval
};

struct RingFigures {
    double fillFraction = 0; ///< 0..1 of the ring's slots
};

struct Frame {
    double seconds = 0; ///< since the sampler's first sample
    std::vector<NodeFigures> nodes;
    std::vector<RingFigures> rings;
};

/// The figures of one node between two cumulative readings `seconds` apart.
NodeFigures figuresBetween(const NodeCounts &earlier, const NodeCounts &later, double seconds);

/// Turns successive samples of one run into frames. Used from one thread (the designer's timer,
/// the runner's progress line).
class MetricsSampler {
public:
    /// The figures since the previous call (the first call returns zero rates).
    Frame update(const Sample &sample);

private:
    Sample m_previous;
    std::int64_t m_firstNs = 0;
    bool m_hasPrevious = false;
};

} // namespace ringflow::pipeline
