#include "document/edit_rules.h"

#include "pipeline/pipeline_graph.h"

#include <QObject>

#include <algorithm>

namespace ringflow::ui {

namespace {

QString sentence(const pipeline::Problem &problem)
{
    QString text = QString::fromStdString(problem.message);
    if (!problem.hint.empty())
        text += QLatin1Char(' ') + QString::fromStdString(problem.hint);
    return text;
}

std::size_t cycleCount(const pipeline::PipelineSpec &spec)
{
    const pipeline::PipelineGraph graph(spec);
    return graph.dependencyCycles().size() + graph.forwardCycles().size();
}

} // namespace

QString connectionRefusal(const pipeline::PipelineSpec &spec, const std::vector<pipeline::Problem> &problems,
    const pipeline::Connection &connection)
{
    for (const pipeline::Endpoint &end : {connection.from, connection.to})
        if (!spec.findNode(end.node))
            return QObject::tr("There is no node '%1'.").arg(QString::fromStdString(end.node));
    pipeline::PipelineSpec candidate = spec;
    candidate.connections.push_back(connection);
    const std::size_t index = candidate.connections.size() - 1;
    const std::vector<pipeline::Problem> after = pipeline::validate(candidate);
    for (const pipeline::Problem &problem : after)
        if (problem.connection == index)
            return sentence(problem);
    const bool newCycle = cycleCount(candidate) > cycleCount(spec);
    for (const pipeline::Problem &problem : after) {
        const bool isNew = std::find(problems.begin(), problems.end(), problem) == problems.end();
        if (isNew && problem.severity == pipeline::Severity::Error && problem.param.empty())
            return sentence(problem);
    }
    if (newCycle)
        return QObject::tr("The wire would close a loop: dependencies and forwarding run one way.");
    return {};
}

QString parameterRefusal(const pipeline::Node &node, const std::string &param, const pipeline::ParamValue &value)
{
    // Judged on the node alone: what the value means next to other nodes is validate()'s business
    // once it is set, and shows on the canvas.
    pipeline::PipelineSpec alone;
    alone.nodes.push_back(node);
    alone.nodes.front().params[param] = value;
    for (const pipeline::Problem &problem : pipeline::validate(alone))
        if (problem.param == param && problem.severity == pipeline::Severity::Error)
            return sentence(problem);
    return {};
}

QString renameRefusal(const pipeline::PipelineSpec &spec, const QString &oldId, const QString &newId)
{
    if (newId.trimmed().isEmpty())
        return QObject::tr("A node needs a non-empty id.");
    if (newId != newId.trimmed())
        return QObject::tr("An id cannot start or end with spaces.");
    if (newId != oldId && spec.findNode(newId.toStdString()))
        return QObject::tr("The id '%1' is already used by another node.").arg(newId);
    return {};
}

} // namespace ringflow::ui
