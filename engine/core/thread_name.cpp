#include "thread_name.h"

#include <pthread.h>

#include <string>

namespace ringflow::core {

void setCurrentThreadName(std::string_view name) noexcept
{
    const std::string truncated(name.substr(0, 15));
#if defined(__linux__)
    pthread_setname_np(pthread_self(), truncated.c_str());
#endif
}

} // namespace ringflow::core
