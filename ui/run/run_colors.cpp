#include "run/run_colors.h"

#include "canvas/theme.h"

namespace ringflow::ui {

RunColors runColors(const pipeline::Plan &plan)
{
    RunColors colors;
    int index = 0;
    for (const pipeline::ProducerPlan &producer : plan.producers)
        colors[QString::fromStdString(producer.id)] = theme::seriesColor(index++);
    for (const pipeline::ConsumerPlan &consumer : plan.consumers)
        colors[QString::fromStdString(consumer.id)] = theme::seriesColor(index++);
    for (const pipeline::RingPlan &ring : plan.rings)
        colors[QString::fromStdString(ring.id)] = theme::seriesColor(index++);
    return colors;
}

} // namespace ringflow::ui
