// run.h of the generated project: the command line and the report.
// Mostly fixed text; what a design does not use is left out.
#include "pipeline/codegen_parts.h"

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
