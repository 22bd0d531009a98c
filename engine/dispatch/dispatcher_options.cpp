#include "dispatcher_options.h"

#include <core/sequencer.h>

#include <stdexcept>

namespace ringflow::dispatch {

std::unique_ptr<core::WaitStrategy> makeWaitStrategyFor(const DispatcherOptions &options)
{
    if (!core::isPowerOfTwo(options.bufferSize))
        throw std::invalid_argument(
            "dispatcher ring size must be a power of two, got " + std::to_string(options.bufferSize));
    if (options.maxBatchSize < 0)
        throw std::invalid_argument("dispatcher maxBatchSize must not be negative");
    auto strategy = core::makeWaitStrategy(options.waitStrategy);
    if (!strategy) {
        std::string known;
        for (const std::string_view name : core::kWaitStrategyNames)
            known += (known.empty() ? "" : ", ") + std::string(name);
        throw std::invalid_argument("unknown wait strategy '" + options.waitStrategy + "' (known: " + known + ")");
    }
    return strategy;
}

} // namespace ringflow::dispatch
