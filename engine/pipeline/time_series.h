#pragma once

#include "metrics.h"
#include "plan.h"

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// The frames of a run, oldest first, bounded: once full, each new frame drops the oldest, so a
/// run of any length holds the same memory. The designer keeps one per run for the CSV export.
class TimeSeries {
public:
    /// One hour at the designer's default 10 frames per second.
    static constexpr std::size_t kDefaultCapacity = 36000;

    explicit TimeSeries(std::size_t capacity = kDefaultCapacity);

    /// Empties the series for a new run of `plan`, whose nodes and rings name the frames' figures.
    void restart(const Plan &plan);
    void append(Frame frame);
    void clear();
    const std::deque<Frame> &frames() const { return m_frames; }
    std::size_t capacity() const { return m_capacity; }
    /// Frames dropped from the front since the last clear().
    std::size_t dropped() const { return m_dropped; }

    /// One row per series and frame ("tidy" CSV that spreadsheets and data frames load as is):
    /// seconds,series,role,events_per_second,backlog,busy_fraction,p50_ns,p90_ns,p99_ns,p999_ns,max_ns,fill_fraction
    /// role is "producer", "consumer" or "ring"; columns that do not apply to a role are empty.
    std::string toCsv() const;

private:
    struct SeriesName {
        std::string id;
        NodeRole role;
    };
    std::vector<SeriesName> m_nodes; ///< in plan order, as the frames list the figures
    std::vector<std::string> m_rings;
    std::deque<Frame> m_frames;
    std::size_t m_capacity;
    std::size_t m_dropped = 0;
};

} // namespace ringflow::pipeline
