#include "poll_until.h"

#include <algorithm>
#include <thread>

namespace ringflow::dispatch {

bool pollUntil(const std::function<bool()> &done, const std::function<bool()> &abandoned, Clock::time_point deadline)
{
    constexpr int kYields = 16;
    constexpr auto kLongestPause = std::chrono::milliseconds(1);
    auto pause = std::chrono::microseconds(20);
    for (int round = 0;; ++round) {
        if (done())
            return true;
        if (abandoned())
            return done();
        const auto now = Clock::now();
        if (now >= deadline)
            return false;
        if (round < kYields) {
            std::this_thread::yield();
            continue;
        }
        std::this_thread::sleep_for(std::min<Clock::duration>({pause, deadline - now}));
        pause = std::min<std::chrono::microseconds>(pause * 2, kLongestPause);
    }
}

} // namespace ringflow::dispatch
