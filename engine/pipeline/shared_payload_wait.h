#pragma once

#include "core/wait_strategy.h"

#include <memory>
#include <string_view>

namespace ringflow::pipeline {

/// The wait strategy of a ring whose payloads are an upstream ring's (zero-copy forwarding,
/// RingPlan::payloadOf). It waits as the ring's own strategy does; in addition, every signal of
/// progress on this ring (a stage advancing, a halt) also wakes the threads parked in the upstream
/// ring's strategy, since that ring's producers wait for this ring's end stages before they reuse a
/// slot. Without it a producer parked on a full upstream ring would miss the wake-up its capacity
/// depends on. A publish here frees no upstream slot, so it signals only this ring's own waiters.
class SharedPayloadWaitStrategy final : public core::WaitStrategy {
public:
    SharedPayloadWaitStrategy(std::unique_ptr<core::WaitStrategy> own, core::WaitStrategy &upstream)
        : m_own(std::move(own)), m_upstream(upstream)
    {
    }

    core::WaitResult waitFor(
        std::int64_t sequence, const core::Dependency &dependency, const std::atomic<bool> &alerted) override
    {
        return m_own->waitFor(sequence, dependency, alerted);
    }
    void signalAllWhenBlocking() noexcept override
    {
        if (m_own->needsSignal())
            m_own->signalAllWhenBlocking();
        if (m_upstream.needsSignal())
            m_upstream.signalAllWhenBlocking();
    }
    core::WaitStrategy *publishSignalled() noexcept override { return m_own->publishSignalled(); }
    std::string_view name() const noexcept override { return m_own->name(); }
    bool needsSignal() const noexcept override { return m_own->needsSignal() || m_upstream.needsSignal(); }

private:
    std::unique_ptr<core::WaitStrategy> m_own;
    core::WaitStrategy &m_upstream;
};

} // namespace ringflow::pipeline
