#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace ringflow::bench {

/// The median of the repetitions of a figure; 0 when there are none.
inline double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

/// The nearest-rank percentile of `values` (`fraction` 0.5 for p50, 1 for the maximum); 0 when empty.
inline double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

/// A figure over the repetitions: the median, to report, and the extremes, to show the noise.
struct Spread {
    double median = 0;
    double lowest = 0;
    double highest = 0;
};

inline Spread spread(const std::vector<double> &values)
{
    if (values.empty())
        return {};
    const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
    return {median(values), *lowest, *highest};
}

/// `value` to `decimals` places, for JSON output. Dividing by a power of ten (rather than
/// multiplying by 0.01) gives the double nearest the rounded decimal, which the JSON writer then
/// prints as 7.02 instead of 7.0200000000000005.
inline double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace ringflow::bench
