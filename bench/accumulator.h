#pragma once

#include "core/sequence.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ringflow::bench {

/// The work every consumer does per event, on both sides: add the value to a running total that is
/// checked after the run, so no compiler can drop the work and a lost or duplicated event shows.
/// Padded because consumers' totals that shared a cache line would slow down whichever side
/// happened to allocate them next to each other.
struct alignas(core::kFalseSharingRange) Accumulator {
    std::int64_t sum = 0;
    std::int64_t count = 0;

    void add(std::int64_t value) noexcept
    {
        sum += value;
        ++count;
    }
};

/// 0 + 1 + ... + (count - 1): the total of a consumer that saw each value of 0..count-1 once.
constexpr std::int64_t sumBelow(std::int64_t count) noexcept
{
    return count * (count - 1) / 2;
}

/// Appends a description to `failure` unless `total` saw exactly `count` events that add up to `sum`.
inline void expectTotal(
    std::string &failure, std::string_view consumer, const Accumulator &total, std::int64_t count, std::int64_t sum)
{
    if (total.count == count && total.sum == sum)
        return;
    if (!failure.empty())
        failure += "; ";
    failure += std::string(consumer) + " saw " + std::to_string(total.count) + " events summing to "
        + std::to_string(total.sum) + ", expected " + std::to_string(count) + " summing to " + std::to_string(sum);
}

} // namespace ringflow::bench
