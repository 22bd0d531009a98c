#pragma once

#include "event_batch.h"
#include "sequencer.h"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>

namespace ringflow::core {

/// A fixed ring of pre-allocated events. Producers claim slots, fill them in place and publish
/// them; nothing is allocated after construction. `S` is the sequencer: SingleProducerSequencer or
/// MultiProducerSequencer for direct calls, or the abstract Sequencer to choose at run time.
template <typename T, typename S = Sequencer>
requires std::derived_from<S, Sequencer>
class RingBuffer {
public:
    using EventType = T;
    using SequencerType = S;

    /// Every slot is created up front by `factory` (default construction by default).
    explicit RingBuffer(std::unique_ptr<S> sequencer, const std::function<T()> &factory = {})
        : m_sequencer(std::move(sequencer)),
          m_mask(m_sequencer->bufferSize() - 1),
          m_storage(std::make_unique<T[]>(static_cast<std::size_t>(m_sequencer->bufferSize()) + 2 * kPadding)),
          m_entries(m_storage.get() + kPadding)
    {
        if (factory)
            std::generate_n(m_entries, m_sequencer->bufferSize(), factory);
    }

    /// Convenience for a concrete sequencer type: throws std::invalid_argument unless `size` is a
    /// power of two.
    RingBuffer(std::int64_t size, std::unique_ptr<WaitStrategy> waitStrategy,
        const std::function<T()> &factory = {}) requires(!std::is_abstract_v<S>)
        : RingBuffer(std::make_unique<S>(size, std::move(waitStrategy)), factory)
    {
    }

    T &operator[](std::int64_t sequence) const noexcept { return m_entries[sequence & m_mask]; }

    std::int64_t next(std::int64_t n = 1) { return m_sequencer->next(n); }
    ClaimResult tryNext(std::int64_t n = 1) { return m_sequencer->tryNext(n); }
    void publish(std::int64_t sequence) noexcept { m_sequencer->publish(sequence); }
    void publish(std::int64_t lo, std::int64_t hi) noexcept { m_sequencer->publish(lo, hi); }

    /// Claims one slot, lets `translate(event, sequence)` fill it and publishes it. The slot is
    /// published even if `translate` throws, so that consumers are never stuck behind it.
    template <typename F>
    void publishEvent(F &&translate)
    {
        const std::int64_t sequence = next();
        struct PublishOnExit {
            RingBuffer &ring;
            std::int64_t sequence;
            ~PublishOnExit() { ring.publish(sequence); }
        } publishOnExit {*this, sequence};
        translate((*this)[sequence], sequence);
    }

    /// The events [lo, hi] as at most two contiguous pieces.
    EventBatch<T> batch(std::int64_t lo, std::int64_t hi) const noexcept
    {
        const auto count = static_cast<std::size_t>(hi - lo + 1);
        const auto start = static_cast<std::size_t>(lo & m_mask);
        const std::size_t firstSize = std::min(count, static_cast<std::size_t>(bufferSize()) - start);
        return EventBatch<T>({m_entries + start, firstSize}, {m_entries, count - firstSize});
    }

    std::int64_t bufferSize() const noexcept { return m_sequencer->bufferSize(); }
    std::int64_t cursor() const noexcept { return m_sequencer->cursor(); }
    std::int64_t remainingCapacity() const noexcept { return m_sequencer->remainingCapacity(); }
    S &sequencer() const noexcept { return *m_sequencer; }

private:
    // Unused slots before the first and after the last, as the LMAX Disruptor and rigtorp's
    // SPSCQueue have them: otherwise the first and last slots share a cache-line pair with whatever
    // the allocator put next to the array, and every write there (another ring's slots, a
    // sequencer's availability flags) takes the line away from the stages reading these slots.
    // kFalseSharingRange bytes at each end keep every line pair that holds a slot inside the array,
    // however the array is aligned.
    static constexpr std::size_t kPadding = (kFalseSharingRange + sizeof(T) - 1) / sizeof(T);

    std::unique_ptr<S> m_sequencer;
    const std::int64_t m_mask;
    std::unique_ptr<T[]> m_storage; // kPadding + bufferSize() + kPadding slots
    T *const m_entries; // the first slot in use
};

} // namespace ringflow::core
