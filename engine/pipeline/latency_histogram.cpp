#include "latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace ringflow::pipeline {

int HistogramCounts::indexOf(std::uint64_t value) noexcept
{
    if (value < kSubBuckets)
        return static_cast<int>(value);
    const int exponent = std::bit_width(value) - 1; // >= kSubBucketBits
    const int shift = exponent - kSubBucketBits;
    const auto sub = static_cast<int>((value >> shift) & (kSubBuckets - 1));
    return (shift + 1) * kSubBuckets + sub;
}

std::uint64_t HistogramCounts::valueAt(int index) noexcept
{
    if (index < kSubBuckets)
        return static_cast<std::uint64_t>(index);
    const int shift = index / kSubBuckets - 1;
    const auto sub = static_cast<std::uint64_t>(index % kSubBuckets);
    const std::uint64_t low = (kSubBuckets + sub) << shift;
    const std::uint64_t width = std::uint64_t {1} << shift;
    return low + width / 2;
}

std::uint64_t HistogramCounts::percentile(double quantile) const noexcept
{
    if (total == 0)
        return 0;
    const auto rank
        = static_cast<std::uint64_t>(std::ceil(std::clamp(quantile, 0.0, 1.0) * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
        seen += counts[static_cast<std::size_t>(i)];
        if (seen >= std::max<std::uint64_t>(rank, 1))
            return std::min(valueAt(i), max);
    }
    return max;
}

HistogramCounts HistogramCounts::since(const HistogramCounts &earlier) const noexcept
{
    HistogramCounts delta;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        delta.counts[i] = counts[i] - std::min(counts[i], earlier.counts[i]);
        if (delta.counts[i] != 0)
            delta.max = valueAt(static_cast<int>(i));
    }
    delta.total = total - std::min(total, earlier.total);
    delta.max = std::min(delta.max, max);
    return delta;
}

void HistogramCounts::merge(const HistogramCounts &other) noexcept
{
    for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i] += other.counts[i];
    total += other.total;
    max = std::max(max, other.max);
}

LatencyHistogram::LatencyHistogram()
    : m_buckets(std::make_unique<std::atomic<std::uint64_t>[]>(HistogramCounts::kBuckets))
{
}

HistogramCounts LatencyHistogram::snapshot() const noexcept
{
    HistogramCounts copy;
    std::uint64_t sum = 0;
    for (int i = 0; i < HistogramCounts::kBuckets; ++i) {
        copy.counts[static_cast<std::size_t>(i)] = m_buckets[i].load(std::memory_order_relaxed);
        sum += copy.counts[static_cast<std::size_t>(i)];
    }
    // The buckets were read one by one while the writer went on: the total is their sum, so that
    // percentiles stay consistent with the counts actually copied.
    copy.total = sum;
    copy.max = m_max.load(std::memory_order_relaxed);
    return copy;
}

} // namespace ringflow::pipeline
