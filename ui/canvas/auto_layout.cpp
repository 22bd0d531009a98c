#include "canvas/auto_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>
#include <vector>

namespace ringflow::ui {

namespace {

constexpr double kColumnGap = 90;
constexpr double kRowGap = 36;

/// For every node of `spec`, the indexes of the nodes wired into it.
std::vector<std::vector<std::size_t>> inputsOf(const pipeline::PipelineSpec &spec)
{
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < spec.nodes.size(); ++i)
        index.emplace(spec.nodes[i].id, i);
    std::vector<std::vector<std::size_t>> inputs(spec.nodes.size());
    for (const pipeline::Connection &wire : spec.connections) {
        const auto from = index.find(wire.from.node);
        const auto to = index.find(wire.to.node);
        if (from != index.end() && to != index.end() && from->second != to->second)
            inputs[to->second].push_back(from->second);
    }
    return inputs;
}

/// Each node's column: the longest path to it from the sources. Bounded relaxation: a cycle
/// (which validation reports) stops growing after as many rounds as there are nodes instead of
/// looping forever.
std::vector<std::size_t> columnsOf(const std::vector<std::vector<std::size_t>> &inputs)
{
    const std::size_t count = inputs.size();
    std::vector<std::size_t> column(count, 0);
    for (std::size_t round = 0; round < count; ++round) {
        bool changed = false;
        for (std::size_t node = 0; node < count; ++node)
            for (std::size_t input : inputs[node])
                if (column[input] + 1 > column[node] && column[input] + 1 < count) {
                    column[node] = column[input] + 1;
                    changed = true;
                }
        if (!changed)
            break;
    }
    return column;
}

} // namespace

std::map<std::string, pipeline::Position> autoLayout(
    const pipeline::PipelineSpec &spec, const std::function<QSizeF(const pipeline::Node &)> &sizeOf)
{
    const std::size_t count = spec.nodes.size();
    const std::vector<std::vector<std::size_t>> inputs = inputsOf(spec);
    const std::vector<std::size_t> column = columnsOf(inputs);
    const std::size_t columns = count == 0 ? 0 : *std::max_element(column.begin(), column.end()) + 1;
    std::vector<double> order(count, 0); // row rank within the column, used by the next columns
    std::map<std::string, pipeline::Position> positions;
    double x = 0;
    for (std::size_t c = 0; c < columns; ++c) {
        std::vector<std::size_t> members;
        for (std::size_t node = 0; node < count; ++node)
            if (column[node] == c)
                members.push_back(node);
        std::vector<double> weight(count, 0);
        for (std::size_t node : members) {
            const auto &in = inputs[node];
            weight[node] = in.empty()
                ? static_cast<double>(node)
                : std::accumulate(in.begin(), in.end(), 0.0, [&](double sum, std::size_t i) { return sum + order[i]; })
                    / static_cast<double>(in.size());
        }
        std::stable_sort(
            members.begin(), members.end(), [&](std::size_t a, std::size_t b) { return weight[a] < weight[b]; });
        double height = 0;
        double width = 0;
        for (std::size_t node : members) {
            const QSizeF size = sizeOf(spec.nodes[node]);
            height += size.height() + kRowGap;
            width = std::max(width, size.width());
        }
        double y = -(height - kRowGap) / 2;
        for (std::size_t rank = 0; rank < members.size(); ++rank) {
            const std::size_t node = members[rank];
            order[node] = static_cast<double>(rank);
            positions[spec.nodes[node].id] = pipeline::Position {x, std::round(y)};
            y += sizeOf(spec.nodes[node]).height() + kRowGap;
        }
        x += width + kColumnGap;
    }
    return positions;
}

void placeUnpositioned(pipeline::PipelineSpec &spec, const std::function<QSizeF(const pipeline::Node &)> &sizeOf)
{
    pipeline::PipelineSpec missing;
    std::unordered_set<std::string> missingIds;
    double bottom = 0;
    bool anyPlaced = false;
    for (const pipeline::Node &node : spec.nodes) {
        if (node.position) {
            bottom = std::max(bottom, node.position->y + sizeOf(node).height());
            anyPlaced = true;
        } else {
            missing.nodes.push_back(node);
            missingIds.insert(node.id);
        }
    }
    if (missing.nodes.empty())
        return;
    for (const pipeline::Connection &wire : spec.connections)
        if (missingIds.count(wire.from.node) > 0 && missingIds.count(wire.to.node) > 0)
            missing.connections.push_back(wire);
    const std::map<std::string, pipeline::Position> layout = autoLayout(missing, sizeOf);
    double top = 0;
    for (const auto &[id, position] : layout)
        top = std::min(top, position.y);
    const double shift = anyPlaced ? bottom + 2 * kRowGap - top : 0;
    for (pipeline::Node &node : spec.nodes)
        if (!node.position)
            node.position = pipeline::Position {layout.at(node.id).x, layout.at(node.id).y + shift};
}

} // namespace ringflow::ui
