#pragma once

// Helpers that drive the designer the way a user does: mouse gestures on the canvas's viewport at
// the real positions of items, drops carrying the palette's own drag data; and a window for each
// test function.

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "canvas/port_item.h"
#include "document/pipeline_document.h"
#include "main_window.h"
#include "panels/palette_widget.h"
#include "pipeline/pipeline_spec.h"
#include "run/capacity_estimator.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include <functional>
#include <memory>

namespace ringflow::ui::test {

/// Where a port is on the screen, in viewport coordinates.
inline QPoint portPoint(const PipelineView *view, const QString &node, const QString &port)
{
    const PortItem *item = view->pipelineScene()->portItem(node, port);
    if (!item)
        qFatal("no port %s.%s", qPrintable(node), qPrintable(port));
    return view->mapFromScene(item->anchor());
}

/// The middle of a node's title bar, in viewport coordinates: where a user grabs a node.
inline QPoint titlePoint(const PipelineView *view, const QString &node)
{
    const NodeItem *item = view->pipelineScene()->nodeItem(node);
    if (!item)
        qFatal("no node %s", qPrintable(node));
    return view->mapFromScene(item->mapToScene(QPointF(60, 15)));
}

/// Press at `from`, move there in several steps, release at `to`.
inline void mouseDrag(QWidget *viewport, QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = {},
    Qt::MouseButton button = Qt::LeftButton)
{
    QTest::mousePress(viewport, button, modifiers, from);
    constexpr int steps = 6;
    for (int i = 1; i <= steps; ++i)
        QTest::mouseMove(viewport, from + (to - from) * i / steps);
    QTest::mouseRelease(viewport, button, modifiers, to);
}

/// Sends the enter, move and drop events a drag of `kind` from the palette produces over `at`.
/// Returns whether the drop was accepted.
inline bool dropKind(QWidget *viewport, const QString &kind, QPoint at)
{
    const std::unique_ptr<QMimeData> mimeData(PaletteWidget::mimeDataForKind(kind));
    QDragEnterEvent enter(at, Qt::CopyAction, mimeData.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(at, Qt::CopyAction, mimeData.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QDropEvent drop(QPointF(at), Qt::CopyAction, mimeData.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    return drop.isAccepted();
}

/// Shows `window` and waits until it is exposed and active, so that shortcuts reach it.
inline bool showAndActivate(QWidget *window)
{
    window->show();
    if (!QTest::qWaitForWindowExposed(window))
        return false;
    window->activateWindow();
    return QTest::qWaitForWindowActive(window);
}

/// Types `text` into a line edit (or a spin box's) and presses Enter, as a user does.
inline void typeInto(QWidget *widget, const QString &text)
{
    QLineEdit *edit = qobject_cast<QLineEdit *>(widget);
    if (!edit)
        edit = widget->findChild<QLineEdit *>();
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

/// Runs `act` on the next modal dialog as soon as it shows, as a user answers it. A second timer
/// closes any dialog still open after a few seconds, so that a test can fail but never hang.
inline void whenNextModalShows(const std::function<void(QWidget *)> &act, int triesLeft = 100)
{
    QTimer::singleShot(triesLeft == 100 ? 0 : 20, [=] {
        if (QWidget *modal = QApplication::activeModalWidget())
            act(modal);
        else if (triesLeft > 0)
            whenNextModalShows(act, triesLeft - 1);
    });
    if (triesLeft == 100)
        QTimer::singleShot(5000, [] {
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        });
}

/// Answers the next message box with `button`; `seenText` gets its text.
inline void answerNextMessageBox(QMessageBox::StandardButton button, QString *seenText = nullptr)
{
    whenNextModalShows([=](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box)
            return;
        if (seenText)
            *seenText = box->text();
        box->button(button)->click();
    });
}

/// Clicks the button labelled `text` in the next message box.
inline void clickInNextMessageBox(const QString &text)
{
    whenNextModalShows([=](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal))
            for (QAbstractButton *button : box->buttons())
                if (button->text().remove(QLatin1Char('&')) == text)
                    button->click();
    });
}

inline pipeline::Node makeNode(const std::string &id, const std::string &kind, double x, double y)
{
    pipeline::Node node;
    node.id = id;
    node.kind = kind;
    node.position = pipeline::Position {x, y};
    return node;
}

inline pipeline::Connection wire(
    const std::string &from, const std::string &fromPort, const std::string &to, const std::string &toPort)
{
    return {{from, fromPort}, {to, toPort}};
}

/// producer -> ring -> stage, valid and laid out left to right; plus an unwired second stage.
inline pipeline::PipelineSpec sampleSpec()
{
    pipeline::PipelineSpec spec;
    spec.name = "sample";
    spec.nodes = {makeNode("source", "producer", 0, 0), makeNode("ring", "ring", 280, 0),
        makeNode("first", "stage", 560, -100), makeNode("second", "stage", 560, 120)};
    spec.connections = {wire("source", "out", "ring", "in"), wire("ring", "out", "first", "in")};
    return spec;
}

/// The card of node `id` on the canvas, from its position and size in the document.
inline QRectF cardOf(const PipelineDocument *document, const QString &id)
{
    const pipeline::Node *node = document->node(id);
    if (!node || !node->position)
        qFatal("no placed node %s", qPrintable(id));
    return QRectF(QPointF(node->position->x, node->position->y), NodeItem::sizeFor(*node));
}

/// The nodes whose cards overlap `id`'s.
inline QStringList nodesCoveredBy(const PipelineDocument *document, const QString &id)
{
    QStringList covered;
    for (const pipeline::Node &other : document->spec().nodes) {
        const QString otherId = QString::fromStdString(other.id);
        if (otherId != id && cardOf(document, id).intersects(cardOf(document, otherId)))
            covered.append(otherId);
    }
    return covered;
}

/// producer -> ring -> stage: a producer that publishes `rate` events a second until stopped.
inline pipeline::PipelineSpec pacedSpec(double rate)
{
    pipeline::PipelineSpec spec;
    spec.name = "paced";
    spec.nodes
        = {makeNode("source", "producer", 0, 0), makeNode("ring", "ring", 280, 0), makeNode("stage", "stage", 560, 0)};
    spec.nodes[0].params = {{"events", std::int64_t {0}}, {"rate", rate}};
    spec.connections = {wire("source", "out", "ring", "in"), wire("ring", "out", "stage", "in")};
    return spec;
}

/// A designer window for each test function, for test classes that derive from it beside QObject:
/// openWindow() in init(), closeWindow() in cleanup(); the accessors reach what tests drive.
class WindowFixture {
protected:
    /// The test's own settings and standard paths, empty: no recent files, no saved state.
    static void isolateSettings()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    /// A new window, shown and active so that shortcuts reach it; false when it is not.
    bool openWindow()
    {
        // Each window starts from the default layout, whatever an earlier test's window kept.
        QSettings().remove(QStringLiteral("window"));
        m_window = std::make_unique<MainWindow>();
        // The capacity model calibrates on a thread of its own (about a second the first time on
        // a machine, then from the cache): wait, so that every test sees the predictions shown.
        if (!QTest::qWaitFor([this] { return m_window->capacityEstimator()->isReady(); }, 20000))
            return false;
        return showAndActivate(m_window.get());
    }

    /// Closes the window; unsaved changes are dropped, so nothing stops it.
    void closeWindow()
    {
        if (m_window)
            m_window->document()->reset({});
        m_window.reset();
    }

    PipelineDocument *document() const { return m_window->document(); }
    PipelineView *view() const { return m_window->view(); }
    PipelineScene *scene() const { return m_window->scene(); }
    QWidget *viewport() const { return m_window->view()->viewport(); }
    QAction *action(const char *name) const { return m_window->findChild<QAction *>(QString::fromLatin1(name)); }

    /// Replaces the pipeline by `spec`, shown whole.
    void load(const pipeline::PipelineSpec &spec)
    {
        document()->reset(spec);
        view()->resetZoom();
        view()->fitToView();
    }

    /// Gives the canvas the keyboard focus, as a click on it would.
    void focusCanvas()
    {
        view()->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(view()->hasFocus(), 2000);
    }

    std::unique_ptr<MainWindow> m_window;
};

} // namespace ringflow::ui::test
