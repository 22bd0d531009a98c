#pragma once

#include "contract_check.h"
#include "sequence.h"
#include "wait_strategy.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

namespace ringflow::core {

/// Thrown by next() to a producer that is (or becomes) blocked while its ring is halted.
class Halted : public std::runtime_error {
public:
    Halted() : std::runtime_error("ring halted: the claim was abandoned") { }
};

/// Waits (yields, then naps of 50 µs) until `inside`, a count of producers inside some waiting
/// place, is 0. Its seq_cst load is also an acquire, paired with their release as they leave, so
/// that everything they did there happens before the caller frees it.
void waitUntilNoneInside(const std::atomic<int> &inside) noexcept;

enum class ClaimStatus { Claimed, Full, Halted };

/// The answer of a non-blocking claim: on Claimed, `sequence` is the highest claimed sequence.
struct ClaimResult {
    ClaimStatus status;
    std::int64_t sequence;
    explicit operator bool() const noexcept { return status == ClaimStatus::Claimed; }
};

/// True for 1, 2, 4, 8, ...: the sizes a ring can have (its index is a sequence masked by size - 1).
bool isPowerOfTwo(std::int64_t value) noexcept;

/// Claims and publishes slots of a ring and keeps producers from overtaking the slowest consumer
/// (the gating sequences). The two implementations are `final` so that a RingBuffer templated on
/// one of them calls next()/publish() without virtual dispatch; RingBuffer<T, Sequencer> chooses
/// at run time instead.
///
/// Gating sequences must be added before the first publish. next(n) and tryNext(n) require
/// 1 <= n <= bufferSize() and throw std::invalid_argument otherwise. publish() takes only
/// sequences that this producer's next()/tryNext() returned and has not published yet (see
/// SingleProducerSequencer and MultiProducerSequencer); debug and RINGFLOW_CONTRACT_CHECKS builds abort
/// on anything else (contract_check.h).
class Sequencer {
public:
    Sequencer(std::int64_t bufferSize, std::unique_ptr<WaitStrategy> waitStrategy);
    virtual ~Sequencer() = default;
    Sequencer(const Sequencer &) = delete;
    Sequencer &operator=(const Sequencer &) = delete;

    std::int64_t bufferSize() const noexcept { return m_bufferSize; }
    WaitStrategy &waitStrategy() const noexcept { return *m_waitStrategy; }

    /// Single producer: the highest published sequence. Multi producer: the highest claimed one.
    std::int64_t cursor() const noexcept { return m_cursor.get(); }
    const Sequence &cursorSequence() const noexcept { return m_cursor; }

    void addGatingSequences(std::span<const Sequence *const> sequences);
    bool removeGatingSequence(const Sequence *sequence);
    /// The slowest gating sequence, capped at `limit` (which is returned when there is none).
    std::int64_t minimumGatingSequence(std::int64_t limit) const noexcept;

    virtual std::int64_t next(std::int64_t n = 1) = 0;
    virtual ClaimResult tryNext(std::int64_t n = 1) = 0;
    virtual void publish(std::int64_t sequence) noexcept = 0;
    virtual void publish(std::int64_t lo, std::int64_t hi) noexcept = 0;
    virtual bool isAvailable(std::int64_t sequence) const noexcept = 0;
    /// The highest sequence in [lo, available] below which every slot is published.
    virtual std::int64_t highestPublishedSequence(std::int64_t lo, std::int64_t available) const noexcept = 0;
    virtual std::int64_t remainingCapacity() const noexcept = 0;
    /// True when `n` more slots can be claimed now without waiting (a hint with several producers).
    bool hasAvailableCapacity(std::int64_t n) const noexcept { return remainingCapacity() >= n; }
    /// True when consumers reading the cursor must also check per-slot publication.
    virtual bool publishesOutOfOrder() const noexcept = 0;

    /// Irreversibly stops producers: those waiting for capacity in next() throw Halted, tryNext()
    /// reports ClaimStatus::Halted.
    void halt() noexcept;
    bool isHalted() const noexcept { return m_halted.load(std::memory_order_acquire); }
    /// halt(), then waits until every producer that was waiting for capacity in next() has left
    /// the sequencer (with Halted). The owner calls it before freeing the sequencer, the wait
    /// strategy or the gating sequences those producers read. A producer that is not inside
    /// next() must not use the ring any more once its owner is being destroyed.
    void releaseWaitingProducers() noexcept;
    /// Producers blocked in next() waiting for capacity right now (for diagnostics and tests).
    int waitingProducers() const noexcept { return m_waitingProducers.load(std::memory_order_acquire); }

protected:
    void checkClaimSize(std::int64_t n) const
    {
        if (n < 1 || n > m_bufferSize) [[unlikely]]
            throwBadClaimSize(n);
    }
    [[noreturn]] void throwBadClaimSize(std::int64_t n) const;
    void signal() noexcept
    {
        if (m_publishSignalled)
            m_publishSignalled->signalAllWhenBlocking();
    }
    /// Waits until the slowest gating sequence reaches `wrapPoint` and returns it; throws Halted.
    std::int64_t waitForCapacity(std::int64_t wrapPoint);
    /// The contract check of publish(lo, hi): aborts unless `lowest` <= lo <= hi <= `highest`.
    void checkPublish(
        std::int64_t lo, std::int64_t hi, std::int64_t lowest, std::int64_t highest, const char *rule) const noexcept;

    Sequence m_cursor;
    const std::int64_t m_bufferSize;
    const std::unique_ptr<WaitStrategy> m_waitStrategy;
    WaitStrategy *const m_publishSignalled; ///< what a publish signals (nullptr: nothing)

private:
    class GatingDependency;

    std::vector<const Sequence *> m_gating;
    std::atomic<bool> m_halted {false};
    std::atomic<int> m_waitingProducers {0}; ///< inside waitForCapacity(); see releaseWaitingProducers()
};

/// For exactly one publishing thread: claims need no atomic read-modify-write, and the slowest
/// consumer's position is cached so the gating sequences are read only when the ring looks full.
///
/// publish(hi) makes every sequence up to `hi` visible to consumers, so it must follow the claim
/// of `hi`: publishing a sequence that was never claimed hands consumers slots nobody wrote.
/// Sequences are published in order, each once (publish(lo, hi) with lo just past the cursor).
class SingleProducerSequencer final : public Sequencer {
public:
    SingleProducerSequencer(std::int64_t bufferSize, std::unique_ptr<WaitStrategy> waitStrategy)
        : Sequencer(bufferSize, std::move(waitStrategy))
    {
    }

    std::int64_t next(std::int64_t n = 1) override
    {
        checkClaimSize(n);
        const std::int64_t current = m_producer.nextValue.load(std::memory_order_relaxed);
        const std::int64_t nextSequence = current + n;
        const std::int64_t wrapPoint = nextSequence - m_bufferSize;
        if (wrapPoint > m_producer.cachedGating || m_producer.cachedGating > current) [[unlikely]]
            m_producer.cachedGating = waitForCapacity(wrapPoint);
        m_producer.nextValue.store(nextSequence, std::memory_order_relaxed);
        return nextSequence;
    }

    ClaimResult tryNext(std::int64_t n = 1) override;

    void publish(std::int64_t sequence) noexcept override { publish(sequence, sequence); }
    void publish(std::int64_t lo, std::int64_t hi) noexcept override
    {
        if constexpr (kContractChecks)
            checkPublish(lo, hi, m_cursor.get() + 1, m_producer.nextValue.load(std::memory_order_relaxed),
                "a single producer publishes what it claimed, in order, each sequence once");
        m_cursor.set(hi);
        signal();
    }

    bool isAvailable(std::int64_t sequence) const noexcept override
    {
        const std::int64_t cursorValue = m_cursor.get();
        return sequence <= cursorValue && sequence > cursorValue - m_bufferSize;
    }
    std::int64_t highestPublishedSequence(std::int64_t, std::int64_t available) const noexcept override
    {
        return available;
    }
    std::int64_t remainingCapacity() const noexcept override;
    bool publishesOutOfOrder() const noexcept override { return false; }

private:
    // Written only by the producer thread; nextValue is atomic (relaxed, so a plain store) only so
    // that remainingCapacity() may be asked from any thread.
    struct alignas(kFalseSharingRange) ProducerState {
        std::atomic<std::int64_t> nextValue {Sequence::kInitial};
        std::int64_t cachedGating {Sequence::kInitial};
    } m_producer;
};

/// For any number of publishing threads: claims with one atomic add, and marks each slot
/// published with its lap number so consumers never read a slot a slower producer still fills.
///
/// Each producer publishes exactly the sequences its own claims returned. Only "not beyond the
/// highest claim of any producer" can be checked (debug and RINGFLOW_CONTRACT_CHECKS builds).
class MultiProducerSequencer final : public Sequencer {
public:
    MultiProducerSequencer(std::int64_t bufferSize, std::unique_ptr<WaitStrategy> waitStrategy);

    std::int64_t next(std::int64_t n = 1) override
    {
        checkClaimSize(n);
        const std::int64_t current = m_cursor.fetchAdd(n);
        const std::int64_t nextSequence = current + n;
        const std::int64_t wrapPoint = nextSequence - m_bufferSize;
        const std::int64_t cachedGating = m_gatingCache.get();
        if (wrapPoint > cachedGating || cachedGating > current) [[unlikely]]
            m_gatingCache.set(waitForCapacity(wrapPoint));
        return nextSequence;
    }

    ClaimResult tryNext(std::int64_t n = 1) override;

    void publish(std::int64_t sequence) noexcept override { publish(sequence, sequence); }
    void publish(std::int64_t lo, std::int64_t hi) noexcept override
    {
        if constexpr (kContractChecks)
            checkPublish(lo, hi, hi - m_bufferSize + 1, m_cursor.get(), "a producer publishes only what it claimed");
        for (std::int64_t sequence = lo; sequence <= hi; ++sequence)
            markAvailable(sequence);
        signal();
    }

    bool isAvailable(std::int64_t sequence) const noexcept override
    {
        return m_available[sequence & m_mask].load(std::memory_order_acquire) == lap(sequence);
    }
    std::int64_t highestPublishedSequence(std::int64_t lo, std::int64_t available) const noexcept override;
    std::int64_t remainingCapacity() const noexcept override;
    bool publishesOutOfOrder() const noexcept override { return true; }

private:
    std::int32_t lap(std::int64_t sequence) const noexcept
    {
        return static_cast<std::int32_t>(sequence >> m_indexShift);
    }
    void markAvailable(std::int64_t sequence) noexcept
    {
        m_available[sequence & m_mask].store(lap(sequence), std::memory_order_release);
    }
    bool hasCapacity(std::int64_t n, std::int64_t cursorValue) noexcept;

    Sequence m_gatingCache;
    const std::int64_t m_mask;
    const int m_indexShift;
    std::unique_ptr<std::atomic<std::int32_t>[]> m_available;
};

} // namespace ringflow::core
