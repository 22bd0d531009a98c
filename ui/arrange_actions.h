#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace ringflow::ui {

class PipelineScene;

/// The Arrange menu: aligns the selected nodes and notes (two or more) by an edge or a centre line,
/// or spaces them (three or more) with equal gaps. Each is one undo step; an action that cannot act
/// on the selection is disabled.
class ArrangeActions : public QObject {
    Q_OBJECT
public:
    ArrangeActions(PipelineScene *scene, QWidget *menuParent, QObject *parent);

    /// The Arrange menu: the alignments, then the distributions.
    QMenu *menu() const { return m_menu; }

private:
    void createAlignActions();
    void createDistributeActions();
    void updateEnabled();

    PipelineScene *m_scene;
    QMenu *m_menu;
    QList<QAction *> m_align;
    QList<QAction *> m_distribute;
};

} // namespace ringflow::ui
