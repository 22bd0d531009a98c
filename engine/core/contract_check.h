#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace ringflow::core {

/// Checks of the library's contracts that cost a little on the hot path (publishing only what was
/// claimed, ...): on in debug builds (no NDEBUG) and in any build compiled with
/// RINGFLOW_CONTRACT_CHECKS (the CMake option of that name), off otherwise. Off, they compile to
/// nothing. Every translation unit of one program must agree, so the checked core the tests use is
/// a library of its own (ringflow_core_checked).
#if defined(RINGFLOW_CONTRACT_CHECKS) || !defined(NDEBUG)
inline constexpr bool kContractChecks = true;
#else
inline constexpr bool kContractChecks = false;
#endif

/// A broken contract would corrupt data silently (a consumer reading slots nobody wrote), so a
/// check that fails says what was wrong on standard error and aborts, as an assert does.
[[noreturn]] inline void contractViolated(const std::string &what) noexcept
{
    std::fprintf(stderr, "ringflow: contract violated: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

} // namespace ringflow::core
