#pragma once

#include "pipeline/validation.h"

#include <QGraphicsItem>

#include <vector>

namespace ringflow::ui {

/// The round "!" in a node's header when validation finds something wrong with the node; its
/// tooltip lists the problems with their hints.
class ProblemMarker : public QGraphicsItem {
public:
    enum { Type = UserType + 4 };
    static constexpr qreal kDiameter = 18;

    explicit ProblemMarker(QGraphicsItem *parent);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /// Shows the worst severity among `problems` and lists them all in the tooltip; hides the
    /// marker when there are none.
    void setProblems(const std::vector<pipeline::Problem> &problems);
    bool hasErrors() const { return m_errors; }

private:
    bool m_errors = false;
    std::vector<pipeline::Problem> m_problems; ///< shown now: an edit elsewhere changes nothing here
};

} // namespace ringflow::ui
