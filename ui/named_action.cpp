#include "named_action.h"

#include <QAction>
#include <QWidget>

namespace ringflow::ui {

QAction *namedAction(QObject *parent, const QString &name, const QString &text, const QList<QKeySequence> &shortcuts)
{
    auto *action = new QAction(text, parent);
    action->setObjectName(name);
    action->setShortcuts(shortcuts);
    return action;
}

QAction *canvasAction(
    QWidget *canvas, QObject *parent, const QString &name, const QString &text, const QList<QKeySequence> &shortcuts)
{
    QAction *action = namedAction(parent, name, text, shortcuts);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    canvas->addAction(action);
    return action;
}

} // namespace ringflow::ui
