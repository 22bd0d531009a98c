#include "asymmetric_fence.h"

#include <cstdlib>
#include <string_view>

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ringflow::core {

namespace {

#if defined(__linux__)
long membarrier(int command) noexcept
{
    return syscall(SYS_membarrier, command, 0U, 0);
}
#endif

} // namespace

bool detail::registerAsymmetricFences() noexcept
{
    if (const char *fences = std::getenv("RINGFLOW_FENCES"); fences && std::string_view(fences) == "symmetric")
        return false;
#if defined(__linux__)
    const long supported = membarrier(MEMBARRIER_CMD_QUERY);
    return supported > 0 && (supported & MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0
        && membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0;
#else
    return false;
#endif
}

void heavyFence() noexcept
{
#if defined(__linux__)
    // Once registered the command does not fail: its errors are for unknown commands and
    // unregistered processes.
    if (asymmetricFences() && membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0)
        return;
#endif
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

} // namespace ringflow::core
