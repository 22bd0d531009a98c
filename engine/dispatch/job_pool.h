#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ringflow::dispatch {

/// A fixed number of worker threads that run jobs in phases:
///
///     JobPool pool(4);
///     for (auto &chunk : chunks)
///         pool.dispatch([&chunk] { load(chunk); });   // blocks while all 4 workers are busy
///     pool.barrier();                                  // every load has finished
///     for (auto &chunk : chunks)
///         pool.dispatch([&chunk] { index(chunk); });
///     pool.finalize();
///
/// Bound: at most workers() jobs are in flight (accepted by dispatch() and not yet finished), queued
/// ones included; dispatch() waits for a job to finish before it accepts one more. So nothing
/// piles up behind slow jobs, and memory stays flat however many jobs are dispatched.
///
/// Errors: a job that throws counts as finished and failed; its worker goes on with the next job.
/// The first error since the last barrier() is rethrown by barrier() (or finalize()), the others are
/// only counted (failedJobs()). Every pool has its own threads and its own error state, so a failing
/// pool never disturbs another (bulkhead).
///
/// Threads: dispatch() may be called from any thread; barrier() waits for the whole pool to be idle,
/// so phases are meant to be driven by one thread. A job must not dispatch to, or wait on, its own
/// pool (it would wait for itself): both throw std::logic_error.
class JobPool {
public:
    using Job = std::function<void()>;

    /// Starts `workers` threads (at least one), named "<name>-<index>".
    explicit JobPool(std::size_t workers, std::string name = "job");
    /// finalize(), with any pending error dropped: call finalize() yourself to see it.
    ~JobPool();
    JobPool(const JobPool &) = delete;
    JobPool &operator=(const JobPool &) = delete;

    /// Hands `job` to a worker, waiting while workers() jobs are in flight. Throws std::logic_error
    /// after finalize() and std::invalid_argument for an empty job.
    void dispatch(Job job);
    /// Waits until no job is in flight, so the next phase starts after everything dispatched so far.
    /// Then rethrows the first error of the phase, if any; the pool stays usable.
    void barrier();
    /// Waits like barrier(), stops and joins the workers, then rethrows a pending error. Only the
    /// first call does anything; later ones return at once.
    void finalize();

    std::size_t workers() const noexcept { return m_workerCount; }
    std::size_t inFlight() const;
    /// Jobs finished so far, failed ones included.
    std::uint64_t completedJobs() const;
    std::uint64_t failedJobs() const;

private:
    void work();
    void requireOutsideOwnJobs(const char *operation) const;
    // Both with m_mutex held.
    void waitUntilIdle(std::unique_lock<std::mutex> &lock);
    std::exception_ptr takeError();

    const std::size_t m_workerCount;
    mutable std::mutex m_mutex;
    std::condition_variable m_jobReady; // workers: a job is queued, or the pool stops
    std::condition_variable m_slotFree; // dispatchers: fewer than workers() jobs in flight
    std::condition_variable m_idle; // barrier: nothing in flight
    // The queue is a ring of workers() places: the bound above leaves no use for more.
    std::vector<Job> m_queue;
    std::size_t m_queueHead = 0;
    std::size_t m_queued = 0;
    std::size_t m_inFlight = 0;
    std::uint64_t m_completed = 0;
    std::uint64_t m_failed = 0;
    std::exception_ptr m_firstError;
    bool m_stopping = false;

    std::mutex m_finalizeMutex;
    bool m_finalized = false;
    std::vector<std::thread> m_threads;
};

} // namespace ringflow::dispatch
