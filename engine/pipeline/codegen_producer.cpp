// producer.h of the generated project: the producers, blocking or trying, with their completion events.
// Mostly fixed text; what a design does not use is left out.
#include "pipeline/codegen_parts.h"

namespace ringflow::pipeline::codegen {

namespace {

constexpr std::string_view kProducerNode = R"cpp(
/// The threads of one producer node.
class ProducerNode {
public:
    explicit ProducerNode(ProducerSettings settings) : m_settings(settings) { }

    /// Starts the threads, which number their events' sources from `firstSource`.
    template <typename Ring>
    void start(Ring &ring, std::uint32_t firstSource)
    {
        m_published.assign(static_cast<std::size_t>(m_settings.threads), 0);
)cpp";

constexpr std::string_view kStartThreads = R"cpp(        for (int i = 0; i < m_settings.threads; ++i) {
            m_threads.emplace_back([this, &ring, i, firstSource] {
                m_published[static_cast<std::size_t>(i)] = publish(ring, firstSource + static_cast<std::uint32_t>(i));
            });
        }
    }

    /// Waits until every thread has published all it had to.
    void join()
    {
        for (std::thread &thread : m_threads)
            thread.join();
        m_threads.clear();
    }

    /// What the threads published; after join().
    std::uint64_t published() const
    {
        std::uint64_t total = 0;
        for (std::uint64_t count : m_published)
            total += count;
        return total;
    }

private:
    using Clock = std::chrono::steady_clock;

    static Clock::duration seconds(double value)
    {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(value));
    }

    /// Publishes one thread's events, `batch` at a time; stops early when the ring halts (one of
    /// its handlers failed).
    template <typename Ring>
    std::uint64_t publish(Ring &ring, std::uint32_t source)
    {
        const ProducerSettings &s = m_settings;
        const std::uint64_t limit
            = s.eventsPerThread > 0 ? s.eventsPerThread : std::numeric_limits<std::uint64_t>::max();
        const auto started = Clock::now();
        const auto deadline = started + seconds(s.durationSeconds);
        std::uint64_t value = 0;
)cpp";

constexpr std::string_view kLoopStart = R"cpp(        try {
            while (value < limit) {
)cpp";

constexpr std::string_view kPacing
    = R"cpp(                if (s.rate > 0) // on an absolute schedule, so that sleep overshoots do not add up
                    std::this_thread::sleep_until(started + seconds(static_cast<double>(value) / s.rate));
)cpp";

constexpr std::string_view kLoopHead = R"cpp(                if (s.durationSeconds > 0 && Clock::now() >= deadline)
                    break;
                const auto n = static_cast<std::int64_t>(std::min(limit - value, s.batch));
)cpp";

constexpr std::string_view kBlockingClaim = R"cpp(                const std::int64_t last = ring.next(n);
)cpp";

// With try, `value` counts the attempts: the events, the rate and the duration count dropped ones.
constexpr std::string_view kTryingClaim = R"cpp(                std::int64_t last = 0;
                if (!s.tryPublish) {
                    last = ring.next(n);
                } else if (const ringflow::core::ClaimResult claim = ring.tryNext(n)) {
                    last = claim.sequence;
                } else if (claim.status == ringflow::core::ClaimStatus::Full) {
                    value += static_cast<std::uint64_t>(n); // the ring is full: dropped, and counted
                    dropped += static_cast<std::uint64_t>(n);
                    continue;
                } else {
                    break; // halted
                }
)cpp";

constexpr std::string_view kLoopTail
    = R"cpp(                for (std::int64_t sequence = last - n + 1; sequence <= last; ++sequence)
                    fill(ring[sequence], value++, source);
                ring.publish(last - n + 1, last);
            }
)cpp";

constexpr std::string_view kCompleteHead = R"cpp(
    /// The thread's last event: written by fill() as the event numbered by the thread's published
    /// count, then put on the completion channel with that count in its payload (where the event
    /// has them).
    template <typename Ring>
    void complete(Ring &ring, std::uint64_t published, std::uint32_t source) const
    {
        const std::int64_t sequence = ring.next();
        Event &event = ring[sequence];
        fill(event, published, source);
)cpp";

constexpr std::string_view kLoopEnd = R"cpp(        } catch (const ringflow::core::Halted &) {
            // A handler of the ring failed and halted it: nothing more to publish.
        }
)cpp";

constexpr std::string_view kFillComment = R"cpp(
    /// Your events here. As designed: the thread's running count)cpp";

constexpr std::string_view kProducerTail = R"cpp(
    ProducerSettings m_settings;
    std::vector<std::thread> m_threads;
    std::vector<std::uint64_t> m_published; ///< per thread, each written by its own thread
)cpp";

constexpr std::string_view kDroppedCounts = R"cpp(
    /// What the threads dropped because the ring was full (publishing with try); after join().
    std::uint64_t dropped() const
    {
        std::uint64_t total = 0;
        for (std::uint64_t count : m_dropped)
            total += count;
        return total;
    }
)cpp";

std::string producerSettings(const Features &f)
{
    std::string text = "/// A producer node as designed, with --events and --duration applied.\n"
                       "struct ProducerSettings {\n"
                       "    int threads = 1;\n"
                       "    std::uint64_t eventsPerThread = 0; ///< 0: no limit\n"
                       "    double durationSeconds = 0; ///< 0: no limit\n"
                       "    std::uint64_t batch = 1; ///< events claimed and published together\n";
    if (f.rate)
        text += "    double rate = 0; ///< events per second and thread; 0: as fast as possible\n";
    if (f.payloadBytes > 0)
        text += "    std::uint32_t payloadSize = 0; ///< bytes of payload in each event\n";
    if (f.channels)
        text += "    Channel channel {};\n";
    if (f.tryPublish)
        text += "    bool tryPublish = false; ///< drop (and count) what finds the ring full instead of waiting\n";
    if (f.completions)
        text += "    bool completes = false; ///< each thread ends with a completion event\n";
    if (f.completions && f.channels)
        text += "    Channel completionChannel {};\n";
    return text + "};\n";
}

/// The rest of publish(): each batch claimed (waiting for room, or trying), filled and published,
/// then the thread's completion event; what it returns is the thread's published events.
std::string publishLoop(const Features &f)
{
    // With try, `value` counts the attempts, the dropped ones among them.
    const std::string published = f.tryPublish ? "value - dropped" : "value";
    std::string text(kLoopHead);
    text += f.tryPublish ? kTryingClaim : kBlockingClaim;
    text += kLoopTail;
    if (f.completions)
        text += "            if (s.completes) {\n"
                "                complete(ring, "
            + published
            + ", source);\n"
              "                ++completed;\n"
              "            }\n";
    text += kLoopEnd;
    if (f.tryPublish)
        text += "        m_dropped[static_cast<std::size_t>(source - m_firstSource)] = dropped;\n";
    return text + "        return " + published + (f.completions ? " + completed" : "") + ";\n    }\n";
}

/// The lines that put `event` on `channel` and write its payload (`payload`), where the design's
/// events have channels and payloads.
std::string channelAndPayload(const Features &f, std::string_view channel, std::string_view payload)
{
    std::string text;
    if (f.channels)
        text += "        event.channel = " + std::string(channel) + ";\n";
    if (f.payloadBytes > 0)
        text += payload;
    return text;
}

/// The thread's completion event: filled as an event numbered by its published count, then on the
/// completion channel with the count in its payload.
std::string completeFunction(const Features &f)
{
    return std::string(kCompleteHead)
        + channelAndPayload(f, "m_settings.completionChannel",
            "        event.payloadSize = sizeof published;\n"
            "        std::memcpy(event.payload.data(), &published, sizeof published);\n")
        + "        ring.publish(sequence);\n    }\n";
}

std::string fillFunction(const Features &f)
{
    std::string text = publishLoop(f);
    if (f.completions)
        text += completeFunction(f);
    text += kFillComment;
    text += f.channels ? ", its channel" : "";
    text += f.payloadBytes > 0 ? " and payload bytes" : "";
    text += ".\n"
            "    void fill(Event &event, std::uint64_t value, std::uint32_t source) const\n"
            "    {\n"
            "        event.value = value;\n"
            "        event.source = source;\n";
    text += channelAndPayload(f, "m_settings.channel",
        "        event.payloadSize = m_settings.payloadSize;\n"
        "        std::memset(event.payload.data(), static_cast<int>(value & 0xff), m_settings.payloadSize);\n");
    return text + "    }\n";
}

} // namespace

std::string producerHeader(const Design &design)
{
    const Features &f = design.features;
    std::string text = headerComment(design,
        "The producers: threads that publish events into a ring, as many, as large and as fast as the "
        "designer's producer nodes say.");
    text += includes({"\"event.h\""});
    text += includes({"<ringflow/core/sequencer.h>"});
    std::vector<std::string_view> standard = {"<algorithm>", "<chrono>", "<cstdint>"};
    if (f.payloadBytes > 0)
        standard.push_back("<cstring>");
    standard.insert(standard.end(), {"<limits>", "<thread>", "<vector>"});
    text += includes(standard);
    text += producerSettings(f);
    text += kProducerNode;
    if (f.tryPublish)
        text += "        m_dropped.assign(static_cast<std::size_t>(m_settings.threads), 0);\n"
                "        m_firstSource = firstSource;\n";
    text += kStartThreads;
    if (f.tryPublish)
        text += "        std::uint64_t dropped = 0; ///< of the attempts counted in value\n";
    if (f.completions)
        text += "        std::uint64_t completed = 0;\n";
    text += kLoopStart;
    if (f.rate)
        text += kPacing;
    text += fillFunction(f);
    if (f.tryPublish)
        text += kDroppedCounts;
    text += kProducerTail;
    if (f.tryPublish)
        text += "    std::vector<std::uint64_t> m_dropped; ///< per thread, each written by its own thread\n"
                "    std::uint32_t m_firstSource = 0;\n";
    return text + "};\n";
}

} // namespace ringflow::pipeline::codegen
