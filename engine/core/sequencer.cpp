#include "sequencer.h"

#include <algorithm>
#include <bit>
#include <string>
#include <thread>

namespace ringflow::core {

bool isPowerOfTwo(std::int64_t value) noexcept
{
    return value > 0 && std::has_single_bit(static_cast<std::uint64_t>(value));
}

class Sequencer::GatingDependency final : public Dependency {
public:
    explicit GatingDependency(const Sequencer &sequencer) : m_sequencer(sequencer) { }
    std::int64_t available(std::int64_t) const noexcept override { return minimumSequence(m_sequencer.m_gating); }

private:
    const Sequencer &m_sequencer;
};

Sequencer::Sequencer(std::int64_t bufferSize, std::unique_ptr<WaitStrategy> waitStrategy)
    : m_bufferSize(bufferSize),
      m_waitStrategy(std::move(waitStrategy)),
      m_publishSignalled(m_waitStrategy ? m_waitStrategy->publishSignalled() : nullptr)
{
    if (!isPowerOfTwo(bufferSize))
        throw std::invalid_argument(
            "ring buffer size must be a power of two (1, 2, 4, ...), got " + std::to_string(bufferSize));
    if (!m_waitStrategy)
        throw std::invalid_argument("a sequencer needs a wait strategy");
}

void Sequencer::addGatingSequences(std::span<const Sequence *const> sequences)
{
    m_gating.insert(m_gating.end(), sequences.begin(), sequences.end());
}

bool Sequencer::removeGatingSequence(const Sequence *sequence)
{
    return std::erase(m_gating, sequence) > 0;
}

std::int64_t Sequencer::minimumGatingSequence(std::int64_t whenNone) const noexcept
{
    return std::min(minimumSequence(m_gating, whenNone), whenNone);
}

void Sequencer::halt() noexcept
{
    // seq_cst, paired with the seq_cst registration in waitForCapacity(): a producer that registers
    // after this store (in the single total order) sees the halt, one that registered before it is
    // seen by releaseWaitingProducers()' load of the count, which also comes after this store.
    m_halted.store(true, std::memory_order_seq_cst);
    m_waitStrategy->signalAllWhenBlocking();
}

void Sequencer::releaseWaitingProducers() noexcept
{
    halt();
    // The producers were woken by halt() and leave within one pass of their wait strategy's loop
    // (a nap of the sleeping strategies at most). No wait strategy is used to wait for them: it is
    // what they may still be touching.
    waitUntilNoneInside(m_waitingProducers);
}

void waitUntilNoneInside(const std::atomic<int> &inside) noexcept
{
    for (int round = 0; inside.load(std::memory_order_seq_cst) != 0; ++round) {
        if (round < 100)
            std::this_thread::yield();
        else
            std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
}

void Sequencer::throwBadClaimSize(std::int64_t n) const
{
    std::string message = "cannot claim ";
    message += std::to_string(n);
    message += " slots of a ring of ";
    message += std::to_string(m_bufferSize);
    throw std::invalid_argument(message);
}

void Sequencer::checkPublish(
    std::int64_t lo, std::int64_t hi, std::int64_t lowest, std::int64_t highest, const char *rule) const noexcept
{
    if (lowest <= lo && lo <= hi && hi <= highest)
        return;
    std::string message = "publish(" + std::to_string(lo);
    if (lo != hi)
        message += ", " + std::to_string(hi);
    message += ") on a ring of " + std::to_string(m_bufferSize) + " where only " + std::to_string(lowest) + " to "
        + std::to_string(highest) + " may be published now: " + rule;
    contractViolated(message);
}

std::int64_t Sequencer::waitForCapacity(std::int64_t wrapPoint)
{
    // Registered for as long as it is in here, so that releaseWaitingProducers() can wait for this
    // producer to leave. seq_cst: see halt(). The decrement is the last thing this producer does
    // with the sequencer's memory on its way out (release: it all happens before the owner's
    // acquire), and a halted producer leaves by throwing, touching nothing else.
    struct Registration {
        std::atomic<int> &count;
        explicit Registration(std::atomic<int> &waiting) : count(waiting)
        {
            count.fetch_add(1, std::memory_order_seq_cst);
        }
        ~Registration() { count.fetch_sub(1, std::memory_order_release); }
    } registration(m_waitingProducers);
    if (m_halted.load(std::memory_order_seq_cst))
        throw Halted();
    const GatingDependency gating(*this);
    for (;;) {
        const WaitResult result = m_waitStrategy->waitFor(wrapPoint, gating, m_halted);
        // Capacity that a halted stage freed (it lets go of its event) is no way out: whoever saw
        // that capacity also sees the halt (acquire), and the producer leaves with Halted.
        if (result.status == WaitStatus::Available && !m_halted.load(std::memory_order_acquire))
            return result.available;
        if (result.status != WaitStatus::TimedOut)
            throw Halted();
        // TimedOut: a producer has no use for timeouts, it keeps waiting.
    }
}

ClaimResult SingleProducerSequencer::tryNext(std::int64_t n)
{
    checkClaimSize(n);
    if (isHalted())
        return {ClaimStatus::Halted, 0};
    const std::int64_t current = m_producer.nextValue.load(std::memory_order_relaxed);
    const std::int64_t wrapPoint = current + n - m_bufferSize;
    if (wrapPoint > m_producer.cachedGating || m_producer.cachedGating > current) {
        m_producer.cachedGating = minimumGatingSequence(current);
        if (wrapPoint > m_producer.cachedGating)
            return {ClaimStatus::Full, 0};
    }
    m_producer.nextValue.store(current + n, std::memory_order_relaxed);
    return {ClaimStatus::Claimed, current + n};
}

std::int64_t SingleProducerSequencer::remainingCapacity() const noexcept
{
    const std::int64_t produced = m_producer.nextValue.load(std::memory_order_relaxed);
    const std::int64_t consumed = minimumGatingSequence(produced);
    return m_bufferSize - (produced - consumed);
}

MultiProducerSequencer::MultiProducerSequencer(std::int64_t bufferSize, std::unique_ptr<WaitStrategy> waitStrategy)
    : Sequencer(bufferSize, std::move(waitStrategy)),
      m_mask(bufferSize - 1),
      m_indexShift(std::countr_zero(static_cast<std::uint64_t>(bufferSize))),
      m_available(std::make_unique<std::atomic<std::int32_t>[]>(static_cast<std::size_t>(bufferSize)))
{
    for (std::int64_t i = 0; i < bufferSize; ++i)
        m_available[i].store(-1, std::memory_order_relaxed);
}

bool MultiProducerSequencer::hasCapacity(std::int64_t n, std::int64_t cursorValue) noexcept
{
    const std::int64_t wrapPoint = cursorValue + n - m_bufferSize;
    const std::int64_t cachedGating = m_gatingCache.get();
    if (wrapPoint > cachedGating || cachedGating > cursorValue) {
        const std::int64_t slowest = minimumGatingSequence(cursorValue);
        m_gatingCache.set(slowest);
        if (wrapPoint > slowest)
            return false;
    }
    return true;
}

ClaimResult MultiProducerSequencer::tryNext(std::int64_t n)
{
    checkClaimSize(n);
    for (;;) {
        if (isHalted())
            return {ClaimStatus::Halted, 0};
        const std::int64_t current = m_cursor.get();
        if (!hasCapacity(n, current))
            return {ClaimStatus::Full, 0};
        if (m_cursor.compareAndSet(current, current + n))
            return {ClaimStatus::Claimed, current + n};
    }
}

std::int64_t MultiProducerSequencer::highestPublishedSequence(std::int64_t lo, std::int64_t available) const noexcept
{
    for (std::int64_t sequence = lo; sequence <= available; ++sequence) {
        if (!isAvailable(sequence))
            return sequence - 1;
    }
    return available;
}

std::int64_t MultiProducerSequencer::remainingCapacity() const noexcept
{
    // Producers blocked in next() have already moved the cursor past what fits: never below 0.
    const std::int64_t produced = m_cursor.get();
    return std::max<std::int64_t>(0, m_bufferSize - (produced - minimumGatingSequence(produced)));
}

} // namespace ringflow::core
