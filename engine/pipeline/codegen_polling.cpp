// polling.h of the generated project, for a design with polled stages (`consume` poll): the thread
// that polls a stage's EventPoller for its handler, as the user's own thread would.
#include "pipeline/codegen_parts.h"

namespace ringflow::pipeline::codegen {

namespace {

constexpr std::string_view kPollingThread = R"cpp(
/// Polls a stage's EventPoller for its handler on a thread of its own, as your own thread would:
/// poll; when nothing is available, yield, and after 100 empty polls in a row sleep 50 µs between
/// polls (a poller never waits in the ring's wait strategy: the polling thread chooses how to idle).
/// A failure follows the stage's options as a processor would: a RewindableException has the
/// failing event handed out again, as often as the RewindStrategy allows and after its back-off;
/// then Continue counts the event as done, HaltStage stops the polling and Halt stops it and halts
/// the ring. The poller ignores halts: stop() ends the polling, once the ring has drained.
template <typename Disruptor, typename Handler>
class PollingThread {
public:
    using Poller = ringflow::core::EventPoller<typename Disruptor::Ring>;

    PollingThread(Poller &poller, Handler &handler, ringflow::core::StageOptions options, Disruptor &ring,
        ringflow::core::ErrorHandler onError = ringflow::core::reportToStandardError)
        : m_poller(poller), m_handler(handler), m_options(std::move(options)), m_ring(ring), m_onError(onError)
    {
    }
    ~PollingThread() { stop(); }
    PollingThread(const PollingThread &) = delete;
    PollingThread &operator=(const PollingThread &) = delete;

    /// For Disruptor::after(): the stages after this one wait for its poller.
    Poller &poller() const { return m_poller; }
    /// Whether a failure stopped the polling (HaltStage or Halt).
    bool failed() const { return m_failed.load(std::memory_order_acquire); }
    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void stop()
    {
        m_stop.store(true, std::memory_order_relaxed); // only ends the loop; join() orders the rest
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    struct Leave { }; ///< thrown out of poll(): the event in hand stays unhandled

    void run()
    {
        int idle = 0;
        while (!m_stop.load(std::memory_order_relaxed) && !failed()) {
            ringflow::core::PollState state;
            try {
                state = m_poller.poll([this](Event &event, std::int64_t sequence, bool endOfBatch) {
                    return handle(event, sequence, endOfBatch);
                });
            } catch (const Leave &) {
                continue;
            }
            if (state == ringflow::core::PollState::Processing)
                idle = 0;
            else if (++idle < 100)
                std::this_thread::yield();
            else
                std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
    }

    bool handle(Event &event, std::int64_t sequence, bool endOfBatch)
    {
        try {
            m_handler.onEvent(event, sequence, endOfBatch);
            return true;
        } catch (const ringflow::core::RewindableException &) {
            if (mayRewind(sequence)) {
                std::this_thread::sleep_for(m_options.rewind.backOff);
                throw Leave {};
            }
            fail(sequence);
        } catch (...) {
            fail(sequence);
        }
        if (failed())
            throw Leave {};
        return true;
    }

    bool mayRewind(std::int64_t sequence)
    {
        if (sequence != m_rewoundAt) {
            m_rewoundAt = sequence;
            m_rewinds = 0;
        }
        return m_rewinds++ < m_options.rewind.maxRewinds;
    }

    /// In the handler's catch: reports the failure and applies the policy.
    void fail(std::int64_t sequence)
    {
        const bool fatal = m_options.policy != ringflow::core::ExceptionPolicy::Continue;
        m_onError({m_options.name, ringflow::core::FailurePhase::Event, sequence, std::current_exception(), fatal});
        m_failed.store(fatal, std::memory_order_release);
        if (m_options.policy == ringflow::core::ExceptionPolicy::Halt)
            m_ring.halt();
    }

    Poller &m_poller;
    Handler &m_handler;
    ringflow::core::StageOptions m_options;
    Disruptor &m_ring;
    ringflow::core::ErrorHandler m_onError;
    std::atomic<bool> m_stop {false};
    std::atomic<bool> m_failed {false}; ///< written by the polling thread only
    std::int64_t m_rewoundAt = -1;
    std::int64_t m_rewinds = 0;
    std::thread m_thread;
};
)cpp";

} // namespace

std::string pollingHeader(const Design &design)
{
    if (!design.features.polled)
        return {};
    std::string text = headerComment(design, "The threads that poll the polled stages.");
    text += includes({"\"event.h\""});
    text += includes({"<ringflow/core/event_handler.h>", "<ringflow/core/event_poller.h>"});
    text += includes({"<atomic>", "<chrono>", "<cstdint>", "<exception>", "<thread>", "<utility>"});
    text.pop_back(); // the class starts with its blank line
    return text + std::string(kPollingThread);
}

} // namespace ringflow::pipeline::codegen
