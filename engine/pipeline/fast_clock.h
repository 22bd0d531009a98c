#pragma once

#include <chrono>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace ringflow::pipeline {

/// Steady-clock nanoseconds, read for a fraction of what std::chrono::steady_clock costs.
///
/// The runtime reads the clock twice per batch of every stage (busy time) and for every sampled
/// event (latency); through the vDSO that is about 20 ns a read, as much as a count stage spends on
/// a whole event. Where the kernel itself keeps time with the time-stamp counter (its clocksource
/// is "tsc": constant, invariant, synchronised across cores), this reads the counter directly and
/// scales it with a rate measured once against steady_clock, so its readings are steady-clock
/// nanoseconds that any thread can compare with any other's. Elsewhere it is steady_clock.
class FastClock {
public:
    static std::int64_t nowNs() noexcept
    {
        const Calibration &calibration = calibrated();
#if defined(__x86_64__) || defined(__i386__)
        if (calibration.useCounter)
            return calibration.baseNs
                + static_cast<std::int64_t>(
                    static_cast<double>(__rdtsc() - calibration.baseTicks) * calibration.nsPerTick);
#endif
        return steadyNs();
    }

    /// True when readings come from the time-stamp counter.
    static bool usesCounter() noexcept
    {
        return calibrated().useCounter;
    }

    static std::int64_t steadyNs() noexcept
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

private:
    struct Calibration {
        bool useCounter = false;
        std::uint64_t baseTicks = 0;
        std::int64_t baseNs = 0;
        double nsPerTick = 0;
    };
    static const Calibration &calibrated() noexcept;
};

} // namespace ringflow::pipeline
