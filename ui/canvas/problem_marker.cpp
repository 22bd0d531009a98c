#include "canvas/problem_marker.h"

#include "canvas/theme.h"

#include <QPainter>

namespace ringflow::ui {

ProblemMarker::ProblemMarker(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setVisible(false);
    setAcceptHoverEvents(true);
}

QRectF ProblemMarker::boundingRect() const
{
    return QRectF(0, 0, kDiameter, kDiameter);
}

void ProblemMarker::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(m_errors ? theme::errorColor() : theme::warningColor());
    painter->drawEllipse(boundingRect().adjusted(1, 1, -1, -1));
    QFont font = theme::titleFont();
    font.setPixelSize(12);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(boundingRect(), Qt::AlignCenter, QStringLiteral("!"));
}

void ProblemMarker::setProblems(const std::vector<pipeline::Problem> &problems)
{
    if (problems == m_problems && isVisible() == !problems.empty())
        return;
    m_problems = problems;
    m_errors = pipeline::hasErrors(problems);
    QStringList lines;
    for (const pipeline::Problem &problem : problems) {
        const QString severity
            = problem.severity == pipeline::Severity::Error ? QObject::tr("Error") : QObject::tr("Warning");
        QString line
            = QStringLiteral("<b>%1:</b> %2").arg(severity, QString::fromStdString(problem.message).toHtmlEscaped());
        if (!problem.hint.empty())
            line += QStringLiteral("<br><i>%1</i>").arg(QString::fromStdString(problem.hint).toHtmlEscaped());
        lines.append(line);
    }
    setToolTip(lines.join(QStringLiteral("<hr>")));
    setVisible(!problems.empty());
    update();
}

} // namespace ringflow::ui
