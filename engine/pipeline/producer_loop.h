#pragma once

// The producer threads of a pipeline run, typed by the event: the loop that publishes as the
// design says (events or duration, batch, rate, block or try, completion event). The Publisher a
// bound source drives itself is in publisher.h, on the same claim and publish.

#include "core/capacity_gate.h"
#include "core/event_handler.h"
#include "core/ring_buffer.h"
#include "core/thread_name.h"
#include "fast_clock.h"
#include "node_counters.h"
#include "plan.h"
#include "producer_control.h"
#include "ring_side.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>

namespace ringflow::pipeline {

template <typename Event>
using PipelineRing = core::RingBuffer<Event, core::Sequencer>;

/// What one producer thread works with; the runtime fills it in.
template <typename Event>
struct ProducerThread {
    const ProducerPlan &plan;
    PipelineRing<Event> &ring;
    RingSide &side;
    ProducerControl &control;
    const std::atomic<double> &rate; ///< events/s per thread, 0: as fast as possible (live)
    ProducerCounters &counters;
    std::uint32_t channel;
    std::optional<std::uint32_t> completionChannel; ///< set when the thread ends with a completion event
    std::size_t index; ///< of this thread within its node
    const core::ErrorHandler &onError; ///< where an exception of the user's fill or source goes
    /// Where a blocking publisher waits for free slots without holding a claim, on a ring whose
    /// publishing threads outnumber the cores twice over (BasicRuntime's TypedRing::sequencerFor);
    /// nullptr: it waits in the core's next().
    core::CapacityGate *gate;
};

/// Reports the exception in hand as the producer thread's failure: its thread ends, the run goes on.
template <typename Event>
void reportProducerFailure(const ProducerThread<Event> &thread) noexcept
{
    try {
        thread.onError({thread.plan.id, core::FailurePhase::Event, -1, std::current_exception(), true});
    } catch (...) {
        core::reportToStandardError({thread.plan.id, core::FailurePhase::Event, -1, std::current_exception(), true});
    }
}

namespace detail {

/// The byte every payload byte of the event with running count `count` holds: its low byte, so a
/// checksum has something to read and a test can tell one event's payload from another's.
inline int payloadFill(std::uint64_t count) noexcept
{
    return static_cast<int>(count & 0xff);
}

/// Writes what the pipeline keeps beside the claimed events lo..hi where there is any: their
/// channel and payload where the ring keeps them per slot (payloadFill() of the event's own running
/// count, `count` being the first event's), and the publish time of the sampled sequences among
/// them. Out of line, for describeSlots().
template <typename Event>
[[gnu::noinline]] void describeSlotsInFull(const ProducerThread<Event> &thread, std::int64_t lo, std::int64_t hi,
    std::uint64_t count, std::uint32_t payloadSize) noexcept
{
    RingSide &side = thread.side;
    if (side.channelPerSlot())
        for (std::int64_t sequence = lo; sequence <= hi; ++sequence)
            side.setChannel(sequence, thread.channel);
    if (side.payloadSizePerSlot() || payloadSize > 0)
        for (std::int64_t sequence = lo; sequence <= hi; ++sequence) {
            side.setPayloadSize(sequence, payloadSize);
            if (payloadSize > 0)
                std::memset(side.payload(sequence), payloadFill(count + static_cast<std::uint64_t>(sequence - lo)),
                    payloadSize);
        }
    const std::int64_t firstSampled = RingSide::firstSampledFrom(lo);
    if (firstSampled <= hi && side.latencyStamps()) {
        const std::int64_t now = FastClock::nowNs();
        for (std::int64_t sequence = firstSampled; sequence <= hi; sequence += RingSide::kSampleStride)
            side.setStamp(sequence, now);
    }
}

/// Payloads of at least this many bytes are prefetched one slot ahead (writeOnePayload()).
inline constexpr std::uint32_t kPrefetchPayloadFrom = 512;

/// One event's payload bytes; from kPrefetchPayloadFrom bytes on, on a ring whose one producer
/// thread will also fill the next slot (`soleProducer`), then a prefetch for writing of the next
/// slot's payload lines. With a consumer on the other core, perf put half of a 1 KiB payload
/// producer's time on the memset and most of the rest on the stores right after it (the cursor's, in
/// publish()): every slot's event line and the cursor are read over there as they are written, so
/// the producer's stores to them wait for the lines to come back, and stores leave the core in
/// order, the payload's with them. Asking for the next payload's lines one event early overlaps their
/// transfer with that wait: 1 KiB payloads 1.27x faster. For 64 and 256 bytes it gained nothing
/// (0.83-0.87x in one series; docs/benchmarks-pipelines.md, Payload). A prefetch is only a hint: a
/// slot still being read loses nothing but a cache line. With several producers the next slot is
/// another thread's, perhaps being written on the other core: no prefetch then.
inline void writeOnePayload(const RingSide &side, std::int64_t sequence, std::uint64_t count, std::uint32_t payloadSize,
    bool soleProducer) noexcept
{
    std::memset(side.payload(sequence), payloadFill(count), payloadSize);
    if (soleProducer && payloadSize >= kPrefetchPayloadFrom) [[unlikely]] {
        const std::byte *next = side.payload(sequence + 1);
        for (std::uint32_t offset = 0; offset < payloadSize; offset += core::kCacheLine)
            __builtin_prefetch(next + offset, 1);
    }
}

/// describeSlotsInFull() once per claim, when the ring keeps anything per slot or a sampled
/// sequence is among lo..hi; otherwise (most single publishes into a ring without channels or
/// payloads) three tests inline, and a single event's payload bytes are written inline too
/// (writeOnePayload()). As one out-of-line function it was called for every event, and its call
/// cost the single-publishing producer of a diamond a third of its time (perf); the inline payload
/// write made 64- and 256-byte payloads 1.2-1.3x faster (docs/benchmarks-pipelines.md, Payload).
template <typename Event>
void describeSlots(const ProducerThread<Event> &thread, std::int64_t lo, std::int64_t hi, std::uint64_t count,
    std::uint32_t payloadSize, bool soleProducer) noexcept
{
    const RingSide &side = thread.side;
    const bool sampled = RingSide::firstSampledFrom(lo) <= hi;
    const bool perSlot = side.channelPerSlot() || side.payloadSizePerSlot();
    // One unsampled event with a payload of the ring's one size: its bytes alone, inline.
    if (lo == hi && !sampled && !perSlot && payloadSize > 0) {
        writeOnePayload(side, lo, count, payloadSize, soleProducer);
        return;
    }
    if (sampled || payloadSize > 0 || perSlot) [[unlikely]]
        describeSlotsInFull(thread, lo, hi, count, payloadSize);
}

template <typename Event>
std::uint32_t payloadSizeOf(const ProducerThread<Event> &thread) noexcept
{
    return static_cast<std::uint32_t>(std::min<std::int64_t>(thread.plan.payloadBytes, thread.side.payloadCapacity()));
}

/// What claim() returns when try found the ring full.
inline constexpr std::int64_t kNothingClaimed = -1;

/// Claims `n` slots as the node's publish mode says: waiting for them (block), or only when they
/// are free now (try, the core's non-blocking tryNext). The highest claimed sequence;
/// kNothingClaimed when try found the ring full. Throws core::Halted once the ring is halted, in
/// both modes.
///
/// A plain sequence, not a std::optional: GCC returned the optional through the stack and read its
/// flag back as a word right after writing it as a byte, a store-forwarding stall on every claim
/// that perf put at most of the producer's own time on a diamond (docs/benchmarks-pipelines.md).
///
/// A blocking claim on a gated ring claims only when the room is there and otherwise parks at the
/// gate holding nothing: with many more publishing threads than cores, the core's next() (claim, then
/// spin and yield) keeps the scheduler busy with producers that cannot progress, and each waiting
/// claim makes the consumers wait for its producer to be scheduled (core/capacity_gate.h).
template <typename S>
std::int64_t claim(S &sequencer, std::int64_t n, bool tryPublish, core::CapacityGate *gate)
{
    if (!tryPublish && !gate) [[likely]]
        return sequencer.next(n);
    for (;;) {
        const core::ClaimResult claimed = sequencer.tryNext(n);
        if (claimed)
            return claimed.sequence;
        if (claimed.status == core::ClaimStatus::Halted)
            throw core::Halted();
        if (tryPublish)
            return kNothingClaimed;
        if (!gate->waitForCapacity(n))
            throw core::Halted();
    }
}

/// Describes the filled slots lo..hi and publishes them on `sequencer`, counting them.
template <typename Event, typename S>
void publishFilled(const ProducerThread<Event> &thread, S &sequencer, std::int64_t lo, std::int64_t hi,
    std::uint64_t countBefore, std::uint32_t payloadSize) noexcept
{
    // A final sequencer type answers at compile time; the Publisher's abstract one asks per claim.
    describeSlots(thread, lo, hi, countBefore, payloadSize, !sequencer.publishesOutOfOrder());
    std::atomic<std::uint64_t> &published = thread.counters.published;
    if (published.load(std::memory_order_relaxed) == 0)
        thread.counters.firstPublishNs.store(FastClock::nowNs(), std::memory_order_relaxed);
    sequencer.publish(lo, hi);
    addOwned(published, static_cast<std::uint64_t>(hi - lo + 1));
}

/// Claims `n` slots with claim(), lets `fill(event, i)` write the i-th and publishes them on
/// `sequencer`; the thread's counters follow (published, or dropped when try found the ring full,
/// `fill` then not called). `countBefore` is the thread's running count before this claim, which
/// the payload bytes follow. Throws core::Halted once the ring is halted, and what `fill` throws.
/// Shared by the designed producer loop and the Publisher a bound source publishes through.
template <typename Event, typename S, typename Fill>
void claimAndPublish(const ProducerThread<Event> &thread, S &sequencer, std::int64_t n, std::uint64_t countBefore,
    std::uint32_t payloadSize, Fill &&fill)
{
    const std::int64_t hi = claim(sequencer, n, thread.plan.tryPublish, thread.gate);
    if (hi == kNothingClaimed) {
        addOwned(thread.counters.dropped, static_cast<std::uint64_t>(n));
        return;
    }
    const std::int64_t lo = hi - n + 1;
    try {
        for (std::int64_t sequence = lo; sequence <= hi; ++sequence)
            fill(thread.ring[sequence], static_cast<std::uint64_t>(sequence - lo));
    } catch (...) {
        // As the core's publishEvents(): the claim is published all the same, holding what `fill`
        // left in it, or the consumers would wait behind it for good (on a ring with other
        // producers, for their events too). The exception then ends the thread as its failure.
        publishFilled(thread, sequencer, lo, hi, countBefore, payloadSize);
        throw;
    }
    publishFilled(thread, sequencer, lo, hi, countBefore, payloadSize);
}

/// An unpaced producer of single events looks at its controls (pause, stop, a new rate) once per
/// this many events, and an unpaced timed producer at the clock for its deadline.
inline constexpr std::uint64_t kEventsPerLook = 64;

/// Publishes `run` single events as the core's own loop does (claim, fill, publish), into a ring
/// that keeps nothing per slot but payload bytes and the sampled sequences' stamps, after the
/// thread's first event (which publishFilled() timed). The thread's count follows once per run,
/// and for the events published when a halt or `fill` throws. Against claimAndPublish() per
/// event, which asks about try, gate, batch and per-slot data on every claim, this made a 1P-1C
/// pipeline 3-3.7x faster (docs/benchmarks-pipelines.md, Runtime overhead).
template <typename Event, typename S, typename Fill>
void publishSingles(const ProducerThread<Event> &thread, S &sequencer, std::uint64_t count, std::uint64_t run,
    std::uint32_t payloadSize, Fill &fill)
{
    RingSide &side = thread.side;
    const bool stamps = side.latencyStamps();
    const bool soleProducer = !sequencer.publishesOutOfOrder();
    // describeSlots() for one slot of such a ring, written out: calling it here (GCC keeps it out of
    // line) ran at 0.73x with no payload and 0.80x with 64 bytes (six alternations, 2026-12-06).
    auto publish = [&](std::int64_t sequence, std::uint64_t number) {
        if (payloadSize > 0)
            writeOnePayload(side, sequence, number, payloadSize, soleProducer);
        if (stamps && RingSide::sampled(sequence)) [[unlikely]]
            side.setStamp(sequence, FastClock::nowNs());
        sequencer.publish(sequence);
    };
    std::uint64_t published = 0;
    try {
        for (; published < run; ++published) {
            const std::int64_t sequence = sequencer.next();
            try {
                fill(thread.ring[sequence], count + published);
            } catch (...) {
                publish(sequence, count + published); // as claimAndPublish(): a claim is always published
                ++published;
                throw;
            }
            publish(sequence, count + published);
        }
    } catch (...) {
        addOwned(thread.counters.published, published);
        throw;
    }
    addOwned(thread.counters.published, run);
}

/// The publishing loop, on the ring's own sequencer type: both are final, so claiming and
/// publishing are direct calls the compiler can inline, as in a hand-written producer.
/// `fill(event, count)` writes each event; count is this thread's running count of attempts
/// (published and dropped), which the event budget, the rate and the payload bytes follow.
template <typename Event, typename S, typename Fill>
void publishAsDesigned(const ProducerThread<Event> &thread, S &sequencer, Fill &fill)
{
    const ProducerPlan &plan = thread.plan;
    const std::uint64_t limit = plan.eventsPerThread > 0 ? static_cast<std::uint64_t>(plan.eventsPerThread)
                                                         : std::numeric_limits<std::uint64_t>::max();
    // Validation bounds the duration far below the int64 range of nanoseconds.
    const bool timed = plan.durationSeconds > 0;
    const std::int64_t deadline = timed ? FastClock::nowNs() + static_cast<std::int64_t>(plan.durationSeconds * 1e9)
                                        : std::numeric_limits<std::int64_t>::max();
    const auto batch = static_cast<std::uint64_t>(std::clamp<std::int64_t>(plan.batch, 1, sequencer.bufferSize()));
    const std::uint32_t payloadSize = payloadSizeOf(thread);
    const bool plainSingles = batch == 1 && !thread.side.channelPerSlot() && !thread.side.payloadSizePerSlot()
        && !plan.tryPublish && thread.gate == nullptr;

    ProducerState state(thread.control, thread.rate);
    Pacer pacer;
    std::uint64_t count = 0;
    // Unpaced, a timed thread reads the clock for its deadline once per kEventsPerLook events, not
    // on every claim: a read per event (28 ns through the vDSO where the kernel keeps time with
    // kvm-clock) made such a producer 4.5x slower than one counting events (22 against 100 M
    // events/s, docs/benchmarks-pipelines.md), and every designed producer with a duration is timed.
    // It may then publish up to kEventsPerLook - 1 events past its deadline. A paced thread looks at
    // every event: its pacer reads the clock anyway, and at a low rate 63 events are seconds.
    std::uint64_t nextDeadlineLook = 0;
    while (count < limit) {
        if (state.changed())
            state.refresh();
        if (state.stopped)
            break;
        if (state.holdWhilePaused()) {
            pacer.restart();
            continue;
        }
        if (state.rate > 0 && pacer.wait(state, count, deadline))
            continue; // retuned, paused, stopped or simply due: look again before publishing
        if (timed && (state.rate > 0 || count >= nextDeadlineLook)) {
            if (FastClock::nowNs() >= deadline)
                break;
            nextDeadlineLook = count + kEventsPerLook;
        }
        if (plainSingles && count > 0 && state.rate == 0) {
            const std::uint64_t run = std::min(kEventsPerLook, limit - count);
            publishSingles(thread, sequencer, count, run, payloadSize, fill);
            count += run;
            continue;
        }
        const std::uint64_t n = std::min(batch, limit - count);
        claimAndPublish(thread, sequencer, static_cast<std::int64_t>(n), count, payloadSize,
            [&](Event &event, std::uint64_t i) { fill(event, count + i); });
        count += n;
    }
}

/// Publishes the thread's completion event, when its node sends them: on the completion channel,
/// the thread's published count in its payload (and handed to `fill` as the count). It waits for
/// a slot even when the node publishes with try, since the one event that says the thread is done
/// must not be dropped; a halt of the ring releases it (core::Halted).
template <typename Event, typename Fill>
void publishCompletion(const ProducerThread<Event> &thread, Fill &fill)
{
    if (!thread.completionChannel)
        return;
    const std::uint64_t emitted = thread.counters.published.load(std::memory_order_relaxed);
    RingSide &side = thread.side;
    const std::int64_t sequence = claim(thread.ring.sequencer(), 1, false, thread.gate);
    fill(thread.ring[sequence], emitted);
    const std::uint32_t size = std::min(kCompletionPayloadBytes, side.payloadCapacity());
    side.setChannel(sequence, *thread.completionChannel);
    side.setPayloadSize(sequence, size);
    std::memcpy(side.payload(sequence), &emitted, size);
    if (RingSide::sampled(sequence))
        side.setStamp(sequence, FastClock::nowNs());
    if (emitted == 0)
        thread.counters.firstPublishNs.store(FastClock::nowNs(), std::memory_order_relaxed);
    thread.ring.publish(sequence);
    addOwned(thread.counters.published, 1);
}

/// Ends a producer thread that has published its last event: sends its completion event, when the
/// node has them, and marks the thread finished.
template <typename Event, typename Fill>
void finishProducerThread(const ProducerThread<Event> &thread, Fill &fill) noexcept
{
    try {
        publishCompletion(thread, fill);
    } catch (const core::Halted &) {
        // The pipeline was halted: nothing more reaches its consumers.
    } catch (...) {
        reportProducerFailure(thread);
    }
    thread.counters.finished.store(true, std::memory_order_release);
}

} // namespace detail

/// Runs one producer thread as the design says, `fill(event, count)` writing each event, then
/// finishes it (finishProducerThread()). A thread that failed or was halted sends no completion.
template <typename Event, typename Fill>
void runProducerThread(const ProducerThread<Event> &thread, Fill &fill)
{
    core::setCurrentThreadName(thread.plan.id);
    core::Sequencer &sequencer = thread.ring.sequencer();
    try {
        if (auto *single = dynamic_cast<core::SingleProducerSequencer *>(&sequencer))
            detail::publishAsDesigned(thread, *single, fill);
        else if (auto *multi = dynamic_cast<core::MultiProducerSequencer *>(&sequencer))
            detail::publishAsDesigned(thread, *multi, fill);
        else
            detail::publishAsDesigned(thread, sequencer, fill);
    } catch (const core::Halted &) {
        // The pipeline was halted while this producer waited for space: nothing more to publish.
        thread.counters.finished.store(true, std::memory_order_release);
        return;
    } catch (...) {
        reportProducerFailure(thread);
        thread.counters.finished.store(true, std::memory_order_release);
        return;
    }
    detail::finishProducerThread(thread, fill);
}

} // namespace ringflow::pipeline
