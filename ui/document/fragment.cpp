#include "document/fragment.h"

#include "pipeline/pipeline_file.h"

#include <QMimeData>

#include <algorithm>
#include <set>

namespace ringflow::ui {

pipeline::PipelineSpec fragmentOf(
    const pipeline::PipelineSpec &spec, const QStringList &nodeIds, const std::vector<int> &noteIndexes)
{
    std::set<std::string> wanted;
    for (const QString &id : nodeIds)
        wanted.insert(id.toStdString());
    pipeline::PipelineSpec fragment;
    std::copy_if(spec.nodes.begin(), spec.nodes.end(), std::back_inserter(fragment.nodes),
        [&](const pipeline::Node &node) { return wanted.count(node.id) > 0; });
    std::copy_if(spec.connections.begin(), spec.connections.end(), std::back_inserter(fragment.connections),
        [&](const pipeline::Connection &wire) {
            return wanted.count(wire.from.node) > 0 && wanted.count(wire.to.node) > 0;
        });
    for (const int index : noteIndexes)
        if (index >= 0 && static_cast<std::size_t>(index) < spec.notes.size())
            fragment.notes.push_back(spec.notes[static_cast<std::size_t>(index)]);
    return fragment;
}

QMimeData *fragmentMimeData(const pipeline::PipelineSpec &fragment)
{
    const QByteArray json = QByteArray::fromStdString(pipeline::savePipeline(fragment));
    auto *mimeData = new QMimeData;
    mimeData->setData(QString::fromLatin1(kFragmentMimeType), json);
    mimeData->setText(QString::fromUtf8(json));
    return mimeData;
}

std::optional<pipeline::PipelineSpec> fragmentFromMimeData(const QMimeData *mimeData)
{
    if (!mimeData || !mimeData->hasFormat(QString::fromLatin1(kFragmentMimeType)))
        return std::nullopt;
    const QByteArray json = mimeData->data(QString::fromLatin1(kFragmentMimeType));
    pipeline::LoadResult loaded = pipeline::loadPipeline(std::string_view(json.constData(), json.size()), "clipboard");
    return std::move(loaded.spec);
}

} // namespace ringflow::ui
