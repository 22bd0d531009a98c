#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// A node's figures over a whole run.
struct NodeReport {
    std::string id;
    std::string kind; ///< "producer", "stage", "worker-pool", "aggregate"
    std::string ring;
    std::uint64_t count = 0; ///< producer: published; consumer: processed
    std::uint64_t expected = 0; ///< consumer: what its ring received (conservation)
    std::uint64_t handled = 0;
    std::uint64_t errors = 0;
    std::uint64_t forwarded = 0;
    double eventsPerSecond = 0;
    double busyFraction = 0;
    std::uint64_t p50Ns = 0, p90Ns = 0, p99Ns = 0, p999Ns = 0, maxNs = 0;
    bool conserved = true;
};

/// How a run went. `ok` is the verdict: everything published was processed by every consumer of
/// its ring (a pool's workers adding up), no stage halted on an error, and the drain completed.
struct RunReport {
    std::string pipeline;
    std::string started; ///< ISO 8601, UTC
    std::string stopped;
    std::int64_t elapsedNs = 0;
    std::uint64_t totalEvents = 0; ///< published by producers
    std::uint64_t processed = 0; ///< per ring, what its slowest consumer processed; summed
    double eventsPerSecond = 0; ///< totalEvents / elapsed
    double nsPerEvent = 0;
    bool drained = true;
    bool ok = true;
    std::vector<std::string> problems; ///< why ok is false
    std::vector<std::string> errors; ///< handler errors (the first ones)
    std::uint64_t errorCount = 0;
    std::vector<NodeReport> nodes;
};

std::string toJson(const RunReport &report);
std::string toTable(const RunReport &report);
std::string toCsv(const RunReport &report);

} // namespace ringflow::pipeline
