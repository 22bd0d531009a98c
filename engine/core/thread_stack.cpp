#include "thread_stack.h"

#include <pthread.h>

namespace ringflow::core {

bool limitDefaultThreadStack(std::size_t bytes) noexcept
{
#if defined(__GLIBC__)
    pthread_attr_t attr;
    if (pthread_getattr_default_np(&attr) != 0)
        return false;
    std::size_t current = 0;
    bool limited = pthread_attr_getstacksize(&attr, &current) == 0;
    if (limited && current > bytes)
        limited = pthread_attr_setstacksize(&attr, bytes) == 0 && pthread_setattr_default_np(&attr) == 0;
    pthread_attr_destroy(&attr);
    return limited;
#else
    static_cast<void>(bytes);
    return false;
#endif
}

} // namespace ringflow::core
