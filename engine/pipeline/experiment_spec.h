#pragma once

#include <string>
#include <vector>

namespace ringflow::pipeline {

/// One swept parameter of a saved experiment, kept as the user wrote it: it is checked against the
/// pipeline (parseSweepAxis()) when the experiment runs, so an edit of the pipeline never makes the
/// file unreadable.
struct ExperimentAxisText {
    std::string param; ///< NODE.PARAM, e.g. "stage.cost"
    std::string values; ///< as --sweep takes them after the '=', e.g. "0..400+100" or "1,2,4"

    std::string sweepText() const { return param + "=" + values; } ///< what --sweep takes
    bool operator==(const ExperimentAxisText &) const = default;
};

/// An experiment saved with its pipeline (docs/experiments.md), so that it can be run again: one or
/// two axes, the runs per point and each run's length.
struct ExperimentSpec {
    std::string name;
    std::vector<ExperimentAxisText> axes;
    int repeat = 3;
    double durationSeconds = 0; ///< each run's limit besides the producers' own; 0: none
    bool operator==(const ExperimentSpec &) const = default;
};

/// The most axes an experiment sweeps: a third would make more points than anyone reads.
inline constexpr std::size_t kMaxExperimentAxes = 2;
/// The most runs per point a saved experiment asks for.
inline constexpr int kMaxExperimentRepeat = 100;

} // namespace ringflow::pipeline
