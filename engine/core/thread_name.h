#pragma once

#include <span>
#include <string_view>
#include <system_error>

namespace ringflow::core {

/// Names the calling thread (visible in top, gdb and perf); Linux keeps the first 15 characters.
void setCurrentThreadName(std::string_view name) noexcept;

/// Pins the calling thread to the CPUs `cpus` (numbered as the OS numbers them). Returns the OS's
/// refusal (a CPU that does not exist or is outside this process's cpuset: EINVAL), or
/// std::errc::function_not_supported where threads cannot be pinned. `cpus` empty: no change.
std::error_code pinCurrentThread(std::span<const int> cpus) noexcept;

} // namespace ringflow::core
