#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace ringflow::pipeline {

/// What a pipeline ring keeps for each slot besides the event itself, in arrays of its own: the
/// event type is the user's (or the small SyntheticEvent), so the pipeline's own facts about an
/// event live beside it, indexed by slot, and only the ones a ring needs are kept per slot.
///
/// - Payload bytes: `payloadCapacity` bytes per slot, written by producers, read by checksum
///   workloads and copied by forwarding stages, or, on a ring that shares an upstream ring's
///   payloads (zero-copy forwarding), none: its events' payloads stay in that ring's slots.
/// - The channel and payload size of each event, when more than one is possible on the ring;
///   otherwise the one constant value, and nothing per event.
/// - The publish time of sampled events: one event in 64 by sequence (kSampleMask). A consumer
///   reads a stamp only for a sampled sequence, so unsampled events cost no clock and no read.
///
/// Slot data is written before the sequence is published and read after the barrier has seen
/// it: the sequences' release/acquire orders these plain arrays as it orders the events.
class RingSide {
public:
    static constexpr std::int64_t kSampleMask = 63;

    struct Shape {
        std::int64_t bufferSize = 1;
        std::uint32_t payloadCapacity = 0;
        bool channelPerSlot = false;
        std::uint32_t constantChannel = 0;
        bool payloadSizePerSlot = false;
        std::uint32_t constantPayloadSize = 0;
        bool latencyStamps = true; ///< false: producers stamp nothing (instrumentation off)
    };

    explicit RingSide(const Shape &shape)
        : RingSide(shape,
            Payloads(new (kPayloadAlignment) std::byte[static_cast<std::size_t>(shape.payloadCapacity)
                * static_cast<std::size_t>(shape.bufferSize)]()),
            nullptr)
    {
    }

    /// The side of a ring whose events' payloads stay in `source`'s slots (zero-copy forwarding,
    /// RingPlan::payloadOf): the payload of sequence s is the source's payload of sequence s, and
    /// this side allocates none. The runtime keeps the source's producers from reusing a slot until
    /// this ring's end consumers have passed it.
    RingSide(const Shape &shape, const RingSide &source) : RingSide(shape, nullptr, &source) { }

    static constexpr std::int64_t kSampleStride = kSampleMask + 1;

    static bool sampled(std::int64_t sequence) noexcept { return (sequence & kSampleMask) == 0; }
    /// The first sampled sequence at or after `sequence` (not negative); the next are kSampleStride apart.
    static std::int64_t firstSampledFrom(std::int64_t sequence) noexcept
    {
        return (sequence + kSampleMask) & ~kSampleMask;
    }

    std::byte *payload(std::int64_t sequence) const noexcept
    {
        return m_payloadBase + static_cast<std::size_t>(sequence & m_payloadMask) * m_payloadStride;
    }
    std::uint32_t payloadCapacity() const noexcept { return m_payloadCapacity; }
    /// True when the payloads are another ring's (a forwarding stage then copies none).
    bool sharesPayloads() const noexcept { return !m_ownPayloads; }

    bool channelPerSlot() const noexcept { return m_channels != nullptr; }
    std::uint32_t channel(std::int64_t sequence) const noexcept
    {
        return m_channels ? m_channels[index(sequence)] : m_constantChannel;
    }
    void setChannel(std::int64_t sequence, std::uint32_t channel) noexcept
    {
        if (m_channels)
            m_channels[index(sequence)] = channel;
    }

    bool payloadSizePerSlot() const noexcept { return m_payloadSizes != nullptr; }
    std::uint32_t payloadSize(std::int64_t sequence) const noexcept
    {
        return m_payloadSizes ? m_payloadSizes[index(sequence)] : m_constantPayloadSize;
    }
    void setPayloadSize(std::int64_t sequence, std::uint32_t size) noexcept
    {
        if (m_payloadSizes)
            m_payloadSizes[index(sequence)] = size;
    }

    /// Whether producers stamp the sampled sequences with their publish time.
    bool latencyStamps() const noexcept { return m_latencyStamps; }
    /// The publish time of sampled `sequence` (0: none known); only for sampled sequences.
    std::int64_t stamp(std::int64_t sequence) const noexcept { return m_stamps[stampIndex(sequence)]; }
    void setStamp(std::int64_t sequence, std::int64_t ns) noexcept { m_stamps[stampIndex(sequence)] = ns; }

    /// Bytes this shape allocates besides the events (for the resource budget).
    static std::uint64_t bytesFor(const Shape &shape) noexcept
    {
        const auto count = static_cast<std::uint64_t>(shape.bufferSize);
        return count * shape.payloadCapacity + (shape.channelPerSlot ? count * 4 : 0)
            + (shape.payloadSizePerSlot ? count * 4 : 0) + (count / 64 + 1) * 8;
    }

private:
    // The payload array starts on a line pair, so that a payload of whole lines (1 KiB, say) shares
    // none with its neighbours, which producers on another core may be writing at the same time.
    static constexpr std::align_val_t kPayloadAlignment {128};
    struct FreePayloads {
        void operator()(std::byte *payloads) const noexcept { ::operator delete[](payloads, kPayloadAlignment); }
    };
    using Payloads = std::unique_ptr<std::byte[], FreePayloads>;

    // Either `payloads` (this side's own) or `source` (the side whose payloads it reads) is set.
    RingSide(const Shape &shape, Payloads payloads, const RingSide *source)
        : m_mask(shape.bufferSize - 1),
          m_payloadCapacity(
              source ? std::min(shape.payloadCapacity, source->m_payloadCapacity) : shape.payloadCapacity),
          m_ownPayloads(std::move(payloads)),
          m_payloadBase(source ? source->m_payloadBase : m_ownPayloads.get()),
          m_payloadMask(source ? source->m_payloadMask : m_mask),
          m_payloadStride(source ? source->m_payloadStride : shape.payloadCapacity),
          m_channels(shape.channelPerSlot ? std::make_unique<std::uint32_t[]>(slotCount(shape)) : nullptr),
          m_constantChannel(shape.constantChannel),
          m_payloadSizes(shape.payloadSizePerSlot ? std::make_unique<std::uint32_t[]>(slotCount(shape)) : nullptr),
          m_constantPayloadSize(shape.constantPayloadSize),
          m_stamps(std::make_unique<std::int64_t[]>(static_cast<std::size_t>(shape.bufferSize / 64 + 1))),
          m_latencyStamps(shape.latencyStamps)
    {
    }

    static std::size_t slotCount(const Shape &shape) { return static_cast<std::size_t>(shape.bufferSize); }
    std::size_t index(std::int64_t sequence) const noexcept { return static_cast<std::size_t>(sequence & m_mask); }
    // Sampled sequences are multiples of 64: their slot's index / 64 is a slot of its own in a ring
    // of 64 or more, and the same stamp for every sampled sequence of a smaller ring, which holds
    // only one sampled event at a time.
    std::size_t stampIndex(std::int64_t sequence) const noexcept { return index(sequence) >> 6; }

    std::int64_t m_mask;
    std::uint32_t m_payloadCapacity;
    Payloads m_ownPayloads; ///< null when the payloads are another ring's
    std::byte *m_payloadBase; ///< m_ownPayloads, or the source ring's
    std::int64_t m_payloadMask; ///< the payloads' ring's mask and slot size
    std::size_t m_payloadStride;
    std::unique_ptr<std::uint32_t[]> m_channels;
    std::uint32_t m_constantChannel;
    std::unique_ptr<std::uint32_t[]> m_payloadSizes;
    std::uint32_t m_constantPayloadSize;
    std::unique_ptr<std::int64_t[]> m_stamps;
    bool m_latencyStamps;
};

} // namespace ringflow::pipeline
