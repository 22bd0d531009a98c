#include "pipeline_spec.h"

#include <algorithm>
#include <utility>

namespace ringflow::pipeline {

const Node *PipelineSpec::findNode(const std::string &id) const
{
    const auto found = std::find_if(nodes.begin(), nodes.end(), [&](const Node &node) { return node.id == id; });
    return found == nodes.end() ? nullptr : &*found;
}

Node *PipelineSpec::findNode(const std::string &id)
{
    return const_cast<Node *>(std::as_const(*this).findNode(id));
}

} // namespace ringflow::pipeline
