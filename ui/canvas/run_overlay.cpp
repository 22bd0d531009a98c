#include "canvas/run_overlay.h"

#include "canvas/connection_item.h"
#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "format/number_format.h"
#include "pipeline/bottleneck.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ringflow::ui {

namespace {

// A wire carrying a thousandth of the busiest one's rate is drawn as thin as a flowing wire gets.
constexpr double kDecades = 3;

/// The figures of node `index` of the plan in `frame`; nullptr in an empty frame (before the first sample).
const pipeline::NodeFigures *figuresOf(const pipeline::Frame &frame, std::size_t index)
{
    return index < frame.nodes.size() ? &frame.nodes[index] : nullptr;
}

} // namespace

RunOverlay::RunOverlay(PipelineScene *scene, QObject *parent) : QObject(parent), m_scene(scene)
{
}

RunOverlay::~RunOverlay()
{
    end();
}

void RunOverlay::begin(
    const pipeline::Plan &plan, const RunColors &colors, const std::optional<pipeline::CapacityPrediction> &prediction)
{
    m_plan = &plan;
    m_colors = colors;
    m_prediction = prediction && prediction->nodes.size() == plan.producers.size() + plan.consumers.size()
        ? prediction
        : std::nullopt;
    m_lastShown.invalidate();
    show(pipeline::Frame {});
}

void RunOverlay::show(const pipeline::Frame &frame)
{
    if (!m_plan || !m_scene)
        return;
    if (m_minimumIntervalMs > 0 && m_lastShown.isValid() && m_lastShown.elapsed() < m_minimumIntervalMs)
        return;
    m_lastShown.start();
    const std::optional<pipeline::Bottleneck> bottleneck = pipeline::findBottleneck(frame, *m_plan);
    m_bottleneckId = bottleneck ? QString::fromStdString(bottleneck->id) : QString();
    m_bottleneckReason = bottleneck ? QString::fromStdString(bottleneck->reason) : QString();
    if (bottleneck && m_prediction)
        m_bottleneckReason = tr("Measured bottleneck: %1\n%2").arg(m_bottleneckReason, predictedLimitText());
    showNodes(frame);
    showWires(frame);
}

void RunOverlay::showNodes(const pipeline::Frame &frame)
{
    const auto apply = [this](const std::string &id, const QString &badge, double level, const QString &tip) {
        const QString key = QString::fromStdString(id);
        NodeItem *item = m_scene->nodeItem(key);
        if (!item)
            return;
        NodeItem::RunLook look;
        const auto color = m_colors.find(key);
        look.color = color == m_colors.end() ? QColor() : color->second;
        look.level = level;
        look.bottleneck = key == m_bottleneckId;
        look.toolTip = look.bottleneck ? m_bottleneckReason + QLatin1Char('\n') + tip : tip;
        item->setBadge(badge);
        item->setRunLook(look);
    };
    const QString none = QStringLiteral("–");

    for (std::size_t i = 0; i < m_plan->producers.size(); ++i) {
        const pipeline::ProducerPlan &producer = m_plan->producers[i];
        const pipeline::NodeFigures *rates = figuresOf(frame, i);
        QString badge = rates ? badgeText(i, rates->eventsPerSecond) : none;
        QString tip = rates ? tr("Publishing %1 events/s").arg(siText(rates->eventsPerSecond)) : QString();
        // A producer publishing with try loses what finds the ring full: the user must see how much.
        if (producer.tryPublish && rates) {
            const QString dropped = countText(static_cast<std::int64_t>(rates->dropped), canvasLocale());
            badge = tr("%1 · %2 dropped").arg(badge, dropped);
            tip += tr(" · dropped %1 events that found the ring full").arg(dropped);
        }
        apply(producer.id, badge, -1, tip);
    }
    for (std::size_t i = 0; i < m_plan->consumers.size(); ++i) {
        const pipeline::ConsumerPlan &consumer = m_plan->consumers[i];
        const pipeline::NodeFigures *rates = figuresOf(frame, m_plan->consumerIndex(i));
        const pipeline::RingPlan *ring = m_plan->findRing(consumer.ring);
        const std::int64_t ringSize = ring ? ring->bufferSize : 0;
        const std::int64_t backlog = rates ? rates->backlog : 0;
        const double level
            = ringSize > 0 ? std::min(1.0, static_cast<double>(backlog) / static_cast<double>(ringSize)) : 0;
        apply(consumer.id, rates ? badgeText(m_plan->consumerIndex(i), rates->eventsPerSecond) : none, level,
            rates ? tr("Handling %1 events/s · busy %2 · backlog %3 of %4 slots")
                        .arg(siText(rates->eventsPerSecond), percentText(std::clamp(rates->busyFraction, 0.0, 1.0)),
                            countText(backlog, canvasLocale()), countText(ringSize, canvasLocale()))
                  : QString());
    }
    for (std::size_t i = 0; i < m_plan->rings.size(); ++i) {
        const pipeline::RingPlan &ring = m_plan->rings[i];
        const bool known = i < frame.rings.size();
        const double level = known ? std::clamp(frame.rings[i].fillFraction, 0.0, 1.0) : 0;
        apply(ring.id, known ? tr("fill %1").arg(percentText(level)) : none, level,
            known ? tr("Fill %1 of %2 ringSize").arg(percentText(level), countText(ring.bufferSize, canvasLocale()))
                  : QString());
    }
}

QString RunOverlay::badgeText(std::size_t index, double rate) const
{
    if (!m_prediction || !std::isfinite(m_prediction->nodes[index].ceiling))
        return rateText(rate);
    return tr("%1 of ≤ %2").arg(rateText(rate), siText(m_prediction->nodes[index].ceiling));
}

QString RunOverlay::predictedLimitText() const
{
    return tr("Predicted limit: '%1' at %2 events/s (%3)")
        .arg(QString::fromStdString(m_prediction->limit), siText(m_prediction->eventsPerSecond),
            QString::fromStdString(m_prediction->reason));
}

void RunOverlay::showWires(const pipeline::Frame &frame)
{
    const auto rateOf = [&](const std::string &id) {
        const std::optional<std::size_t> index = m_plan->nodeIndex(id);
        const pipeline::NodeFigures *rates = index ? figuresOf(frame, *index) : nullptr;
        return rates ? std::max(0.0, rates->eventsPerSecond) : 0.0;
    };
    // What a wire carries: what its producer publishes, else what the consumer at its end handles
    // (from a ring, or after another consumer), else what the consumer at its start forwards.
    const auto carried = [&](const pipeline::Connection &connection) {
        if (m_plan->findProducer(connection.from.node))
            return rateOf(connection.from.node);
        if (m_plan->findConsumer(connection.to.node))
            return rateOf(connection.to.node);
        if (m_plan->findConsumer(connection.from.node))
            return rateOf(connection.from.node);
        return 0.0;
    };
    std::vector<std::pair<ConnectionItem *, double>> wires;
    double busiest = 0;
    for (ConnectionItem *item : m_scene->connectionItems()) {
        const double rate = carried(*item->connection());
        busiest = std::max(busiest, rate);
        wires.emplace_back(item, rate);
    }
    for (const auto &[item, rate] : wires) {
        const double relative
            = rate > 0 && busiest > 0 ? std::clamp(1 + std::log10(rate / busiest) / kDecades, 0.0, 1.0) : 0;
        item->setFlow(rate, relative);
    }
}

void RunOverlay::end()
{
    m_plan = nullptr;
    m_colors.clear();
    m_prediction.reset();
    m_bottleneckId.clear();
    m_bottleneckReason.clear();
    if (!m_scene)
        return;
    // The items are reached through the scene alone: at shutdown the document may already be gone.
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() != NodeItem::Type)
            continue;
        auto *node = static_cast<NodeItem *>(item);
        node->setBadge({});
        node->setRunLook(std::nullopt);
    }
    for (ConnectionItem *item : m_scene->connectionItems())
        item->clearFlow();
}

} // namespace ringflow::ui
