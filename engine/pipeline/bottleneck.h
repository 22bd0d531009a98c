#pragma once

#include "metrics.h"
#include "plan.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ringflow::pipeline {

/// The consumer that limits a running pipeline, as findBottleneck() judges it.
struct Bottleneck {
    std::string id; ///< a consumer of the plan
    std::string reason; ///< one user-facing sentence with the figures that gave it away
    double busyFraction = 0; ///< 0..1 per thread, as in the frame
    std::int64_t backlog = 0; ///< as in the frame: published on its ring, not yet processed by it
    double score = 0; ///< 0..1; see findBottleneck()
};

/// Below this score no consumer is saturated and nothing is reported.
inline constexpr double kBottleneckThreshold = 0.5;
/// A ring at least this full is full for practical purposes: its publishers are waiting.
inline constexpr double kFullRingFraction = 0.9;

/// The saturated consumer of `frame`, if any. The rule:
///
/// - A consumer's own backlog is its backlog minus the largest backlog of the consumers its
///   barrier waits on (ConsumerPlan::upstream): a stage behind a slow one inherits that one's
///   backlog without being slow itself, so raw backlogs would blame every stage after the culprit.
/// - Its score is max(busyFraction, own backlog / its ring's slots), from 0 to 1: a stage is
///   saturated when it never rests, or when events pile up in front of it.
/// - A consumer that forwards into a ring at least kFullRingFraction full is no candidate: it is
///   waiting to publish (which counts as handler time), and the cause lies downstream.
/// - Nothing is reported while the pipeline is idle (no node moves events and no consumer has a
///   backlog) or when the best score is below kBottleneckThreshold.
/// - Ties go to the higher busy fraction, then the larger own backlog, then the consumer that
///   comes first in the plan, so the same frame always names the same stage.
std::optional<Bottleneck> findBottleneck(const Frame &frame, const Plan &plan);

} // namespace ringflow::pipeline
