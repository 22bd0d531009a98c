#pragma once

#include "bindings.h"
#include "runtime_core.h"
#include "shared_payload_wait.h"
#include "synthetic_event.h"
#include "synthetic_handler.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace ringflow::pipeline {

/// Why bindings do not fit a plan: every problem, each naming its node. Thrown before any thread
/// starts.
class BindingError : public std::invalid_argument {
public:
    explicit BindingError(std::vector<std::string> problems)
        : std::invalid_argument(joinedProblems(problems)), m_problems(std::move(problems))
    {
    }
    const std::vector<std::string> &problems() const noexcept { return m_problems; }

private:
    static std::string joinedProblems(const std::vector<std::string> &problems)
    {
        std::string text = "the bindings do not fit the pipeline:";
        for (const std::string &problem : problems)
            text += "\n  " + problem;
        return text;
    }
    std::vector<std::string> m_problems;
};

/// Runs a compiled plan with events of type `Event`, each node running what `bindings` bind to it
/// (or its synthetic workload, where the bindings keep them): the rings, sequencers, wait
/// strategies, barriers, worker pools, chained rings, channel filters, exception policies and
/// batch limits are the plan's, exactly as the designer shows them. See RuntimeCore for the
/// lifecycle, sample() and the report.
template <typename Event>
class BasicRuntime : public RuntimeCore {
    static_assert(std::is_default_constructible_v<Event> && std::is_copy_assignable_v<Event>,
        "pipeline events are pre-allocated in the ring and copied when forwarded");

public:
    /// Throws BindingError when a node is unbound (unless the bindings keep synthetic workloads),
    /// bound twice or to something that does not fit its kind, or a binding names no node.
    BasicRuntime(Plan plan, Bindings<Event> bindings)
        : RuntimeCore(std::move(plan), boundNodes(bindings)), m_bindings(std::move(bindings)), m_onError(errorHandler())
    {
        checkBindings();
        for (detail::RingPart &ring : m_rings) // in data-flow order: a payload owner comes first
            ring.ring = std::make_unique<TypedRing>(*ring.plan, m_onError,
                ring.payloadsOf ? &m_rings[*ring.payloadsOf].ring->sequencer().waitStrategy() : nullptr);
        for (detail::ProducerPart &producer : m_producers)
            bindProducer(producer);
        std::map<std::string, typename PipelineDisruptor<Event>::HandlerGroup> groups;
        std::uint64_t seed = 1;
        std::vector<int> asyncThreads(m_rings.size(), 0);
        for (detail::ConsumerPart &consumer : m_consumers) {
            bindConsumer(consumer, groups, seed);
            if (consumer.plan->async)
                asyncThreads[consumer.ring] += consumer.plan->asyncThreads;
        }
        for (std::size_t ring = 0; ring < m_rings.size(); ++ring)
            if (asyncThreads[ring] > 0)
                disruptorOf(ring).setAsyncThreads(asyncThreads[ring]);
        gateSharedPayloads();
    }

    ~BasicRuntime() override
    {
        haltAll(); // every thread of every ring is joined
        // Downstream rings first: a ring sharing an upstream ring's payloads signals that ring's wait
        // strategy, which its own destructor (halting once more) must still find alive.
        for (auto ring = m_rings.rbegin(); ring != m_rings.rend(); ++ring)
            ring->ring.reset();
    }

private:
    class TypedRing final : public RunRing {
    public:
        /// `payloadOwner`: the wait strategy of the ring whose payloads this one shares, if any.
        TypedRing(const RingPlan &plan, const core::ErrorHandler &onError, core::WaitStrategy *payloadOwner)
            : disruptor(sequencerFor(plan, gate, payloadOwner)),
              polls(onError, [this] { requestHalt(); }),
              m_sequencer(disruptor.ringBuffer().sequencer())
        {
            disruptor.setErrorHandler(onError);
            if (gate)
                gate->attach(m_sequencer);
        }
        ~TypedRing() override
        {
            if (gate) // every producer has left the gate before the sequencer that owns it goes
                gate->releaseWaiting();
        }
        void start() override
        {
            disruptor.start();
            polls.start();
        }
        void halt() override
        {
            polls.requestStop();
            disruptor.halt();
            closeGate();
            polls.join();
        }
        std::vector<std::string> halt(std::chrono::nanoseconds limit) override
        {
            polls.requestStop();
            closeGate();
            const auto deadline = std::chrono::steady_clock::now() + limit;
            std::vector<std::string> running = disruptor.halt(limit);
            for (std::string &loop : polls.joinUntil(deadline))
                running.push_back(std::move(loop));
            return running;
        }
        bool drain(std::chrono::nanoseconds timeout) override
        {
            if (polls.empty())
                return disruptor.drain(timeout);
            // In slices, so that a poll loop that stops on a failure ends the drain as a stage would.
            const auto deadline = std::chrono::steady_clock::now() + timeout;
            for (;;) {
                if (polls.anyFailed())
                    return false;
                const auto left = deadline - std::chrono::steady_clock::now();
                if (disruptor.drain(std::min<std::chrono::nanoseconds>(left, std::chrono::milliseconds(10))))
                    return true;
                if (left <= std::chrono::milliseconds(10) || disruptor.hasFailed())
                    return false;
            }
        }
        bool hasFailed() const override { return disruptor.hasFailed() || polls.anyFailed(); }
        std::vector<std::string> failedStages() const override
        {
            std::vector<std::string> names = polls.failed();
            for (const auto &processor : disruptor.processors())
                if (processor->hasFailed())
                    names.push_back(processor->name());
            return names;
        }
        const core::Sequencer &sequencer() const override { return m_sequencer; }

        /// Where the ring's producers wait for free slots when they outnumber the cores twice (see
        /// detail::claim()); owned by the sequencer, declared first so that sequencerFor() sets it.
        core::CapacityGate *gate = nullptr;
        PipelineDisruptor<Event> disruptor;
        PollLoops polls; ///< after the disruptor: stopped and joined before its pollers go

    private:
        /// What a poll loop failing under ExceptionPolicy::Halt asks: everything of the ring stops,
        /// as Disruptor::halt() begins it, without waiting (the loop is one of what it stops).
        void requestHalt() noexcept
        {
            polls.requestStop();
            disruptor.ringBuffer().sequencer().halt();
            closeGate();
            for (const auto &processor : disruptor.processors())
                processor->halt();
        }

        void closeGate() noexcept
        {
            if (gate)
                gate->close();
        }

        const core::Sequencer &m_sequencer;

        /// A multi-producer ring with more than twice as many publishing threads as cores gets a
        /// capacity gate around its wait strategy (its consumers wait as before); `gate` is set to it.
        /// Not below: with a few producers the core's next() is cheaper (3P-1C on 2 cores ran 14%
        /// slower gated, docs/benchmarks-pipelines.md), with hundreds the gate is 1.5x faster.
        static std::unique_ptr<core::Sequencer> sequencerFor(
            const RingPlan &ring, core::CapacityGate *&gate, core::WaitStrategy *payloadOwner)
        {
            std::unique_ptr<core::WaitStrategy> waitStrategy = core::makeWaitStrategy(ring.waitStrategy);
            if (!waitStrategy)
                throw std::invalid_argument(
                    "ring '" + ring.id + "': unknown wait strategy '" + ring.waitStrategy + "'");
            if (payloadOwner)
                waitStrategy = std::make_unique<SharedPayloadWaitStrategy>(std::move(waitStrategy), *payloadOwner);
            if (ring.multiProducer
                && ring.publishingThreads > 2 * static_cast<int>(std::thread::hardware_concurrency())) {
                auto gated = std::make_unique<core::CapacityGate>(std::move(waitStrategy));
                gate = gated.get();
                waitStrategy = std::move(gated);
            }
            if (ring.multiProducer)
                return std::make_unique<core::MultiProducerSequencer>(ring.bufferSize, std::move(waitStrategy));
            return std::make_unique<core::SingleProducerSequencer>(ring.bufferSize, std::move(waitStrategy));
        }
    };

    static std::set<std::string> boundNodes(const Bindings<Event> &bindings)
    {
        std::set<std::string> nodes;
        for (const auto &[id, binding] : bindings.bindings())
            nodes.insert(id);
        return nodes;
    }

    // A ring whose payloads are another's: that ring's producers may reuse a slot only when this
    // ring's end consumers have passed the same sequence too, so they wait for them as well. The
    // payload bytes are then ordered as the events are: written before the source's publish (release),
    // read by this ring's consumers after their barrier's acquire, which a chain of release/acquire
    // pairs (source publish, forwarder's barrier, forward publish) puts after the write; and the
    // producer's next write comes after it reads these consumers' sequences (acquire) past the read.
    void gateSharedPayloads()
    {
        for (const detail::RingPart &ring : m_rings) {
            if (!ring.payloadsOf)
                continue;
            std::vector<const core::Sequence *> ends;
            for (const detail::ConsumerPart &consumer : m_consumers)
                if (consumer.plan->ring == ring.plan->id
                    && std::ranges::find(ring.plan->gating, consumer.plan->id) != ring.plan->gating.end())
                    ends.insert(ends.end(), consumer.sequences.begin(), consumer.sequences.end());
            disruptorOf(*ring.payloadsOf).ringBuffer().sequencer().addGatingSequences(ends);
        }
    }

    using Binding = typename Bindings<Event>::Binding;
    using Shape = typename Bindings<Event>::Shape;
    using HandlerGroup = typename PipelineDisruptor<Event>::HandlerGroup;

    PipelineDisruptor<Event> &disruptorOf(std::size_t ring)
    {
        return static_cast<TypedRing &>(*m_rings[ring].ring).disruptor;
    }

    const Binding *bindingOf(const std::string &id) const
    {
        const auto found = m_bindings.bindings().find(id);
        return found == m_bindings.bindings().end() ? nullptr : &found->second;
    }

    void checkBindings() const;
    std::string shapeProblem(const detail::ConsumerPart &consumer, const Binding &binding) const;

    void bindProducer(detail::ProducerPart &producer)
    {
        std::function<void(const ProducerThread<Event> &)> produce;
        if (const Binding *binding = bindingOf(producer.plan->id)) {
            produce = binding->produce;
        } else {
            produce = [](const ProducerThread<Event> &thread) {
                auto fill = [](Event &event, std::uint64_t count) {
                    if constexpr (std::is_same_v<Event, SyntheticEvent>)
                        event.value = count;
                };
                runProducerThread(thread, fill);
            };
        }
        PipelineRing<Event> &ring = disruptorOf(producer.ring).ringBuffer();
        RingSide &side = *m_rings[producer.ring].side;
        core::CapacityGate *gate = static_cast<TypedRing &>(*m_rings[producer.ring].ring).gate;
        producer.run = [this, &producer, &ring, &side, gate, produce](std::size_t thread) {
            const ProducerThread<Event> context {*producer.plan, ring, side, *producer.control,
                producer.live->get("rate"), *producer.counters[thread], producer.channel, producer.completionChannel,
                thread, m_onError, gate};
            produce(context);
        };
    }

    void bindConsumer(detail::ConsumerPart &consumer, std::map<std::string, HandlerGroup> &groups, std::uint64_t &seed)
    {
        const ConsumerPlan &plan = *consumer.plan;
        const core::RewindStrategy rewind {plan.rewindRetries, std::chrono::microseconds(plan.rewindBackOffUs)};
        ConsumerBuild<Event> build {disruptorOf(consumer.ring), std::nullopt,
            core::StageOptions {plan.id, plan.policy, plan.maxBatch, rewind}, *consumer.route, {},
            plan.forwardTo.empty() ? nullptr : &disruptorOf(consumer.forwardRing).ringBuffer(), m_owned,
            static_cast<TypedRing &>(*m_rings[consumer.ring].ring).polls, plan.async, plan.polled};
        for (const auto &counters : consumer.counters)
            build.counters.push_back(counters.get());
        for (const std::string &id : plan.upstream) {
            const auto found = groups.find(id);
            if (found == groups.end())
                throw std::invalid_argument("consumer '" + plan.id + "': upstream '" + id
                    + "' is not an earlier consumer of ring '" + plan.ring + "'");
            build.upstream = build.upstream ? (*build.upstream & found->second) : found->second;
        }
        const Binding *binding = bindingOf(plan.id);
        const HandlerGroup group = binding ? binding->attach(build) : attachSynthetic(build, consumer, seed);
        consumer.sequences = group.sequences();
        groups.emplace(plan.id, group);
    }

    HandlerGroup attachSynthetic(ConsumerBuild<Event> &build, const detail::ConsumerPart &consumer, std::uint64_t &seed)
    {
        const ConsumerPlan &plan = *consumer.plan;
        Bindings<Event> synthetic;
        if (plan.batchHandling && !plan.sharesEvents)
            synthetic.handler(plan.id, makeSynthetic<SyntheticBatchHandler>(consumer, seed));
        else if (countsOnly(plan.workload))
            bindPerEvent<SyntheticCountHandler>(synthetic, consumer, seed);
        else
            bindPerEvent<SyntheticEventHandler>(synthetic, consumer, seed);
        return synthetic.bindings().at(plan.id).attach(build);
    }

    template <typename Handler>
    void bindPerEvent(Bindings<Event> &synthetic, const detail::ConsumerPart &consumer, std::uint64_t &seed)
    {
        const ConsumerPlan &plan = *consumer.plan;
        std::vector<Handler *> handlers;
        for (std::size_t i = 0; i < consumer.counters.size(); ++i)
            handlers.push_back(&makeSynthetic<Handler>(consumer, seed));
        if (plan.sharesEvents)
            synthetic.workers(plan.id, handlers);
        else
            synthetic.handler(plan.id, *handlers.front());
    }

    template <typename Handler>
    Handler &makeSynthetic(const detail::ConsumerPart &consumer, std::uint64_t &seed)
    {
        // Distinct seeds, so that the workers of a pool do not fail on the same events.
        auto handler = std::make_shared<Handler>(
            consumer.plan->workload, *consumer.live, seed++ * 0x9E3779B97F4A7C15ULL, *consumer.route);
        m_owned.push_back(handler);
        return *handler;
    }

    Bindings<Event> m_bindings;
    core::ErrorHandler m_onError;
    std::vector<std::shared_ptr<void>> m_owned; ///< the handlers made for the run and their wrappers
};

template <typename Event>
std::string BasicRuntime<Event>::shapeProblem(const detail::ConsumerPart &consumer, const Binding &binding) const
{
    const ConsumerPlan &plan = *consumer.plan;
    const std::string node = plan.kind + " '" + plan.id + "'";
    if (binding.shape == Shape::Producer)
        return node + " is a consumer: bind a handler to it, not a producer";
    if (plan.sharesEvents && binding.shape != Shape::WorkerPool)
        return node + " is a worker pool: bind one handler per worker with workers()";
    if (!plan.sharesEvents && binding.shape == Shape::WorkerPool)
        return node + " is not a worker pool: bind one handler with handler()";
    if (plan.sharesEvents && binding.workers != consumer.counters.size())
        return node + " has " + std::to_string(consumer.counters.size()) + " workers, but "
            + std::to_string(binding.workers) + " handlers were bound";
    if (binding.perBatch && (consumer.route->filtersPerEvent || consumer.route->acceptsNothing))
        return node + " filters channels, and a per-batch handler sees every event: bind a per-event handler";
    if (binding.async && !plan.async)
        return node + " is bound to an async batch handler: set its handling to async";
    if (binding.perBatch && plan.polled)
        return node
            + " is polled (consume poll), and a poller hands out events one by one: bind a per-event "
              "handler";
    return {};
}

template <typename Event>
void BasicRuntime<Event>::checkBindings() const
{
    std::vector<std::string> problems;
    for (const std::string &id : m_bindings.duplicates())
        problems.push_back("'" + id + "' is bound more than once");
    for (const auto &[id, binding] : m_bindings.bindings()) {
        const bool producer = m_plan.findProducer(id) != nullptr;
        if (!producer && !m_plan.findConsumer(id))
            problems.push_back(m_plan.findRing(id) ? "'" + id + "' is a ring: rings take no handler"
                                                   : "no node '" + id + "' in the pipeline");
        else if (producer && binding.shape != Shape::Producer)
            problems.push_back("producer '" + id + "' takes fill() or source(), not a handler");
    }
    for (const detail::ConsumerPart &consumer : m_consumers)
        if (const Binding *binding = bindingOf(consumer.plan->id))
            if (std::string problem = shapeProblem(consumer, *binding); !problem.empty())
                problems.push_back(std::move(problem));
    if (!m_bindings.keepsSyntheticWorkloads()) {
        for (std::size_t i = 0; i < m_plan.nodeCount(); ++i)
            if (!bindingOf(m_plan.nodeId(i)))
                problems.push_back((i < m_plan.producers.size() ? "producer '" : "consumer '") + m_plan.nodeId(i)
                    + "' is not bound (or keep synthetic workloads for the unbound nodes)");
    }
    if (!problems.empty())
        throw BindingError(std::move(problems));
}

} // namespace ringflow::pipeline
