#include "arrange_actions.h"

#include "canvas/arrange.h"
#include "canvas/pipeline_scene.h"
#include "named_action.h"

#include <QAction>
#include <QMenu>

namespace ringflow::ui {

ArrangeActions::ArrangeActions(PipelineScene *scene, QWidget *menuParent, QObject *parent)
    : QObject(parent), m_scene(scene), m_menu(new QMenu(tr("&Arrange"), menuParent))
{
    m_menu->setObjectName(QStringLiteral("menuArrange"));
    createAlignActions();
    m_menu->addSeparator();
    createDistributeActions();
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &ArrangeActions::updateEnabled);
    updateEnabled();
}

void ArrangeActions::createAlignActions()
{
    const struct {
        const char *name;
        QString text;
        Alignment alignment;
    } aligns[] = {
        {"actionAlignLeft", tr("Align &Left Edges"), Alignment::Left},
        {"actionAlignRight", tr("Align &Right Edges"), Alignment::Right},
        {"actionAlignTop", tr("Align &Top Edges"), Alignment::Top},
        {"actionAlignBottom", tr("Align &Bottom Edges"), Alignment::Bottom},
        {"actionAlignHorizontalCentres", tr("Align &Horizontal Centres (in a column)"), Alignment::HorizontalCentres},
        {"actionAlignVerticalCentres", tr("Align &Vertical Centres (in a row)"), Alignment::VerticalCentres},
    };
    for (const auto &align : aligns) {
        QAction *action = namedAction(this, QLatin1String(align.name), align.text, {});
        connect(action, &QAction::triggered, m_scene, [this, how = align.alignment] { m_scene->alignSelection(how); });
        m_menu->addAction(action);
        m_align.append(action);
    }
}

void ArrangeActions::createDistributeActions()
{
    const struct {
        const char *name;
        QString text;
        Qt::Orientation orientation;
    } distributions[] = {
        {"actionDistributeHorizontally", tr("Distribute Hori&zontally"), Qt::Horizontal},
        {"actionDistributeVertically", tr("Distribute Verti&cally"), Qt::Vertical},
    };
    for (const auto &distribution : distributions) {
        QAction *action = namedAction(this, QLatin1String(distribution.name), distribution.text, {});
        action->setStatusTip(tr("Equal gaps between the selected items; the outermost stay where they are"));
        connect(action, &QAction::triggered, m_scene,
            [this, orientation = distribution.orientation] { m_scene->distributeSelection(orientation); });
        m_menu->addAction(action);
        m_distribute.append(action);
    }
}

void ArrangeActions::updateEnabled()
{
    const int selected = m_scene->arrangeableCount();
    for (QAction *action : m_align)
        action->setEnabled(selected >= 2);
    for (QAction *action : m_distribute)
        action->setEnabled(selected >= 3);
}

} // namespace ringflow::ui
