#pragma once

#include "event_handler.h"

#include <utility>

namespace ringflow::core {

/// A handler together with its stage settings, accepted wherever the builder takes a handler:
/// `disruptor.handleEventsWith(configure(journal, {.name = "journal", .maxBatchSize = 64}))`.
template <typename H>
struct Configured {
    H &handler;
    StageOptions options;
};

template <typename H>
Configured<H> configure(H &handler, StageOptions options)
{
    return {handler, std::move(options)};
}

} // namespace ringflow::core
