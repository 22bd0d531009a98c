#include "capacity_format.h"

#include "text_format.h"

#include <sstream>

namespace ringflow::pipeline {

nlohmann::ordered_json predictionJson(const NodePrediction &node)
{
    nlohmann::ordered_json json;
    json["service_ns"] = node.serviceNs;
    json["ceiling_events_per_second"] = node.ceiling;
    json["events_per_second"] = node.eventsPerSecond;
    json["cpu_cores"] = node.cpuCores;
    return json;
}

nlohmann::ordered_json predictionJson(const CapacityPrediction &prediction)
{
    nlohmann::ordered_json json;
    json["events_per_second"] = prediction.eventsPerSecond;
    json["limit"] = prediction.limit;
    json["reason"] = prediction.reason;
    json["core_bound"] = prediction.coreBound;
    json["cpu_cores"] = prediction.cpuCores;
    json["core_share"] = prediction.coreShare;
    return json;
}

std::string predictionReportJson(const CapacityPrediction &prediction, const CapacityConstants &constants, int cores)
{
    nlohmann::ordered_json json = predictionJson(prediction);
    json["cores"] = cores;
    json["constants"] = {{"consumer_event_ns", constants.consumerEventNs},
        {"publish_event_ns", constants.publishEventNs}, {"publish_batched_ns", constants.publishBatchedNs},
        {"checksum_ns_per_byte", constants.checksumNsPerByte}, {"sleep_overshoot_ns", constants.sleepOvershootNs}};
    json["nodes"] = nlohmann::ordered_json::array();
    for (const NodePrediction &node : prediction.nodes) {
        nlohmann::ordered_json entry {{"id", node.id}};
        entry.update(predictionJson(node));
        json["nodes"].push_back(std::move(entry));
    }
    return json.dump(2);
}

std::string predictionTable(const CapacityPrediction &prediction)
{
    std::ostringstream out;
    out << "predicted " << fixedNumber(prediction.eventsPerSecond, 0) << " events/s\nlimit     " << prediction.limit
        << ": " << prediction.reason << "\ncpu       " << fixedNumber(prediction.cpuCores, 2)
        << " cores busy; a busy thread gets " << percentText(prediction.coreShare) << " of a core now\n\n";
    std::vector<std::vector<std::string>> rows {{"node", "service", "ceiling/s", "events/s", "cores", ""}};
    for (const NodePrediction &node : prediction.nodes)
        rows.push_back(
            {node.id, durationText(node.serviceNs), siNumber(node.ceiling, 3), siNumber(node.eventsPerSecond, 3),
                fixedNumber(node.cpuCores, 2), node.id == prediction.limit ? "<- limit" : ""});
    out << alignedTable(rows, {false, true, true, true, true, false});
    return out.str();
}

} // namespace ringflow::pipeline
