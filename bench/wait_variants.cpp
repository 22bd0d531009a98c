#include "wait_variants.h"

#include "core/sequence.h"

#include <chrono>
#include <thread>

namespace ringflow::bench {

namespace {

using core::Dependency;
using core::WaitResult;
using core::WaitStatus;

class PhasedBackoffBefore final : public core::WaitStrategy {
public:
    WaitResult waitFor(std::int64_t sequence, const Dependency &dependency, const std::atomic<bool> &alerted) override
    {
        constexpr auto kSpinFor = std::chrono::microseconds(10);
        constexpr auto kYieldFor = std::chrono::microseconds(100);
        const auto start = std::chrono::steady_clock::now();
        for (unsigned i = 0;; ++i) {
            if (alerted.load(std::memory_order_acquire))
                return {0, WaitStatus::Alerted};
            if (const std::int64_t available = dependency.available(sequence); available >= sequence)
                return {available, WaitStatus::Available};
            if ((i & 63) != 63) {
                core::cpuRelax();
                continue;
            }
            const auto waited = std::chrono::steady_clock::now() - start;
            if (waited >= kSpinFor + kYieldFor)
                return m_fallback.waitFor(sequence, dependency, alerted);
            if (waited >= kSpinFor)
                std::this_thread::yield();
        }
    }
    void signalAllWhenBlocking() noexcept override { m_fallback.signalAllWhenBlocking(); }
    std::string_view name() const noexcept override { return kPhasedBackoffBefore; }

private:
    core::BlockingWaitStrategy m_fallback;
};

} // namespace

std::unique_ptr<core::WaitStrategy> makeBenchWaitStrategy(std::string_view name)
{
    if (name == kPhasedBackoffBefore)
        return std::make_unique<PhasedBackoffBefore>();
    return core::makeWaitStrategy(name);
}

} // namespace ringflow::bench
