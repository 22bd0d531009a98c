#include "thread_name.h"

#include <pthread.h>
#include <sched.h>

#include <string>

namespace ringflow::core {

void setCurrentThreadName(std::string_view name) noexcept
{
    const std::string truncated(name.substr(0, 15));
#if defined(__linux__)
    pthread_setname_np(pthread_self(), truncated.c_str());
#endif
}

std::error_code pinCurrentThread(std::span<const int> cpus) noexcept
{
    if (cpus.empty())
        return {};
#if defined(__linux__)
    cpu_set_t set;
    CPU_ZERO(&set);
    for (const int cpu : cpus) {
        if (cpu < 0 || cpu >= CPU_SETSIZE)
            return std::make_error_code(std::errc::invalid_argument);
        CPU_SET(cpu, &set);
    }
    if (const int error = pthread_setaffinity_np(pthread_self(), sizeof(set), &set))
        return {error, std::generic_category()};
    return {};
#else
    return std::make_error_code(std::errc::function_not_supported);
#endif
}

} // namespace ringflow::core
