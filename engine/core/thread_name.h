#pragma once

#include <string_view>

namespace ringflow::core {

/// Names the calling thread (visible in top, gdb and perf); Linux keeps the first 15 characters.
void setCurrentThreadName(std::string_view name) noexcept;

} // namespace ringflow::core
