#pragma once

#include "plan.h"
#include "ring_side.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// The channels of the producers' events, numbered in order of first use: each producer's own
/// channel and, when it sends completion events, their channel.
struct ProducerChannels {
    std::vector<std::string> names;
    std::vector<std::uint32_t> events; ///< per producer
    std::vector<std::optional<std::uint32_t>> completions; ///< per producer

    explicit ProducerChannels(const Plan &plan);

private:
    std::uint32_t idOf(const std::string &name);
};

/// The channels and payload sizes each ring's events can carry: its producers', and what the
/// consumers forwarding into it read from their own rings.
struct RingContents {
    std::vector<std::set<std::uint32_t>> channels; ///< per ring
    std::vector<std::set<std::uint32_t>> payloadSizes; ///< per ring
};

/// What the rings of `plan` carry. Rings come in data-flow order, so a forwarder's source ring is
/// known before its target.
RingContents contentsOf(const Plan &plan, const ProducerChannels &producerChannels);

/// The shape of the RingSide of `ring`, carrying `channels` and `payloadSizes`: a value per slot only
/// where more than one is possible.
RingSide::Shape shapeOf(const RingPlan &ring, const std::set<std::uint32_t> &channels,
    const std::set<std::uint32_t> &payloadSizes, bool instrumented);

} // namespace ringflow::pipeline
