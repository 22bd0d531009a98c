// event.h, consumer.h and workloads.h of the generated project: the event, what the handlers
// share, and the workloads they reproduce. Mostly fixed text; what a design does not use is left out.
#include "pipeline/codegen_parts.h"

namespace ringflow::pipeline::codegen {

namespace {

std::string channelEnum(const Design &design)
{
    std::string text = "/// The channels the producers publish on, which the stages filter.\n"
                       "enum class Channel : std::uint32_t {\n";
    for (const auto &[channel, enumerator] : design.channels)
        text += "    " + enumerator + ", ///< " + cppStringLiteral(channel) + "\n";
    return text + "};\n\n";
}

constexpr std::string_view kForwarder = R"cpp(
/// A handler that publishes the events it handled into another ring.
template <typename Ring>
class Forwarder : public Consumer {
public:
    explicit Forwarder(Ring &next) : m_next(next) { }

    std::uint64_t forwarded() const { return m_forwarded; }

protected:
    void forward(const Event &event)
    {
        try {
            m_next.publishEvent([&event](Event &slot, std::int64_t) { slot = event; });
        } catch (const ringflow::core::Halted &) {
            return; // the next ring stopped (one of its handlers failed): nothing reads it any more
        }
        ++m_forwarded;
    }

private:
    Ring &m_next;
    std::uint64_t m_forwarded = 0;
};
)cpp";

constexpr std::string_view kWorkerPoolHead = R"cpp(
/// The workers of a pool: one handler each, sharing the events of their ring.
template <typename Handler>
class WorkerPool {
public:
    template <typename... Args>
    explicit WorkerPool(int size, Args &...args)
    {
        for (int i = 0; i < size; ++i) {
            m_workers.push_back(std::make_unique<Handler>(args...));
            m_handlers.push_back(m_workers.back().get());
        }
    }

    /// The workers, as Disruptor::handleEventsWithWorkerPool() takes them.
    std::span<Handler *const> handlers() const { return m_handlers; }
)cpp";

constexpr std::string_view kWorkerPoolAnyWorker
    = R"cpp(    /// Any one worker stands for the whole pool in Disruptor::after().
    const Handler &anyWorker() const { return *m_workers.front(); }
)cpp";

constexpr std::string_view kWorkerPoolTail = R"cpp(
    /// A count summed over the workers, e.g. sum(&Handler::processed).
    std::uint64_t sum(std::uint64_t (Handler::*count)() const) const
    {
        std::uint64_t total = 0;
        for (const auto &worker : m_workers)
            total += (*worker.*count)();
        return total;
    }

private:
    std::vector<std::unique_ptr<Handler>> m_workers;
    std::vector<Handler *> m_handlers;
};
)cpp";

constexpr std::string_view kBusyFor = R"cpp(
/// Keeps the CPU busy for `duration`, as the designer's busy workload does.
inline void busyFor(std::chrono::nanoseconds duration)
{
    const auto end = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < end) { }
}
)cpp";

constexpr std::string_view kChecksumOfPayload = R"cpp(
/// FNV-1a over the event's payload: touches every byte the producer wrote.
inline std::uint64_t checksumOf(const Event &event)
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (std::uint32_t i = 0; i < event.payloadSize; ++i)
        hash = (hash ^ static_cast<std::uint8_t>(event.payload[i])) * 1099511628211ULL;
    return hash;
}
)cpp";

// Without payloads there is nothing to touch but the event itself.
constexpr std::string_view kChecksumOfValue = R"cpp(
/// FNV-1a over the event's value (the design publishes no payload).
inline std::uint64_t checksumOf(const Event &event)
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (int shift = 0; shift < 64; shift += 8)
        hash = (hash ^ ((event.value >> shift) & 0xff)) * 1099511628211ULL;
    return hash;
}
)cpp";

} // namespace

std::string eventHeader(const Design &design)
{
    const Features &f = design.features;
    const bool rings = f.forwardIntoSingle || f.forwardIntoMulti;
    std::string text = headerComment(design, "The event the rings carry: replace its synthetic fields with your own.");
    text += includes(
        rings ? std::vector<std::string_view> {"<ringflow/core/ring_buffer.h>"} : std::vector<std::string_view> {});
    text += includes(f.payloadBytes > 0 ? std::vector<std::string_view> {"<array>", "<cstddef>", "<cstdint>"}
                                        : std::vector<std::string_view> {"<cstdint>"});
    if (f.channels)
        text += channelEnum(design);
    text += "/// One slot of a ring: what the producers publish and every consumer reads.\n"
            "struct Event {\n"
            "    std::uint64_t value = 0; ///< the publishing thread's running count\n"
            "    std::uint32_t source = 0; ///< the publishing thread, numbered across all producers\n";
    if (f.channels)
        text += "    Channel channel {}; ///< the producer's channel\n";
    if (f.payloadBytes > 0)
        text += "    std::uint32_t payloadSize = 0; ///< bytes of payload in use\n"
                "    std::array<std::byte, "
            + std::to_string(f.payloadBytes) + "> payload {}; ///< room for the largest payload a producer publishes\n";
    text += "};\n";
    if (rings)
        text += "\n/// The rings that handlers forward into.\n";
    if (f.forwardIntoSingle)
        text += "using SingleProducerRing = ringflow::core::RingBuffer<Event, "
                "ringflow::core::SingleProducerSequencer>;\n";
    if (f.forwardIntoMulti)
        text
            += "using MultiProducerRing = ringflow::core::RingBuffer<Event, ringflow::core::MultiProducerSequencer>;\n";
    return text;
}

std::string consumerHeader(const Design &design)
{
    const Features &f = design.features;
    std::string text = headerComment(design, "What the handlers of handlers.h share.");
    text += includes({"\"event.h\""});
    if (f.forwarding)
        text += includes({"<ringflow/core/sequencer.h>"});
    text += includes(f.pools ? std::vector<std::string_view> {"<cstdint>", "<memory>", "<span>", "<vector>"}
                             : std::vector<std::string_view> {"<cstdint>"});
    text += "/// Counts the events a handler processed. Only the handler's thread writes the count, and main()\n"
            "/// reads it once the threads have been joined, so a plain integer is enough.\n"
            "class Consumer {\n"
            "public:\n"
            "    std::uint64_t processed() const { return m_processed; }\n\n"
            "protected:\n";
    if (f.rewinds)
        text += "    /// Counts `count` events from `first`, unless a rewind hands them out again.\n"
                "    void countOnce(std::int64_t first, std::uint64_t count)\n"
                "    {\n"
                "        if (first < m_next)\n"
                "            return;\n"
                "        m_processed += count;\n"
                "        m_next = first + static_cast<std::int64_t>(count);\n"
                "    }\n\n";
    text += "    std::uint64_t m_processed = 0;\n";
    if (f.rewinds)
        text += "    std::int64_t m_next = 0; ///< the first event not counted yet\n";
    text += "};\n";
    if (f.forwarding)
        text += kForwarder;
    if (f.pools) {
        text += kWorkerPoolHead;
        if (f.afterPool)
            text += kWorkerPoolAnyWorker;
        text += kWorkerPoolTail;
    }
    return text;
}

std::string workloadsHeader(const Design &design)
{
    const Features &f = design.features;
    if (!f.busy && !f.checksum)
        return {};
    std::string text = headerComment(design,
        "The workloads the designer simulates, which the handlers reproduce until your own logic replaces them.");
    text += includes({"\"event.h\""});
    text += includes(
        f.busy ? std::vector<std::string_view> {"<chrono>", "<cstdint>"} : std::vector<std::string_view> {"<cstdint>"});
    text.pop_back(); // each piece starts with its blank line
    if (f.busy)
        text += kBusyFor;
    if (f.checksum)
        text += f.payloadBytes > 0 ? kChecksumOfPayload : kChecksumOfValue;
    return text;
}

} // namespace ringflow::pipeline::codegen
