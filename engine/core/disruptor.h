#pragma once

#include "aggregate_handler.h"
#include "async_batch_processor.h"
#include "batch_event_processor.h"
#include "configured.h"
#include "error_routes.h"
#include "event_poller.h"
#include "ring_buffer.h"
#include "stage_threads.h"
#include "work_processor.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace ringflow::core {

/// Builds a graph of stages over one ring and owns their threads.
///
///     Disruptor<Event, SingleProducerSequencer> d(1024, std::make_unique<YieldingWaitStrategy>());
///     d.handleEventsWith(a, b).then(c);          // c sees an event only after a and b
///     d.after(c).handleEventsWithWorkerPool(w1, w2);
///     auto &ring = d.start();
///
/// Handlers are referenced, not copied: they must outlive the Disruptor. A stage whose handler
/// fails under ExceptionPolicy::Halt (HaltDisruptor) halts the whole disruptor (threads stop,
/// producers waiting in next() get Halted) after its error reached the error handler; under
/// HaltStage only that stage stops (see ExceptionPolicy). A stage's errors go to the first of:
/// handleExceptionsFor(handler).with(...), its StageOptions::onError, setErrorHandler(...),
/// standard error.
///
/// Stopping: a halted stage stops once its handler returns from the event in hand (per-event
/// handlers, even in the middle of a batch) or the batch in hand (batch handlers, bounded by
/// StageOptions::maxBatchSize). A handler that never returns cannot be stopped, since threads
/// cannot be cancelled: halt() and shutdown(timeout) wait for it; halt(limit) and
/// shutdown(timeout, joinLimit) give up at the limit and name its stage, and the destructor waits
/// for it. An async stage (AsyncBatchHandler) likewise stops once the task of its batch in flight
/// has completed, and starts no further batch.
///
/// Destroying: the destructor halts, joins every stage and waits for the producers blocked in
/// next() to leave with Halted. A producer must not call into the ring once its Disruptor is being
/// destroyed, so producer threads stop on Halted (or are told to stop) before the owner lets go.
template <typename T, typename S = Sequencer>
class Disruptor {
public:
    using Ring = RingBuffer<T, S>;

    class HandlerGroup {
    public:
        /// Stages that each see every event after all stages of this group have.
        template <typename... Hs>
        HandlerGroup then(Hs &&...handlers)
        {
            return m_disruptor->createStages(m_sequences, std::forward<Hs>(handlers)...);
        }
        template <typename... Hs>
        HandlerGroup handleEventsWith(Hs &&...handlers)
        {
            return then(std::forward<Hs>(handlers)...);
        }
        /// A worker pool after this group: each event goes to exactly one of the workers.
        template <typename... Hs>
        HandlerGroup thenWorkerPool(Hs &...workers)
        {
            return m_disruptor->createWorkerPool(m_sequences, StageOptions {}, workers...);
        }
        template <typename... Hs>
        HandlerGroup thenWorkerPool(StageOptions options, Hs &...workers)
        {
            return m_disruptor->createWorkerPool(m_sequences, std::move(options), workers...);
        }
        template <typename... Hs>
        HandlerGroup handleEventsWithWorkerPool(Hs &...workers)
        {
            return thenWorkerPool(workers...);
        }
        template <typename H>
        HandlerGroup thenWorkerPool(StageOptions options, std::span<H *const> workers)
        {
            return m_disruptor->createWorkerPool(m_sequences, std::move(options), workers);
        }
        /// A poller (see EventPoller) after this group, owned by the Disruptor.
        EventPoller<Ring> &thenPoller() { return m_disruptor->createPoller(m_sequences); }
        /// The union of two groups, to make a stage wait for both.
        HandlerGroup operator&(const HandlerGroup &other) const
        {
            std::vector<const Sequence *> both = m_sequences;
            both.insert(both.end(), other.m_sequences.begin(), other.m_sequences.end());
            return HandlerGroup(m_disruptor, std::move(both));
        }
        const std::vector<const Sequence *> &sequences() const noexcept { return m_sequences; }

    private:
        friend class Disruptor;
        HandlerGroup(Disruptor *disruptor, std::vector<const Sequence *> sequences)
            : m_disruptor(disruptor), m_sequences(std::move(sequences))
        {
        }

        Disruptor *m_disruptor;
        std::vector<const Sequence *> m_sequences;
    };

    /// `threads` makes the stages' threads and the async pool's (see ThreadFactory; default:
    /// namedThread).
    Disruptor(std::int64_t size, std::unique_ptr<WaitStrategy> waitStrategy, const std::function<T()> &factory = {},
        ThreadFactory threads = {}) requires(!std::is_abstract_v<S>)
        : m_ring(size, std::move(waitStrategy), factory), m_threadFactory(std::move(threads))
    {
    }
    explicit Disruptor(std::unique_ptr<S> sequencer, const std::function<T()> &factory = {}, ThreadFactory threads = {})
        : m_ring(std::move(sequencer), factory), m_threadFactory(std::move(threads))
    {
    }
    /// Halts, joins every stage's thread (waiting for a handler that has not returned) and waits
    /// for producers blocked in next() to leave with Halted before anything is freed. Producers that
    /// are not blocked in next() must have stopped using the ring.
    ~Disruptor()
    {
        halt();
        m_ring.sequencer().releaseWaitingProducers();
    }
    Disruptor(const Disruptor &) = delete;
    Disruptor &operator=(const Disruptor &) = delete;

    /// Stages that read straight from the producers.
    template <typename... Hs>
    HandlerGroup handleEventsWith(Hs &&...handlers)
    {
        return createStages({}, std::forward<Hs>(handlers)...);
    }
    /// A worker pool that reads straight from the producers.
    template <typename... Hs>
    HandlerGroup handleEventsWithWorkerPool(Hs &...workers)
    {
        return createWorkerPool({}, StageOptions {}, workers...);
    }
    template <typename... Hs>
    HandlerGroup handleEventsWithWorkerPool(StageOptions options, Hs &...workers)
    {
        return createWorkerPool({}, std::move(options), workers...);
    }
    /// A worker pool whose size is known only at run time.
    template <typename H>
    HandlerGroup handleEventsWithWorkerPool(StageOptions options, std::span<H *const> workers)
    {
        return createWorkerPool({}, std::move(options), workers);
    }
    /// A poller that reads straight from the producers, owned by the Disruptor: the caller polls
    /// it on a thread of its own choosing. It gates producers and can be named in after().
    EventPoller<Ring> &createPoller() { return createPoller({}); }
    /// The group of already added handlers, to hang further stages after them.
    template <typename... Hs>
    HandlerGroup after(const Hs &...handlers)
    {
        std::vector<const Sequence *> sequences;
        (appendSequencesOf(&handlers, sequences), ...);
        return HandlerGroup(this, std::move(sequences));
    }

    /// Set before start(); called on the stage's thread. Default: standard error.
    void setErrorHandler(ErrorHandler handler) { m_errorRoutes.setDefault(std::move(handler)); }

    /// `handleExceptionsFor(handler).with(errorHandler)`: the errors of an already added handler's
    /// stage (of a worker pool: of that worker) go to `errorHandler` instead of the Disruptor's
    /// error handler. Before start().
    template <typename H>
    ErrorRoutes::StageErrors handleExceptionsFor(const H &handler)
    {
        checkNotStarted();
        if (!m_sequencesByHandler.contains(&handler))
            throw std::invalid_argument("handleExceptionsFor(): a handler that was never added to this Disruptor");
        return ErrorRoutes::StageErrors(m_errorRoutes, &handler);
    }

    /// The number of threads of the pool that runs this Disruptor's async stages (handlers whose
    /// onBatch returns a BatchTask), created by start() when there is such a stage. Default 1.
    void setAsyncThreads(int threads)
    {
        checkNotStarted();
        m_asyncThreads = std::max(1, threads);
    }

    /// Starts one thread per stage and returns the ring to publish to. Only once.
    Ring &start()
    {
        if (m_started)
            throw std::logic_error("a Disruptor can be started only once");
        m_started = true;
        for (std::size_t i = 0; i < m_processors.size(); ++i) {
            m_processors[i]->setErrorHandler(m_errorRoutes.forStage(m_handlerOf[i], m_processors[i]->options()));
            m_processors[i]->setOnFatal([this] { requestHalt(); });
        }
        m_threads.start(m_processors, m_threadFactory);
        if (!m_asyncStages.empty()) {
            m_executor = std::make_unique<AsyncExecutor>(m_asyncThreads, "async", m_threadFactory);
            for (AsyncStage *stage : m_asyncStages)
                stage->launch(*m_executor);
        }
        return m_ring;
    }

    /// Stops every stage now (pending events stay unprocessed), releases producers blocked in
    /// next() and joins the threads: returns once every handler has returned from the event (or
    /// batch) in hand, and every async stage's batch in flight has completed. Safe to call any
    /// number of times, from any thread but a stage's or the async pool's.
    void halt()
    {
        requestHalt();
        m_threads.joinAll();
        for (AsyncStage *stage : m_asyncStages)
            stage->waitUntilStopped();
    }

    /// halt(), waiting at most `limit` for the stages' threads. Returns the names of the stages
    /// whose handler had not returned by then (in the order they were added), empty when every
    /// thread was joined. Those threads keep running until their handler returns, then stop; a later
    /// halt() (or the destructor) joins them. Until then their handlers, the ring and this object
    /// stay in use: read nothing a named stage writes, and destroy no handler before the Disruptor.
    std::vector<std::string> halt(std::chrono::nanoseconds limit)
    {
        requestHalt();
        const auto deadline = std::chrono::steady_clock::now() + limit;
        std::vector<std::string> running = m_threads.joinUntil(deadline);
        for (AsyncStage *stage : m_asyncStages) {
            if (!stage->waitUntilStopped(deadline))
                running.push_back(dynamic_cast<const EventProcessor &>(*stage).name());
        }
        return running;
    }

    /// Waits until every stage and poller has processed everything published before this call
    /// (a poller only gets there while its owner polls it); does not halt. False when that takes longer than `timeout`,
    /// a stage has failed or the ring was halted.
    bool drain(std::chrono::nanoseconds timeout)
    {
        if (!m_started)
            return !hasFailed();
        const std::int64_t target = m_ring.cursor();
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        // A ring halted by someone else (a failed stage, a concurrent halt) cannot drain any more.
        while (!hasFailed() && !m_ring.sequencer().isHalted()) {
            const auto reached = [target](const auto &stage) { return stage->sequence().get() >= target; };
            if (std::all_of(m_processors.begin(), m_processors.end(), reached)
                && std::all_of(m_pollers.begin(), m_pollers.end(), reached))
                return true;
            if (std::chrono::steady_clock::now() >= deadline)
                return false;
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
        return false;
    }

    /// drain(timeout), then halt(): returns within `timeout` plus the event (or batch) in hand.
    /// Returns false, with everything halted all the same, when the drain did not complete.
    bool shutdown(std::chrono::nanoseconds timeout)
    {
        const bool drained = drain(timeout);
        halt();
        return drained;
    }

    struct ShutdownOutcome {
        bool drained = false; ///< every stage processed everything published before the call
        std::vector<std::string> stillRunning; ///< stages whose handler had not returned; see halt(limit)
    };
    /// drain(timeout), then halt(joinLimit): returns within `timeout` plus `joinLimit` even when a
    /// handler never returns, naming the stages whose threads are still running.
    ShutdownOutcome shutdown(std::chrono::nanoseconds timeout, std::chrono::nanoseconds joinLimit)
    {
        const bool drained = drain(timeout);
        return {drained, halt(joinLimit)};
    }

    Ring &ringBuffer() noexcept { return m_ring; }
    bool hasFailed() const noexcept
    {
        return std::any_of(m_processors.begin(), m_processors.end(), [](const auto &p) { return p->hasFailed(); });
    }
    /// The processors in the order they were added (for inspection and metrics).
    const std::vector<std::unique_ptr<EventProcessor>> &processors() const noexcept { return m_processors; }

private:
    template <typename H>
    static Configured<H> normalize(Configured<H> configured)
    {
        return configured;
    }
    template <typename H>
    static Configured<H> normalize(H &handler)
    {
        return {handler, {}};
    }

    template <typename... Hs>
    HandlerGroup createStages(const std::vector<const Sequence *> &upstream, Hs &&...handlers)
    {
        checkNotStarted();
        std::vector<const Sequence *> created;
        (createStage(upstream, normalize(std::forward<Hs>(handlers)), created), ...);
        updateGating(upstream, created);
        return HandlerGroup(this, std::move(created));
    }

    template <typename H>
    void createStage(
        const std::vector<const Sequence *> &upstream, Configured<H> stage, std::vector<const Sequence *> &created)
    {
        StageOptions options = std::move(stage.options);
        if (options.name.empty())
            options.name = "stage-" + std::to_string(m_processors.size());
        auto barrier = std::make_shared<SequenceBarrier>(m_ring.sequencer(), upstream);
        std::unique_ptr<EventProcessor> processor;
        if constexpr (AsyncBatchHandler<H, T>) {
            auto async = std::make_unique<AsyncBatchProcessor<Ring, H>>(
                m_ring, std::move(barrier), stage.handler, std::move(options));
            m_asyncStages.push_back(async.get());
            processor = std::move(async);
        } else {
            processor = std::make_unique<BatchEventProcessor<Ring, H>>(
                m_ring, std::move(barrier), stage.handler, std::move(options));
        }
        created.push_back(&processor->sequence());
        m_sequencesByHandler[&stage.handler] = {&processor->sequence()};
        m_handlerOf.push_back(&stage.handler);
        m_processors.push_back(std::move(processor));
    }

    EventPoller<Ring> &createPoller(const std::vector<const Sequence *> &upstream)
    {
        checkNotStarted();
        auto poller = std::make_unique<EventPoller<Ring>>(m_ring, upstream);
        m_sequencesByHandler[poller.get()] = {&poller->sequence()};
        updateGating(upstream, {&poller->sequence()});
        m_pollers.push_back(std::move(poller));
        return *m_pollers.back();
    }

    template <typename... Hs>
    HandlerGroup createWorkerPool(const std::vector<const Sequence *> &upstream, StageOptions options, Hs &...workers)
    {
        static_assert(sizeof...(Hs) > 0, "a worker pool needs at least one worker");
        return buildWorkerPool(upstream, std::move(options), [&](auto &addWorker) { (addWorker(workers), ...); });
    }
    template <typename H>
    HandlerGroup createWorkerPool(
        const std::vector<const Sequence *> &upstream, StageOptions options, std::span<H *const> workers)
    {
        if (workers.empty())
            throw std::invalid_argument("a worker pool needs at least one worker");
        return buildWorkerPool(upstream, std::move(options), [&](auto &addWorker) {
            for (H *worker : workers)
                addWorker(*worker);
        });
    }

    // `addWorkers(addWorker)` calls addWorker(handler) once per worker.
    template <typename AddWorkers>
    HandlerGroup buildWorkerPool(
        const std::vector<const Sequence *> &upstream, StageOptions options, AddWorkers &&addWorkers)
    {
        checkNotStarted();
        if (options.name.empty())
            options.name = "pool-" + std::to_string(m_processors.size());
        auto barrier = std::make_shared<SequenceBarrier>(m_ring.sequencer(), upstream);
        auto queue = std::make_shared<WorkQueue>();
        std::vector<const Sequence *> created;
        std::vector<const void *> handlers;
        auto addWorker = [&](auto &worker) {
            using H = std::remove_cvref_t<decltype(worker)>;
            StageOptions workerOptions = options;
            workerOptions.name = options.name + "." + std::to_string(handlers.size());
            auto processor
                = std::make_unique<WorkProcessor<Ring, H>>(m_ring, barrier, queue, worker, std::move(workerOptions));
            ++queue->workers;
            created.push_back(&processor->sequence());
            handlers.push_back(&worker);
            m_handlerOf.push_back(&worker);
            m_processors.push_back(std::move(processor));
        };
        addWorkers(addWorker);
        // Depending on any one worker means depending on the whole pool.
        for (const void *handler : handlers)
            m_sequencesByHandler[handler] = created;
        updateGating(upstream, created);
        return HandlerGroup(this, std::move(created));
    }

    void appendSequencesOf(const void *handler, std::vector<const Sequence *> &sequences) const
    {
        const auto found = m_sequencesByHandler.find(handler);
        if (found == m_sequencesByHandler.end())
            throw std::invalid_argument("after(): a handler that was never added to this Disruptor");
        sequences.insert(sequences.end(), found->second.begin(), found->second.end());
    }

    // Producers are held back by the ends of the chains only: upstream stages are already slower
    // than (or as slow as) the stages that now follow them.
    void updateGating(const std::vector<const Sequence *> &upstream, const std::vector<const Sequence *> &created)
    {
        for (const Sequence *sequence : upstream)
            m_ring.sequencer().removeGatingSequence(sequence);
        m_ring.sequencer().addGatingSequences(created);
    }

    void checkNotStarted() const
    {
        if (m_started)
            throw std::logic_error("stages must be added before the Disruptor starts");
    }

    void requestHalt() noexcept
    {
        // Stages first, then the ring: a handler that lets go of its event once the ring is halted
        // (as a stage stuck on a halted downstream resource would) must find every later stage
        // already alerted, or one of them may still take that event in the meantime.
        for (auto &processor : m_processors)
            processor->halt();
        m_ring.sequencer().halt();
    }

    Ring m_ring;
    std::vector<std::unique_ptr<EventProcessor>> m_processors;
    std::map<const void *, std::vector<const Sequence *>> m_sequencesByHandler;
    std::vector<std::unique_ptr<EventPoller<Ring>>> m_pollers;
    std::vector<const void *> m_handlerOf; ///< the handler of each of m_processors
    ErrorRoutes m_errorRoutes;
    std::vector<AsyncStage *> m_asyncStages; ///< those of m_processors that run on m_executor
    ThreadFactory m_threadFactory;
    StageThreads m_threads; // after the processors: destroyed (joined) before them
    // Destroyed (joined) once halt() has seen every async stage stop; a thread may still be freeing
    // a finished stage loop's frame, which touches no processor.
    std::unique_ptr<AsyncExecutor> m_executor;
    int m_asyncThreads = 1;
    bool m_started = false;
};

} // namespace ringflow::core
