#pragma once

#include "channel_name.h"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <ranges>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace ringflow::dispatch {

/// The default payload: raw bytes. Every ring slot reserves DispatcherOptions::payloadCapacity bytes
/// up front, so emitting up to that many bytes copies into the slot without allocating.
using Bytes = std::vector<std::byte>;

/// Index of a registered producer, in the order of addProducer().
using ProducerId = std::uint32_t;

/// The producer id of events emitted through Dispatcher::emit()/batch() rather than a registered
/// producer's emitter.
inline constexpr ProducerId kExternalProducer = std::numeric_limits<ProducerId>::max();

/// What routes receive: the channel it was emitted on, who emitted it, and the payload.
template <typename Payload>
struct Event {
    ChannelName channel;
    ProducerId producer = kExternalProducer;
    Payload payload {};
};

/// The bytes of a string, for emitting text as Bytes.
inline std::span<const std::byte> bytesOf(std::string_view text) noexcept
{
    return std::as_bytes(std::span(text.data(), text.size()));
}

/// Something emit() can store into a slot's payload: a value assignable to it, or, for a container
/// payload such as Bytes, a contiguous range of its elements (copied with assign(), which reuses the
/// slot's capacity).
template <typename Payload, typename Source>
concept PayloadSource = std::assignable_from<Payload &, Source> ||(std::ranges::contiguous_range<Source> &&requires(
    Payload &payload, Source &&source) { payload.assign(std::ranges::begin(source), std::ranges::end(source)); });

template <typename Payload, typename Source>
requires PayloadSource<Payload, Source>
void assignPayload(Payload &payload, Source &&source)
{
    if constexpr (std::assignable_from<Payload &, Source>)
        payload = std::forward<Source>(source);
    else
        payload.assign(std::ranges::begin(source), std::ranges::end(source));
}

/// Payload types with a reserve(): their slots get DispatcherOptions::payloadCapacity up front.
template <typename Payload>
concept ReservablePayload = requires(Payload &payload, std::size_t capacity)
{
    payload.reserve(capacity);
};

} // namespace ringflow::dispatch
