#pragma once

#include "capacity_model.h"
#include "metrics.h"
#include "plan.h"
#include "text_format.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ringflow::pipeline {

/// A node's figures over a whole run, with its conservation verdict.
struct NodeReport {
    std::string id;
    std::string kind; ///< the node's kind, as in files
    NodeRole role = NodeRole::Consumer;
    std::string ring; ///< the ring it publishes into (producer) or reads (consumer)
    NodeFigures figures;
    std::uint64_t expected = 0; ///< consumer: what its ring received
    bool conserved = true; ///< consumer: processed exactly what its ring received
    /// Consumer: it reads only some channels, so it may handle fewer events than it processes.
    bool channelFilter = false;
    /// Producer: it publishes with try, dropping (figures.dropped) what finds the ring full.
    bool tryPublish = false;
};

/// How a run went. `ok` is the verdict: everything published was processed by every consumer of
/// its ring (a pool's workers adding up), no stage halted on an error, and the drain completed.
struct RunReport {
    std::string pipeline;
    std::string started; ///< ISO 8601, UTC
    std::string stopped;
    std::int64_t elapsedNs = 0; ///< from start() to the end of stop()
    /// From start() to the first publish: starting the threads (and a paced first event).
    std::int64_t startupNs = 0;
    /// From the first publish to the end of the last batch any consumer handled: the window in which
    /// events flowed, which the rates are figured over (elapsedNs when nothing flowed).
    std::int64_t flowNs = 0;
    std::uint64_t totalEvents = 0; ///< published by producers
    std::uint64_t processed = 0; ///< per ring, what its slowest consumer processed; summed
    double eventsPerSecond = 0; ///< totalEvents / flow
    double nsPerEvent = 0; ///< flow / totalEvents: the time between events at eventsPerSecond
    bool drained = true;
    bool ok = true;
    /// False when the run measured no busy time, flow window or latency (Plan::instrumented): the
    /// report then has no busy, service or latency figures, and its rate is over the elapsed time.
    bool instrumented = true;
    std::vector<std::string> problems; ///< why ok is false
    std::vector<std::string> errors; ///< handler errors (the first ones)
    std::uint64_t errorCount = 0;
    std::vector<NodeReport> nodes; ///< in plan order
    /// What the capacity model predicted for the run, when it was asked (addPrediction()); its
    /// nodes are in the same order as `nodes`.
    std::optional<CapacityPrediction> prediction;
};

/// What the runtime knows about a run when it has ended, besides its last sample.
struct RunEnding {
    std::string started; ///< ISO 8601, UTC
    std::string stopped;
    std::int64_t elapsedNs = 0;
    std::int64_t startedNs = 0; ///< steady clock, as the sample's times
    bool drainRequested = true; ///< stop() rather than halt()
    bool drained = true; ///< every consumer caught up within the timeout
    std::vector<std::string> failedStages; ///< processors that halted on an error
    /// Processors still in a handler when stop() or halt() gave up waiting (kStuckHandlerGrace).
    std::vector<std::string> stuckStages;
    std::vector<std::string> errors;
    std::uint64_t errorCount = 0;
};

/// The report of a run of `plan` whose last reading was `last`: every node's figures over the run,
/// and the conservation check: each consumer processed exactly what its ring received from its
/// producers and from the consumers forwarding into it.
RunReport makeReport(const Plan &plan, const Sample &last, const RunEnding &ending);

/// Puts `prediction`, made for the report's plan, next to the measurement.
void addPrediction(RunReport &report, const CapacityPrediction &prediction);

/// One column of a report's node table, as `ringflow-run` prints it and the designer shows it: the
/// one place that says what each column is and how its figures are written.
struct ReportColumn {
    std::string title; ///< lower case: "events/s"
    std::string description; ///< what its figure is, in a sentence or two (the designer's tooltip)
    bool numeric = true; ///< right-aligned
    std::vector<std::string> cells; ///< one per node, in report order; empty where it does not apply
};

/// The columns of `report`'s node table, its figures written with `style`'s marks. Durations take
/// one unit per column; "handled" is there only when a consumer has a channel filter, "dropped"
/// only when a producer publishes with try, "predicted" only when the report carries a prediction.
std::vector<ReportColumn> reportColumns(const RunReport &report, const NumberStyle &style = {});

std::string toJson(const RunReport &report);
/// The report for a terminal: the run's totals and verdict, then reportColumns() aligned.
std::string toTable(const RunReport &report);
std::string toCsv(const RunReport &report);

} // namespace ringflow::pipeline
