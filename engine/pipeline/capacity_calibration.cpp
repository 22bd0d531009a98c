#include "capacity_calibration.h"

#include "compiler.h"
#include "fast_clock.h"
#include "measured_run.h"
#include "workload.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>
#include <vector>

namespace ringflow::pipeline {

namespace {

/// Raised with the file's format, and also when the runtime's own costs per event change, so that
/// every machine measures its constants again instead of predicting with the old runtime's (2: the
/// count stage's per-batch samples and the producer's runs of single events: on the machine of
/// 2026-12-06 the constants cached by the build before read 14 ns per published single event, a
/// measurement with them 2.6 ns).
constexpr int kFormatVersion = 2;

/// The checksum workload's time per byte: the best of a few passes over 4 KiB buffers.
double measureChecksumNsPerByte()
{
    const LiveControls controls({{"cost", 0}, {"sleep", 0}});
    Workload workload(WorkloadPlan {{WorkloadStep::Checksum}, 0}, controls, 1);
    std::vector<std::byte> buffer(4096, std::byte {7});
    double best = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        constexpr int kPasses = 500;
        const std::int64_t start = FastClock::steadyNs();
        for (int i = 0; i < kPasses; ++i)
            workload.run(i, buffer.data(), static_cast<std::uint32_t>(buffer.size()));
        const double perByte
            = static_cast<double>(FastClock::steadyNs() - start) / (kPasses * static_cast<double>(buffer.size()));
        best = attempt == 0 ? perByte : std::min(best, perByte);
    }
    return best;
}

/// How much longer than asked the sleep workload sleeps: the median over short sleeps.
double measureSleepOvershootNs()
{
    constexpr double kSleepUs = 10;
    const LiveControls controls({{"cost", 0}, {"sleep", kSleepUs}});
    Workload workload(WorkloadPlan {{WorkloadStep::Sleep}, 0}, controls, 1);
    std::vector<double> overshoots;
    for (int i = 0; i < 41; ++i) {
        const std::int64_t start = FastClock::steadyNs();
        workload.run(i, nullptr, 0);
        overshoots.push_back(static_cast<double>(FastClock::steadyNs() - start) - kSleepUs * 1e3);
    }
    std::nth_element(overshoots.begin(), overshoots.begin() + 20, overshoots.end());
    return std::max(0.0, overshoots[20]);
}

/// producer (batch `batch`, `events` events) -> ring -> count stage.
Plan burstPlan(std::int64_t batch, std::int64_t events)
{
    PipelineSpec spec;
    spec.name = "calibration";
    spec.nodes = {{"producer", "producer", {{"events", events}, {"batch", batch}, {"payload", std::int64_t {0}}}, {}},
        {"ring", "ring", {{"slots", std::int64_t {4096}}, {"payload_capacity", std::int64_t {0}}}, {}},
        {"count", "stage", {{"workload", std::string("count")}}, {}}};
    spec.connections = {{{"producer", "out"}, {"ring", "in"}}, {{"ring", "out"}, {"count", "in"}}};
    CompileResult compiled = compile(spec);
    if (!compiled.plan)
        throw std::logic_error("the calibration pipeline does not compile");
    return std::move(*compiled.plan);
}

/// Best of two bursts: the events/s and the count stage's service time.
std::pair<double, double> measureBurst(std::int64_t batch, std::int64_t events)
{
    double bestRate = 0;
    double serviceNs = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const MeasuredRun run = runMeasured(burstPlan(batch, events), 0);
        if (run.report.eventsPerSecond > bestRate) {
            bestRate = run.report.eventsPerSecond;
            serviceNs = run.report.nodes.back().figures.serviceNs;
        }
    }
    return {bestRate, serviceNs};
}

std::string cpuModel()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.starts_with("model name")) {
            const std::size_t colon = line.find(':');
            return colon == std::string::npos ? std::string() : line.substr(line.find_first_not_of(' ', colon + 1));
        }
    return {};
}

} // namespace

MachineIdentity thisMachine()
{
    return {static_cast<int>(std::max(1U, std::thread::hardware_concurrency())), cpuModel(), RINGFLOW_BUILD_CONFIG};
}

CapacityConstants measureCapacityConstants()
{
    CapacityConstants constants;
    constants.checksumNsPerByte = measureChecksumNsPerByte();
    constants.sleepOvershootNs = measureSleepOvershootNs();
    const auto [singleRate, singleServiceNs] = measureBurst(1, 400'000);
    const auto [batchedRate, batchedServiceNs] = measureBurst(256, 2'000'000);
    constants.publishEventNs = singleRate > 0 ? 1e9 / singleRate : constants.publishEventNs;
    constants.publishBatchedNs = batchedRate > 0 ? std::min(constants.publishEventNs, 1e9 / batchedRate) : 0;
    constants.consumerEventNs = singleServiceNs > 0 ? singleServiceNs : constants.consumerEventNs;
    return constants;
}

double measureCoreShare(std::chrono::milliseconds window)
{
    double share = 1;
    std::thread spinner([&] {
        const auto cpuNow = [] {
            timespec time {};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
            return static_cast<double>(time.tv_sec) * 1e9 + static_cast<double>(time.tv_nsec);
        };
        const double cpuStart = cpuNow();
        const std::int64_t start = FastClock::steadyNs();
        const std::int64_t end = start + std::chrono::nanoseconds(window).count();
        while (FastClock::steadyNs() < end)
            busyWork(200);
        share = (cpuNow() - cpuStart) / static_cast<double>(FastClock::steadyNs() - start);
    });
    spinner.join();
    return std::clamp(share, kMinCoreShare, 1.0);
}

std::filesystem::path calibrationPath()
{
    const char *cache = std::getenv("XDG_CACHE_HOME");
    const char *home = std::getenv("HOME");
    std::filesystem::path base = cache && *cache ? std::filesystem::path(cache)
        : home && *home                          ? std::filesystem::path(home) / ".cache"
                                                 : std::filesystem::temp_directory_path();
    std::string build = RINGFLOW_BUILD_CONFIG; // thisMachine().build, without reading /proc/cpuinfo
    std::transform(build.begin(), build.end(), build.begin(), [](unsigned char c) { return std::tolower(c); });
    return base / "ringflow" / (build.empty() ? std::string("capacity.json") : "capacity-" + build + ".json");
}

std::optional<CapacityConstants> loadCalibration(const std::filesystem::path &path, const MachineIdentity &machine)
{
    std::ifstream in(path);
    const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
    if (!in || json.is_discarded() || !json.is_object())
        return std::nullopt;
    try {
        if (json.at("version").get<int>() != kFormatVersion
            || MachineIdentity {json.at("cores").get<int>(), json.at("cpu").get<std::string>(),
                   json.at("build").get<std::string>()}
                != machine)
            return std::nullopt;
        return CapacityConstants {json.at("consumer_event_ns").get<double>(), json.at("publish_event_ns").get<double>(),
            json.at("publish_batched_ns").get<double>(), json.at("checksum_ns_per_byte").get<double>(),
            json.at("sleep_overshoot_ns").get<double>()};
    } catch (const nlohmann::json::exception &) {
        return std::nullopt;
    }
}

bool saveCalibration(const std::filesystem::path &path, const MachineIdentity &machine, const CapacityConstants &c)
{
    const nlohmann::json json = {{"version", kFormatVersion}, {"cores", machine.cores}, {"cpu", machine.cpuModel},
        {"build", machine.build}, {"consumer_event_ns", c.consumerEventNs}, {"publish_event_ns", c.publishEventNs},
        {"publish_batched_ns", c.publishBatchedNs}, {"checksum_ns_per_byte", c.checksumNsPerByte},
        {"sleep_overshoot_ns", c.sleepOvershootNs}};
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    std::ofstream out(path);
    out << json.dump(2) << "\n";
    return static_cast<bool>(out);
}

CapacityConstants machineCapacityConstants(bool recalibrate)
{
    const MachineIdentity machine = thisMachine();
    const std::filesystem::path path = calibrationPath();
    if (!recalibrate)
        if (const auto cached = loadCalibration(path, machine))
            return *cached;
    const CapacityConstants measured = measureCapacityConstants();
    saveCalibration(path, machine, measured); // a cache: when it cannot be written, the next run measures again
    return measured;
}

} // namespace ringflow::pipeline
