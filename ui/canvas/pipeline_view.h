#pragma once

#include <QGraphicsView>

#include <optional>

class QLabel;

namespace ringflow::ui {

class PipelineScene;

/// The window onto the canvas: zoom (Ctrl+wheel, or the zoom actions), pan (middle button, or
/// Space and drag), rubber-band selection, and the drop target for kinds dragged from the palette.
/// An empty pipeline shows, on the canvas, how to start one.
class PipelineView : public QGraphicsView {
    Q_OBJECT
public:
    explicit PipelineView(PipelineScene *scene, QWidget *parent = nullptr);

    PipelineScene *pipelineScene() const { return m_scene; }
    /// 1.0 is 100%.
    qreal zoom() const;
    /// The scene point in the middle of the viewport.
    QPointF visibleCenter() const;
    /// Where the mouse was last seen over the viewport (viewport coordinates); the middle of the
    /// viewport when it is not over it.
    QPoint mousePosition() const;
    /// The text shown on an empty canvas; hidden while there are nodes.
    QLabel *emptyHint() const { return m_emptyHint; }

public Q_SLOTS:
    void setZoom(qreal zoom);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Shows every node, at most at 100%.
    void fitToView();
    void centerOnNode(const QString &id);

Q_SIGNALS:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void leaveEvent(QEvent *event) override;

private:
    void scaleBy(qreal factor);
    void stopPanning();
    void updateEmptyHint();

    PipelineScene *m_scene;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_lastPanPoint;
    std::optional<QPoint> m_mouse;
    QLabel *m_emptyHint;
};

} // namespace ringflow::ui
