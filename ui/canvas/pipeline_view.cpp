#include "canvas/pipeline_view.h"

#include "canvas/node_item.h"
#include "canvas/note_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/theme.h"
#include "document/mime_types.h"
#include "document/pipeline_document.h"
#include "pipeline/kind_registry.h"

#include <QDragEnterEvent>
#include <QLabel>
#include <QMimeData>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace ringflow::ui {

namespace {

constexpr qreal kMinZoom = 0.15;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kZoomStep = 1.2;
constexpr qreal kFitMargin = 24;

QString droppedKind(const QMimeData *mimeData)
{
    if (!mimeData || !mimeData->hasFormat(QString::fromLatin1(kKindMimeType)))
        return {};
    const QString kind = QString::fromUtf8(mimeData->data(QString::fromLatin1(kKindMimeType)));
    return pipeline::findKind(kind.toStdString()) ? kind : QString();
}

} // namespace

PipelineView::PipelineView(PipelineScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_scene(scene), m_emptyHint(new QLabel(viewport()))
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    // The grid is the same on every repaint: while a run updates badges and wires ten times a
    // second, redrawing it was half of the canvas's paint time.
    setCacheMode(QGraphicsView::CacheBackground);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true); // for mousePosition(): quick add goes where the mouse is
    centerOn(0, 0);

    m_emptyHint->setObjectName(QStringLiteral("emptyCanvasHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    // Drops and clicks go through it to the canvas underneath.
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyHint->setText(
        tr("<p style='font-size:13pt'><b>An empty pipeline</b></p>"
           "<p>Drag a kind from the <b>Palette</b> onto the canvas, or double-click it.<br>"
           "Press <b>Tab</b> to add a node by typing its kind; right-click here to add a node or a note.<br>"
           "Or open an example: <b>File ▸ Examples</b>.</p>"
           "<p>Then drag from a port to another to connect them, and press <b>F5</b> to run.</p>"));
    connect(scene->document(), &PipelineDocument::edited, this, &PipelineView::updateEmptyHint);
    updateEmptyHint();
}

QPoint PipelineView::mousePosition() const
{
    return m_mouse.value_or(viewport()->rect().center());
}

void PipelineView::updateEmptyHint()
{
    m_emptyHint->setVisible(m_scene->document()->spec().nodes.empty());
    const QRect room = viewport()->rect();
    m_emptyHint->setFixedWidth(std::clamp(room.width() - 40, 100, 520));
    m_emptyHint->adjustSize();
    m_emptyHint->move(room.center() - m_emptyHint->rect().center());
}

void PipelineView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    updateEmptyHint();
}

void PipelineView::scrollContentsBy(int dx, int dy)
{
    // Scrolling moves the viewport's child widgets with the scene; the hint stays in the middle.
    QGraphicsView::scrollContentsBy(dx, dy);
    updateEmptyHint();
}

void PipelineView::leaveEvent(QEvent *event)
{
    m_mouse.reset();
    QGraphicsView::leaveEvent(event);
}

qreal PipelineView::zoom() const
{
    return transform().m11();
}

QPointF PipelineView::visibleCenter() const
{
    return mapToScene(viewport()->rect().center());
}

void PipelineView::setZoom(qreal zoom)
{
    const qreal clamped = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (std::abs(clamped - this->zoom()) < 1e-9)
        return;
    setTransform(QTransform::fromScale(clamped, clamped));
    Q_EMIT zoomChanged(clamped);
}

void PipelineView::scaleBy(qreal factor)
{
    setZoom(zoom() * factor);
}

void PipelineView::zoomIn()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    scaleBy(kZoomStep);
    setTransformationAnchor(anchor);
}

void PipelineView::zoomOut()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    scaleBy(1 / kZoomStep);
    setTransformationAnchor(anchor);
}

void PipelineView::resetZoom()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    setZoom(1.0);
    setTransformationAnchor(anchor);
}

void PipelineView::fitToView()
{
    QRectF bounds;
    for (QGraphicsItem *item : m_scene->items())
        if (item->type() == NodeItem::Type)
            bounds |= item->sceneBoundingRect();
    if (bounds.isEmpty()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    bounds.adjust(-kFitMargin, -kFitMargin, kFitMargin, kFitMargin);
    const qreal fit = std::min(viewport()->width() / bounds.width(), viewport()->height() / bounds.height());
    setZoom(std::min(fit, 1.0));
    centerOn(bounds.center());
}

void PipelineView::centerOnNode(const QString &id)
{
    if (const NodeItem *item = m_scene->nodeItem(id))
        centerOn(item->sceneBoundingRect().center());
}

void PipelineView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            scaleBy(std::pow(kZoomStep, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void PipelineView::mousePressEvent(QMouseEvent *event)
{
    const bool pan = event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld);
    if (pan) {
        m_panning = true;
        m_lastPanPoint = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void PipelineView::mouseMoveEvent(QMouseEvent *event)
{
    m_mouse = event->position().toPoint();
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_lastPanPoint;
        m_lastPanPoint = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void PipelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        stopPanning();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void PipelineView::stopPanning()
{
    m_panning = false;
    if (m_spaceHeld)
        viewport()->setCursor(Qt::OpenHandCursor);
    else
        viewport()->unsetCursor();
}

void PipelineView::keyPressEvent(QKeyEvent *event)
{
    // Every key, Space included, belongs to a note whose text is being written.
    if (scene() && scene()->focusItem() && scene()->focusItem()->type() == NoteItem::Type) {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space) {
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void PipelineView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void PipelineView::focusOutEvent(QFocusEvent *event)
{
    // The Space release may go to another window; do not stay stuck in panning mode.
    m_spaceHeld = false;
    if (m_panning)
        stopPanning();
    viewport()->unsetCursor();
    QGraphicsView::focusOutEvent(event);
}

void PipelineView::dragEnterEvent(QDragEnterEvent *event)
{
    if (droppedKind(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void PipelineView::dragMoveEvent(QDragMoveEvent *event)
{
    if (droppedKind(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void PipelineView::dragLeaveEvent(QDragLeaveEvent *event)
{
    event->accept();
}

void PipelineView::dropEvent(QDropEvent *event)
{
    const QString kind = droppedKind(event->mimeData());
    if (kind.isEmpty()) {
        event->ignore();
        return;
    }
    // The cursor ends up on the middle of the new node's title bar, where the user aimed.
    const QPointF at = mapToScene(event->position().toPoint());
    const QPointF topLeft = m_scene->snapped(at - QPointF(theme::kNodeWidth / 2, theme::kHeaderHeight / 2));
    const QString id = m_scene->document()->addNode(kind, topLeft);
    if (id.isEmpty()) { // refused: a run holds the structure
        event->ignore();
        return;
    }
    m_scene->selectNodes({id});
    event->setDropAction(Qt::CopyAction);
    event->accept();
    setFocus(Qt::OtherFocusReason);
}

} // namespace ringflow::ui
