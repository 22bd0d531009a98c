#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ringflow::dispatch {

/// A channel's name stored inline, so that writing it into a ring slot never allocates. Its hash is
/// computed once, by the emitting thread, which takes the work off the single consumer that routes
/// every event.
class ChannelName {
public:
    static constexpr std::size_t kCapacity = 55;

    ChannelName() noexcept = default;
    /// Throws std::length_error for a name longer than kCapacity characters.
    explicit ChannelName(std::string_view name);

    std::string_view view() const noexcept { return {m_chars.data(), m_size}; }
    std::size_t size() const noexcept { return m_size; }
    std::uint64_t hash() const noexcept { return m_hash; }
    bool startsWith(std::string_view prefix) const noexcept { return view().starts_with(prefix); }

    friend bool operator==(const ChannelName &a, const ChannelName &b) noexcept
    {
        return a.m_hash == b.m_hash && a.view() == b.view();
    }

private:
    std::uint64_t m_hash = 0;
    std::uint8_t m_size = 0;
    std::array<char, kCapacity> m_chars {};
};

// One cache line: the name is copied into every slot the producers fill.
static_assert(sizeof(ChannelName) == 64, "ChannelName should fill exactly one cache line");

/// Hashes with the precomputed value, for unordered containers keyed by channel.
struct ChannelNameHash {
    std::size_t operator()(const ChannelName &name) const noexcept { return name.hash(); }
};

} // namespace ringflow::dispatch
