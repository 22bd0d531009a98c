#include "capacity_format.h"

#include "text_format.h"

#include <algorithm>
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
        << ": " << prediction.reason << "\ncpu       " << fixedNumber(prediction.cpuCores, 2) << " cores busy\n\n";
    std::size_t idWidth = 4;
    for (const NodePrediction &node : prediction.nodes)
        idWidth = std::max(idWidth, node.id.size());
    const auto cell = [](const std::string &text, std::size_t width) {
        // Right-aligned by code points, so that "µs" takes two columns.
        const auto shown = static_cast<std::size_t>(std::count_if(
            text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
        return std::string(width - std::min(width, shown), ' ') + text;
    };
    out << "node" << std::string(idWidth - 4, ' ') << "  " << cell("service", 12) << "  " << cell("ceiling/s", 12)
        << "  " << cell("events/s", 12) << "  " << cell("cores", 6) << "\n";
    for (const NodePrediction &node : prediction.nodes) {
        out << node.id << std::string(idWidth - node.id.size(), ' ') << "  " << cell(durationText(node.serviceNs), 12)
            << "  " << cell(siNumber(node.ceiling, 3), 12) << "  " << cell(siNumber(node.eventsPerSecond, 3), 12)
            << "  " << cell(fixedNumber(node.cpuCores, 2), 6) << (node.id == prediction.limit ? "  <- limit" : "")
            << "\n";
    }
    return out.str();
}

} // namespace ringflow::pipeline
