#pragma once

// Your own code on the nodes of a designed pipeline: a program loads a pipeline file, binds its
// producers and consumers by node id, and runs it with BasicRuntime<Event>, the runtime the
// designer and ringflow-run use, with the same topology, metrics, stop and report.

#include "core/aggregate_handler.h"
#include "core/disruptor.h"
#include "counting_handler.h"
#include "poll_loop.h"
#include "producer_loop.h"
#include "publisher.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ringflow::pipeline {

template <typename Event>
using PipelineDisruptor = core::Disruptor<Event, core::Sequencer>;

/// What the runtime hands a consumer's binding when it builds the consumer.
template <typename Event>
struct ConsumerBuild {
    PipelineDisruptor<Event> &disruptor;
    std::optional<typename PipelineDisruptor<Event>::HandlerGroup> upstream; ///< empty: reads the ring
    core::StageOptions options;
    const ConsumerRoute &route;
    std::vector<ConsumerCounters *> counters; ///< one per thread of the node
    PipelineRing<Event> *forwardTo; ///< null unless the node forwards
    std::vector<std::shared_ptr<void>> &owned; ///< keeps what the binding makes alive for the run
    PollLoops &polls; ///< the ring's poll loops
    bool async = false; ///< the stage runs its batches as tasks on the ring's async pool
    bool polled = false; ///< the stage is an EventPoller that a poll loop polls

    /// Adds `handler` (already wrapped for counting) as one stage after the upstream group: a
    /// processor, or, for a polled stage's per-event handler, a poller and the loop that polls it.
    template <typename Wrapped>
    typename PipelineDisruptor<Event>::HandlerGroup addStage(Wrapped &handler)
    {
        if constexpr (!core::BatchHandler<Wrapped, Event>) {
            if (polled) {
                auto &poller = upstream ? upstream->thenPoller() : disruptor.createPoller();
                polls.add(poller, disruptor.ringBuffer(),
                    upstream ? upstream->sequences() : std::vector<const core::Sequence *> {}, handler, options);
                return disruptor.after(poller);
            }
        }
        auto configured = core::configure(handler, options);
        return upstream ? upstream->then(configured) : disruptor.handleEventsWith(configured);
    }
};

/// The user's handlers and producers for the nodes of one pipeline, by node id, on events of type
/// `Event` (default-constructible and copy-assignable: forwarding copies events into the next ring).
/// Handlers are referenced, not copied: they must outlive the run. Bind, then hand the bindings
/// to BasicRuntime<Event>, which checks them against the plan before any thread starts.
template <typename Event>
class Bindings {
public:
    enum class Shape { Producer, Stage, WorkerPool, Aggregate };

    struct Binding {
        Shape shape;
        bool perBatch = false; ///< a per-batch handler: it cannot take a per-event channel filter
        std::size_t workers = 0; ///< worker pools: how many handlers were given
        std::function<void(const ProducerThread<Event> &)> produce;
        std::function<typename PipelineDisruptor<Event>::HandlerGroup(ConsumerBuild<Event> &)> attach;
        bool async = false; ///< an async batch handler: its stage must be async
    };

    /// Producer `id` publishes as its node says (threads, events or duration, batch, rate);
    /// `fill(event, count)` writes each event, count being the thread's running count. With
    /// several threads it is called from all of them at once.
    template <typename Fill>
    Bindings &fill(const std::string &id, Fill fill)
    {
        return add(id,
            {Shape::Producer, false, 0,
                [fill](const ProducerThread<Event> &thread) mutable { runProducerThread(thread, fill); }, {}});
    }

    /// Producer `id`'s threads each run `source(publisher)`, publishing at their own pace until
    /// they return or `publisher.stopping()` says the run stops.
    Bindings &source(const std::string &id, std::function<void(Publisher<Event> &)> source)
    {
        return add(id,
            {Shape::Producer, false, 0, [source](const ProducerThread<Event> &thread) { runSource(thread, source); },
                {}});
    }

    /// Stage `id` runs `handler`: a per-event handler (`onEvent(event, sequence, endOfBatch)`), a
    /// per-batch one (`onBatch(batch, firstSequence)`) or an async batch one (`core::BatchTask
    /// onBatch(batch, firstSequence)`, for a stage whose handling is async), with optional
    /// onStart/onShutdown/onTimeout. On an async stage, any of them runs as a task on the pool.
    template <typename H>
    Bindings &handler(const std::string &id, H &handler)
    {
        constexpr bool kAsync = core::AsyncBatchHandler<H, Event>;
        constexpr bool kPerBatch = core::BatchHandler<H, Event>;
        return add(id,
            {Shape::Stage, kPerBatch, 1, {},
                [&handler](ConsumerBuild<Event> &build) {
                    if (kAsync || build.async)
                        return build.addStage(wrap<CountingAsyncHandler<Event, H>>(build, handler, 0));
                    return addSynchronous(build, handler);
                },
                kAsync});
    }

    /// Worker pool `id`: one per-event handler per worker, as many as the node's workers.
    template <typename H>
    Bindings &workers(const std::string &id, std::vector<H *> handlers)
    {
        const std::size_t count = handlers.size();
        return add(id, {Shape::WorkerPool, false, count, {}, [handlers](ConsumerBuild<Event> &build) {
                            std::vector<CountingEventHandler<Event, H> *> wrapped;
                            for (std::size_t i = 0; i < handlers.size(); ++i)
                                wrapped.push_back(&wrap<CountingEventHandler<Event, H>>(build, *handlers[i], i));
                            const std::span<CountingEventHandler<Event, H> *const> span(wrapped);
                            return build.upstream ? build.upstream->thenWorkerPool(build.options, span)
                                                  : build.disruptor.handleEventsWithWorkerPool(build.options, span);
                        }});
    }

    /// Aggregate `id` runs the per-event `handlers` one after the other for each event, on one thread.
    template <typename... Hs>
    Bindings &aggregate(const std::string &id, Hs &...handlers)
    {
        return add(id, {Shape::Aggregate, false, 1, {}, [&handlers...](ConsumerBuild<Event> &build) {
                            auto members = std::make_shared<core::AggregateHandler<Hs...>>(handlers...);
                            build.owned.push_back(members);
                            using Members = core::AggregateHandler<Hs...>;
                            return build.addStage(wrap<CountingEventHandler<Event, Members>>(build, *members, 0));
                        }});
    }

    /// Nodes left unbound run their designed synthetic workload (count, busy, sleep...) instead of
    /// being an error: a design comes to life one node at a time. Unbound producers then publish
    /// events they do not write (default-constructed, or what the slot last held).
    Bindings &keepSyntheticWorkloads(bool keep = true)
    {
        m_keepSynthetic = keep;
        return *this;
    }

    bool keepsSyntheticWorkloads() const noexcept { return m_keepSynthetic; }
    const std::map<std::string, Binding> &bindings() const noexcept { return m_bindings; }
    /// Node ids bound twice, in order (the runtime refuses them).
    const std::vector<std::string> &duplicates() const noexcept { return m_duplicates; }

private:
    Bindings &add(const std::string &id, Binding binding)
    {
        if (!m_bindings.emplace(id, std::move(binding)).second)
            m_duplicates.push_back(id);
        return *this;
    }

    // A stage with a thread (or a poll loop) of its own running `handler`.
    template <typename H>
    static typename PipelineDisruptor<Event>::HandlerGroup addSynchronous(ConsumerBuild<Event> &build, H &handler)
    {
        if constexpr (core::AsyncBatchHandler<H, Event>)
            throw std::logic_error("an async batch handler runs on an async stage only");
        else if constexpr (core::BatchHandler<H, Event>)
            return build.addStage(wrap<CountingBatchHandler<Event, H>>(build, handler, 0));
        else if (CountingPlainHandler<Event, H>::fitsPlain(build.route, build.forwardTo))
            return build.addStage(wrap<CountingPlainHandler<Event, H>>(build, handler, 0));
        else
            return build.addStage(wrap<CountingEventHandler<Event, H>>(build, handler, 0));
    }

    // Wraps `handler` for counting on thread `thread` of the node; the wrapper lives for the run.
    template <typename Wrapped, typename H>
    static Wrapped &wrap(ConsumerBuild<Event> &build, H &handler, std::size_t thread)
    {
        auto wrapped = std::make_shared<Wrapped>(handler, build.route, *build.counters.at(thread), build.forwardTo);
        build.owned.push_back(wrapped);
        return *wrapped;
    }

    static void runSource(const ProducerThread<Event> &thread, const std::function<void(Publisher<Event> &)> &source)
    {
        core::setCurrentThreadName(thread.plan.id);
        try {
            Publisher<Event> publisher(thread);
            source(publisher);
        } catch (...) {
            reportProducerFailure(thread);
            thread.counters.finished.store(true, std::memory_order_release);
            return;
        }
        // A source writes its own events, so the runtime cannot write a completion event the way it
        // would: that one is a default event, with the count in its payload.
        auto defaultEvent = [](Event &event, std::uint64_t) { event = Event {}; };
        detail::finishProducerThread(thread, defaultEvent);
    }

    std::map<std::string, Binding> m_bindings;
    std::vector<std::string> m_duplicates;
    bool m_keepSynthetic = false;
};

} // namespace ringflow::pipeline
