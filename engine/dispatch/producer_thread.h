#pragma once

#include "poll_until.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace ringflow::dispatch {

/// The thread behind a registered producer: runs a body with a fresh stop token, can be asked to
/// stop, reports whether the body still runs, and can run the body again once it returned.
/// Every member may be called from any thread.
class ProducerThread {
public:
    explicit ProducerThread(std::string name);
    /// Asks a running body to stop and waits for it.
    ~ProducerThread();
    ProducerThread(const ProducerThread &) = delete;
    ProducerThread &operator=(const ProducerThread &) = delete;

    /// Runs `body` on a new thread; false (and nothing happens) while an earlier run is still going.
    bool start(std::function<void(std::stop_token)> body);
    /// Sets the stop token of the current run; the body decides when to return.
    void requestStop();
    bool isRunning() const;
    /// Waits until the current run (if any) returned; false if `deadline` passed first.
    bool waitFinished(Clock::time_point deadline = Clock::time_point::max()) const;
    /// waitFinished(), then joins the finished thread.
    void join();

    const std::string &name() const noexcept { return m_name; }

private:
    const std::string m_name;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_finished;
    bool m_running = false;
    std::stop_source m_stopSource;
    std::thread m_thread;
};

} // namespace ringflow::dispatch
