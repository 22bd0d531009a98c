// A real drag and drop with a real window system: QDrag::exec() from the palette, the mouse moved
// over the canvas and released there. Needs X (CTest runs it through xvfb-run); skipped elsewhere.

#include "document/pipeline_document.h"
#include "main_window.h"
#include "ui_test_support.h"

#include <QGuiApplication>
#include <QStyleHints>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace ringflow;
using namespace ringflow::ui;

class TestRealDrag : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aKindDraggedFromThePaletteWithTheMouseLandsWhereItIsDropped()
    {
        if (QGuiApplication::platformName() != QLatin1String("xcb"))
            QSKIP("needs a real window system: run through xvfb-run with QT_QPA_PLATFORM=xcb");
        MainWindow window;
        window.move(0, 0);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        QTreeWidget *tree = window.palette()->tree();
        QWidget *viewport = window.view()->viewport();
        const QPoint start = tree->visualItemRect(window.palette()->itemForKind("ring")).center();
        const QPoint target = viewport->rect().center() + QPoint(-120, 40);

        // QDrag::exec() runs its own event loop until the button is released: queue the rest of
        // the gesture before starting it, and an Escape in case the drop never happens.
        QTimer::singleShot(150, viewport, [viewport, target] {
            QTest::mouseMove(viewport, target - QPoint(30, 30));
            QTest::mouseMove(viewport, target);
            QTest::mouseRelease(viewport, Qt::LeftButton, {}, target);
        });
        QTimer::singleShot(5000, viewport, [viewport] { QTest::keyClick(viewport, Qt::Key_Escape); });
        QTest::mousePress(tree->viewport(), Qt::LeftButton, {}, start);
        QTest::mouseMove(tree->viewport(), start + QPoint(QGuiApplication::styleHints()->startDragDistance() + 5, 0));
        QTest::mouseMove(tree->viewport(), start + QPoint(3 * QGuiApplication::styleHints()->startDragDistance(), 5));

        QTRY_COMPARE_WITH_TIMEOUT(window.document()->spec().nodes.size(), std::size_t(1), 5000);
        const pipeline::Node &node = window.document()->spec().nodes.front();
        QCOMPARE(node.kind, std::string("ring"));
        const QRectF card = window.scene()->nodeItem(QString::fromStdString(node.id))->sceneBoundingRect();
        QVERIFY(card.contains(window.view()->mapToScene(target)));
        window.document()->reset({});
    }
};

QTEST_MAIN(TestRealDrag)
#include "test_real_drag.moc"
