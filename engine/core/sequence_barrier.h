#pragma once

#include "sequencer.h"

#include <atomic>
#include <vector>

namespace ringflow::core {

/// What a stage waits on before it may read a sequence: the ring's cursor when it reads straight
/// from producers, otherwise the stages upstream of it. Alerting the barrier (halt) wakes the stage.
class SequenceBarrier final : public Dependency {
public:
    /// `upstream` empty means "depends on the producers only".
    SequenceBarrier(const Sequencer &sequencer, std::vector<const Sequence *> upstream)
        : m_sequencer(sequencer),
          m_waitStrategy(sequencer.waitStrategy()),
          m_dependents(
              upstream.empty() ? std::vector<const Sequence *> {&sequencer.cursorSequence()} : std::move(upstream)),
          // Upstream stages only advance over published slots, so only a stage reading the
          // cursor of a multi-producer ring has to check slots one by one.
          m_checkPublication(m_dependents.front() == &sequencer.cursorSequence() && sequencer.publishesOutOfOrder())
    {
    }

    /// Returns the highest sequence now available (>= `sequence`), or Alerted, or TimedOut when the
    /// wait strategy has a timeout.
    WaitResult waitFor(std::int64_t sequence)
    {
        if (isAlerted()) [[unlikely]]
            return {0, WaitStatus::Alerted};
        const std::int64_t now = available(sequence);
        if (now >= sequence)
            return {now, WaitStatus::Available};
        return m_waitStrategy.waitFor(sequence, *this, m_alerted);
    }

    std::int64_t available(std::int64_t wanted) const noexcept override
    {
        const std::int64_t upstream = minimumSequence(m_dependents);
        if (m_checkPublication && upstream >= wanted)
            return m_sequencer.highestPublishedSequence(wanted, upstream);
        return upstream;
    }

    void alert() noexcept
    {
        m_alerted.store(true, std::memory_order_release);
        m_waitStrategy.signalAllWhenBlocking();
    }
    void clearAlert() noexcept { m_alerted.store(false, std::memory_order_release); }
    bool isAlerted() const noexcept { return m_alerted.load(std::memory_order_acquire); }
    /// The flag itself, for a processor to poll between events at the cost of a plain load.
    const std::atomic<bool> &alertFlag() const noexcept { return m_alerted; }

    WaitStrategy &waitStrategy() const noexcept { return m_waitStrategy; }

private:
    const Sequencer &m_sequencer;
    WaitStrategy &m_waitStrategy;
    const std::vector<const Sequence *> m_dependents;
    const bool m_checkPublication;
    std::atomic<bool> m_alerted {false};
};

} // namespace ringflow::core
