#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

namespace ringflow::pipeline {

/// Counts of nanosecond values in log-linear buckets: 32 linear sub-buckets per power of two, so
/// a percentile is within about 3% of the true value while the whole range of uint64 fits in
/// 1920 counters.
struct HistogramCounts {
    static constexpr int kSubBucketBits = 5;
    static constexpr int kSubBuckets = 1 << kSubBucketBits;
    static constexpr int kBuckets = (64 - kSubBucketBits + 1) * kSubBuckets;

    std::array<std::uint64_t, kBuckets> counts {};
    std::uint64_t total = 0;
    std::uint64_t max = 0;

    static int indexOf(std::uint64_t value) noexcept;
    /// A representative value (the middle) of bucket `index`.
    static std::uint64_t valueAt(int index) noexcept;

    /// The value below which a fraction `quantile` (0..1) of the counted values lie; 0 if empty.
    std::uint64_t percentile(double quantile) const noexcept;
    /// The counts added since `earlier` (a snapshot of the same histogram taken before).
    HistogramCounts since(const HistogramCounts &earlier) const noexcept;
    void merge(const HistogramCounts &other) noexcept;
};

/// A latency histogram written by exactly one thread and read by any: the writer increments with
/// relaxed load+store (no read-modify-write, no lock), readers take snapshots.
class LatencyHistogram {
public:
    LatencyHistogram();

    void record(std::uint64_t nanoseconds) noexcept
    {
        bump(m_buckets[HistogramCounts::indexOf(nanoseconds)]);
        if (nanoseconds > m_max.load(std::memory_order_relaxed))
            m_max.store(nanoseconds, std::memory_order_relaxed);
    }

    HistogramCounts snapshot() const noexcept;

private:
    static void bump(std::atomic<std::uint64_t> &counter) noexcept
    {
        counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }

    std::unique_ptr<std::atomic<std::uint64_t>[]> m_buckets;
    std::atomic<std::uint64_t> m_max {0};
};

} // namespace ringflow::pipeline
