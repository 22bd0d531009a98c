#include "job_pool.h"

#include <core/thread_name.h>

#include <stdexcept>
#include <utility>

namespace ringflow::dispatch {

namespace {

// The pool whose job the current thread is running, to refuse calls that would wait for themselves.
thread_local const JobPool *t_ownPool = nullptr;

} // namespace

JobPool::JobPool(std::size_t workers, std::string name)
    : m_workerCount(workers > 0 ? workers : 1), m_queue(m_workerCount)
{
    m_threads.reserve(m_workerCount);
    for (std::size_t index = 0; index < m_workerCount; ++index) {
        m_threads.emplace_back([this, threadName = name + "-" + std::to_string(index)] {
            core::setCurrentThreadName(threadName);
            t_ownPool = this;
            work();
        });
    }
}

JobPool::~JobPool()
{
    try {
        finalize();
    } catch (...) {
        // Documented: the destructor drops the error; finalize() is the place to see it.
    }
}

void JobPool::dispatch(Job job)
{
    if (!job)
        throw std::invalid_argument("JobPool::dispatch() needs a job");
    requireOutsideOwnJobs("dispatch()");
    std::unique_lock lock(m_mutex);
    m_slotFree.wait(lock, [this] { return m_inFlight < m_workerCount || m_stopping; });
    if (m_stopping)
        throw std::logic_error("JobPool::dispatch() after finalize()");
    m_queue[(m_queueHead + m_queued) % m_workerCount] = std::move(job);
    ++m_queued;
    ++m_inFlight;
    lock.unlock();
    m_jobReady.notify_one();
}

void JobPool::barrier()
{
    requireOutsideOwnJobs("barrier()");
    std::unique_lock lock(m_mutex);
    waitUntilIdle(lock);
    if (std::exception_ptr error = takeError())
        std::rethrow_exception(error);
}

void JobPool::finalize()
{
    requireOutsideOwnJobs("finalize()");
    const std::lock_guard finalizeLock(m_finalizeMutex);
    if (m_finalized)
        return;
    m_finalized = true;
    std::exception_ptr error;
    {
        std::unique_lock lock(m_mutex);
        waitUntilIdle(lock);
        m_stopping = true;
        error = takeError();
    }
    m_jobReady.notify_all();
    // Dispatchers still waiting for a place learn that none will come.
    m_slotFree.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
    if (error)
        std::rethrow_exception(error);
}

std::size_t JobPool::inFlight() const
{
    const std::lock_guard lock(m_mutex);
    return m_inFlight;
}

std::uint64_t JobPool::completedJobs() const
{
    const std::lock_guard lock(m_mutex);
    return m_completed;
}

std::uint64_t JobPool::failedJobs() const
{
    const std::lock_guard lock(m_mutex);
    return m_failed;
}

void JobPool::work()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_jobReady.wait(lock, [this] { return m_queued > 0 || m_stopping; });
        if (m_queued == 0)
            return; // stopping, and finalize() waited for the queue to empty
        Job job = std::move(m_queue[m_queueHead]);
        m_queue[m_queueHead] = nullptr;
        m_queueHead = (m_queueHead + 1) % m_workerCount;
        --m_queued;
        lock.unlock();

        std::exception_ptr error;
        try {
            job();
        } catch (...) {
            error = std::current_exception();
        }
        // Destroyed outside the lock: a job's captures may be expensive to destroy.
        job = nullptr;

        lock.lock();
        ++m_completed;
        if (error) {
            ++m_failed;
            if (!m_firstError)
                m_firstError = std::move(error);
        }
        --m_inFlight;
        m_slotFree.notify_one();
        if (m_inFlight == 0)
            m_idle.notify_all();
    }
}

void JobPool::requireOutsideOwnJobs(const char *operation) const
{
    if (t_ownPool == this)
        throw std::logic_error(
            std::string("JobPool::") + operation + " from one of the pool's own jobs would wait for itself");
}

void JobPool::waitUntilIdle(std::unique_lock<std::mutex> &lock)
{
    m_idle.wait(lock, [this] { return m_inFlight == 0; });
}

std::exception_ptr JobPool::takeError()
{
    return std::exchange(m_firstError, nullptr);
}

} // namespace ringflow::dispatch
