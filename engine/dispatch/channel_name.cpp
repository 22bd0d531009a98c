#include "channel_name.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ringflow::dispatch {

namespace {

// FNV-1a: a few cycles per character, and channel names are short.
std::uint64_t fnv1a(std::string_view text) noexcept
{
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

} // namespace

ChannelName::ChannelName(std::string_view name)
{
    if (name.size() > kCapacity)
        throw std::length_error(
            "channel name '" + std::string(name) + "' is longer than " + std::to_string(kCapacity) + " characters");
    std::copy(name.begin(), name.end(), m_chars.begin());
    m_size = static_cast<std::uint8_t>(name.size());
    m_hash = fnv1a(name);
}

} // namespace ringflow::dispatch
