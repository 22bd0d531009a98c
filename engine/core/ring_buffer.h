#pragma once

#include "event_batch.h"
#include "event_poller.h"
#include "sequencer.h"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <ranges>
#include <type_traits>
#include <vector>

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
        fillAndPublish(sequence, sequence, [&](std::int64_t s) { translate((*this)[s], s); });
    }

    /// Claims `count` slots at once (1 <= count <= bufferSize(), std::invalid_argument otherwise),
    /// calls `translate(event, sequence)` once per slot in sequence order and publishes them with
    /// one publish(lo, hi). Every claimed slot is published, even if `translate` throws.
    template <typename F>
    void publishEvents(std::int64_t count, F &&translate)
    {
        const std::int64_t hi = next(count);
        fillAndPublish(hi - count + 1, hi, [&](std::int64_t s) { translate((*this)[s], s); });
    }

    /// As publishEvents(count, translate) for the elements of `items`, in order:
    /// `translate(event, sequence, element)` (the range must not be empty or exceed the ring).
    template <std::ranges::sized_range R, typename F>
    void publishEvents(R &&items, F &&translate)
    {
        const auto count = static_cast<std::int64_t>(std::ranges::size(items));
        const std::int64_t hi = next(count);
        fillAndPublish(hi - count + 1, hi, elementTranslator(items, translate));
    }

    /// publishEvent() that never waits: when the ring has no room for one more event now (Full) or
    /// is halted (Halted) nothing is claimed and `translate` is not called. On Claimed the event is
    /// published and `sequence` is its sequence.
    template <typename F>
    ClaimResult tryPublishEvent(F &&translate)
    {
        return tryPublishEvents(1, std::forward<F>(translate));
    }

    /// publishEvents(count, translate) that never waits: all `count` events or none. On Claimed
    /// `sequence` is the highest one published.
    template <typename F>
    ClaimResult tryPublishEvents(std::int64_t count, F &&translate)
    {
        const ClaimResult claim = tryNext(count);
        if (claim)
            fillAndPublish(
                claim.sequence - count + 1, claim.sequence, [&](std::int64_t s) { translate((*this)[s], s); });
        return claim;
    }

    /// publishEvents(items, translate) that never waits: all elements or none.
    template <std::ranges::sized_range R, typename F>
    ClaimResult tryPublishEvents(R &&items, F &&translate)
    {
        const auto count = static_cast<std::int64_t>(std::ranges::size(items));
        const ClaimResult claim = tryNext(count);
        if (claim)
            fillAndPublish(claim.sequence - count + 1, claim.sequence, elementTranslator(items, translate));
        return claim;
    }

    /// True when `n` more events fit now without waiting for a consumer. Only a hint when several
    /// producers share the ring: another may take the room before this one claims it.
    bool hasAvailableCapacity(std::int64_t n) const noexcept { return m_sequencer->hasAvailableCapacity(n); }

    /// A poller of this ring that reads after the stages whose sequences are `upstream` (none:
    /// straight from the producers), already added to the ring's gating sequences. Before the first
    /// publish, as every gating sequence; the poller must outlive the ring's use.
    std::unique_ptr<EventPoller<RingBuffer>> newPoller(std::vector<const Sequence *> upstream = {})
    {
        auto poller = std::make_unique<EventPoller<RingBuffer>>(*this, std::move(upstream));
        const Sequence *const gating[] {&poller->sequence()};
        m_sequencer->addGatingSequences(gating);
        return poller;
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
    // Calls fill(sequence) for lo..hi and publishes [lo, hi] however fill() ends.
    template <typename Fill>
    void fillAndPublish(std::int64_t lo, std::int64_t hi, Fill &&fill)
    {
        struct PublishOnExit {
            RingBuffer &ring;
            std::int64_t lo, hi;
            ~PublishOnExit() { ring.publish(lo, hi); }
        } publishOnExit {*this, lo, hi};
        for (std::int64_t sequence = lo; sequence <= hi; ++sequence)
            fill(sequence);
    }

    // A fill(sequence) that hands `translate` the next element of `items`: fillAndPublish() calls
    // it for consecutive sequences, so the range is walked once, in order.
    template <typename R, typename F>
    auto elementTranslator(R &items, F &translate)
    {
        return [this, &translate, it = std::ranges::begin(items)](std::int64_t sequence) mutable {
            translate((*this)[sequence], sequence, *it);
            ++it;
        };
    }

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
