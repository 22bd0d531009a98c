#pragma once

#include <cstddef>

namespace ringflow::core {

/// The stack ringflow-run, ringflow-export and the designer give the threads of their runs: a
/// stage's loop, a producer's and the synthetic workloads run in a few KiB. (Windows gives every
/// thread 1 MiB, musl 128 KiB.)
inline constexpr std::size_t kRunThreadStackBytes = std::size_t {1} << 20;

/// Makes `bytes` the stack size of the threads this process starts from now on without a size of
/// their own (every std::thread: the runtime's, the dispatcher's, Qt's), where the default is
/// larger. glibc's default is the stack limit, 8 MiB on Debian, and mapping and unmapping 8 MiB per
/// thread made starting the dispatcher demo's 256 emitters take 66-72 ms instead of 26-31 ms
/// (docs/benchmarks-pipelines.md, "Thread stacks"). Only for a program that runs nothing but its
/// own code on its threads: a library must not shrink its user's stacks, and the engine never calls
/// this itself. False when the platform has no such default; it then stays as it was.
bool limitDefaultThreadStack(std::size_t bytes) noexcept;

} // namespace ringflow::core
