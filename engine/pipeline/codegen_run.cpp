// producer.h and run.h of the generated project: the producers, the command line and the report.
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

constexpr std::string_view kCompletionCall = R"cpp(            if (s.completes) {
                complete(ring, value - dropped, source);
                ++completed;
            }
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
    std::string text(kLoopHead);
    text += f.tryPublish ? kTryingClaim : kBlockingClaim;
    text += kLoopTail;
    if (f.completions)
        text += kCompletionCall;
    text += kLoopEnd;
    if (f.tryPublish) {
        text += "        m_dropped[static_cast<std::size_t>(source - m_firstSource)] = dropped;\n";
        return text
            + (f.completions ? "        return value - dropped + completed;\n    }\n"
                             : "        return value - dropped;\n    }\n");
    }
    return text + (f.completions ? "        return value + completed;\n    }\n" : "        return value;\n    }\n");
}

/// The thread's completion event: its published count as the value (and in the payload).
std::string completeFunction(const Features &f)
{
    std::string text
        = "\n    /// The thread's last event, on the completion channel: how many events it published, as the\n"
          "    /// value";
    text += f.payloadBytes > 0 ? " and in the first 8 bytes of the payload.\n" : ".\n";
    text += "    template <typename Ring>\n"
            "    void complete(Ring &ring, std::uint64_t published, std::uint32_t source) const\n"
            "    {\n"
            "        const std::int64_t sequence = ring.next();\n"
            "        Event &event = ring[sequence];\n"
            "        event.value = published;\n"
            "        event.source = source;\n";
    if (f.channels)
        text += "        event.channel = m_settings.completionChannel;\n";
    if (f.payloadBytes > 0)
        text += "        event.payloadSize = sizeof published;\n"
                "        std::memcpy(event.payload.data(), &published, sizeof published);\n";
    return text + "        ring.publish(sequence);\n    }\n";
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
    if (f.channels)
        text += "        event.channel = m_settings.channel;\n";
    if (f.payloadBytes > 0)
        text += "        event.payloadSize = m_settings.payloadSize;\n"
                "        std::memset(event.payload.data(), static_cast<int>(value & 0xff), m_settings.payloadSize);\n";
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

namespace ringflow::pipeline::codegen {

namespace {

constexpr std::string_view kOptions = R"cpp(
/// --events N and --duration S, as ringflow-run takes them.
struct RunOptions {
    std::optional<std::uint64_t> events; ///< per producer thread; 0: no limit
    std::optional<double> durationSeconds; ///< how long each producer thread publishes

    /// What a thread of a producer designed to publish `designed` events publishes: --duration
    /// lifts the designed count unless --events is given too.
    std::uint64_t eventsPerThread(std::uint64_t designed) const
    {
        return events ? *events : durationSeconds ? 0 : designed;
    }
    double duration(double designed) const { return durationSeconds.value_or(designed); }
};

/// True when the whole of `text` is a number, then in `value`.
template <typename T>
bool parseNumber(std::string_view text, T &value)
{
    const char *end = text.data() + text.size();
    const auto [last, error] = std::from_chars(text.data(), end, value);
    return !text.empty() && error == std::errc() && last == end;
}

/// Reads the command line into `options`. Returns the exit status when the program should stop
/// there: 0 after --help, 2 after a mistake (said on standard error).
inline std::optional<int> parseOptions(int argc, char **argv, RunOptions &options)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (option == "--help" || option == "-h") {
            std::printf("Usage: %s [--events N] [--duration S]\n"
                        "  --events N    events each producer thread publishes (0: no limit)\n"
                        "  --duration S  seconds each producer thread publishes (without --events, the\n"
                        "                designed event counts are lifted)\n"
                        "Exit status: 0 when every consumer processed every event of its ring, 1 when\n"
                        "not, 2 on a wrong option.\n",
                argv[0]);
            return 0;
        }
        const std::string_view value = i + 1 < argc ? argv[++i] : "";
        std::uint64_t events = 0;
        double seconds = 0;
        if (option == "--events" && parseNumber(value, events) && events <= 1'000'000'000'000'000)
            options.events = events;
        else if (option == "--duration" && parseNumber(value, seconds) && seconds > 0 && seconds <= 1e6)
            options.durationSeconds = seconds;
        else {
            std::fprintf(stderr,
                "%s: expected --events N (0 to 10^15) or --duration S (above 0, up to 10^6), got '%s %s'\n", argv[0],
                std::string(option).c_str(), std::string(value).c_str());
            return 2;
        }
    }
    return std::nullopt;
}

/// What the run did, printed the way ringflow-run prints its report, with the verdict: every ring
/// drained, and every consumer processed exactly the events its ring received.
class Report {
public:
    explicit Report(std::string pipeline) : m_pipeline(std::move(pipeline)) { }
)cpp";

constexpr std::string_view kErrorHandler = R"cpp(
    /// For Disruptor::setErrorHandler(): counts the handlers' errors and prints the first few, where
    /// one line per error would flood standard error.
    ringflow::core::ErrorHandler errorHandler()
    {
        return [this](const ringflow::core::HandlerError &error) {
            // Relaxed: a count, which print() reads after the handlers' threads have been joined.
            if (m_errors.fetch_add(1, std::memory_order_relaxed) < 10)
                ringflow::core::reportToStandardError(error);
        };
    }
)cpp";

constexpr std::string_view kReportBody = R"cpp(
    /// The clock runs from here, before the first publish, to the end of the last drain.
    void start() { m_started = Clock::now(); }

    /// Stops `disruptor` once it has handled everything published into it, waiting at most as long
    /// as ringflow-run does; a ring that does not drain (a handler failed) fails the run.
    template <typename Disruptor>
    void drain(Disruptor &disruptor, std::string_view ring)
    {
        if (!disruptor.shutdown(std::chrono::seconds(5)))
            m_problems.push_back("ring " + std::string(ring) + " did not drain: a handler failed or was too slow");
        m_elapsed = Clock::now() - m_started;
    }

    void producer(std::string_view node, std::uint64_t published)
    {
        m_published += published;
        m_rows.push_back({std::string(node), "producer", published, published, std::nullopt});
    }
    void consumer(std::string_view node, std::string_view kind, std::uint64_t processed, std::uint64_t expected,
        std::optional<std::uint64_t> checksum = std::nullopt)
    {
        if (processed != expected)
            m_problems.push_back(std::string(node) + " processed " + std::to_string(processed) + " of the "
                + std::to_string(expected) + " events of its ring");
        m_rows.push_back({std::string(node), std::string(kind), processed, expected, checksum});
    }

    /// Prints the report; true when the verdict is OK.
    bool print() const
    {
        const double seconds = std::chrono::duration<double>(m_elapsed).count();
        std::printf("pipeline  %s\nelapsed   %.3f s\nevents    %llu published\nrate      %.0f events/s\n",
            m_pipeline.c_str(), seconds, static_cast<unsigned long long>(m_published),
            seconds > 0 ? static_cast<double>(m_published) / seconds : 0.0);
        std::printf(
            "verdict   %s\n", m_problems.empty() ? "OK: every consumer processed every event of its ring" : "FAILED");
        for (const std::string &problem : m_problems)
            std::printf("  problem: %s\n", problem.c_str());
)cpp";

constexpr std::string_view kPrintErrors
    = R"cpp(        if (const std::uint64_t errors = m_errors.load(std::memory_order_relaxed))
            std::printf("handler errors: %llu\n", static_cast<unsigned long long>(errors));
)cpp";

constexpr std::string_view kReportRows = R"cpp(        std::printf("\n%-24s %-12s %14s\n", "node", "kind", "events");
        for (const Row &row : m_rows) {
            std::printf(
                "%-24s %-12s %14llu", row.node.c_str(), row.kind.c_str(), static_cast<unsigned long long>(row.events));
            if (row.checksum)
                std::printf("  checksum %016llx", static_cast<unsigned long long>(*row.checksum));
            std::printf("%s\n", row.events == row.expected ? "" : "  <- conservation broken");
        }
        return m_problems.empty();
    }

private:
    using Clock = std::chrono::steady_clock;
    struct Row {
        std::string node;
        std::string kind;
        std::uint64_t events;
        std::uint64_t expected;
        std::optional<std::uint64_t> checksum;
    };

    std::string m_pipeline;
    Clock::time_point m_started;
    Clock::duration m_elapsed {};
    std::uint64_t m_published = 0;
    std::vector<Row> m_rows;
    std::vector<std::string> m_problems;
)cpp";

} // namespace

std::string runHeader(const Design &design)
{
    const bool errors = design.features.fail;
    std::string text
        = headerComment(design, "The command line and the report of the program, as ringflow-run has them.");
    if (errors)
        text += includes({"<ringflow/core/event_handler.h>"});
    std::vector<std::string_view> standard
        = {"<charconv>", "<chrono>", "<cstdint>", "<cstdio>", "<optional>", "<string>", "<string_view>", "<vector>"};
    if (errors)
        standard.insert(standard.begin(), "<atomic>");
    text += includes(standard);
    text.pop_back();
    text += kOptions;
    if (errors)
        text += kErrorHandler;
    text += kReportBody;
    if (errors)
        text += kPrintErrors;
    text += kReportRows;
    if (errors)
        text += "    std::atomic<std::uint64_t> m_errors {0};\n";
    return text + "};\n";
}

} // namespace ringflow::pipeline::codegen
