// The live plots in the designer's window as a user first sees them, while a bundled example runs,
// at the default size (1400x860) and the smallest supported one (1024x700): each plot's legend
// clear of its title, every title whole, every plot's data a readable height. Geometry of the real
// widgets and of QCustomPlot's layout elements, not pictures.

#include "file_actions.h"
#include "plots/plot_legend.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"
#include "ui_test_support.h"

#include <QScrollArea>
#include <QTabBar>
#include <QtTest>
#include <qcustomplot.h>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

constexpr int kSlowMs = 20000; // two shared cores, the engine busy beside the test
/// The least height of a plot's data (its axis rect) that reads: four value labels apart by more
/// than a label's height, and the lines between them.
constexpr int kReadableDataHeight = 80;

/// The plot's title: the first text element of its layout (the unit beside it is the second).
QCPTextElement *titleOf(QCustomPlot *plot)
{
    for (QCPLayoutElement *element : plot->plotLayout()->elements(true))
        if (auto *text = qobject_cast<QCPTextElement *>(element))
            return text;
    return nullptr;
}

/// Where `rect` of `plot` is, as "x,y WxH".
QString describe(const QRect &rect)
{
    return QStringLiteral("%1,%2 %3x%4").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
}

} // namespace

class TestPlotLayout : public QObject, private WindowFixture {
    Q_OBJECT

    PlotPanel *panel() const { return m_window->plotPanel(); }
    QList<QCustomPlot *> plots() const
    {
        return {panel()->throughputPlot(), panel()->ringFillPlot(), panel()->latencyPlot()};
    }
    QTabBar *tabBar() const { return panel()->tabBar(); }

    /// The window at `size` running the bundled `example` as it ships, until every plot has data.
    void runExample(QSize size, const QString &example)
    {
        m_window->resize(size);
        QTRY_COMPARE(m_window->size(), size);
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/") + example));
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->phase(), RunController::Phase::Running, kSlowMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel()->throughputPlot()->graphCount() > 0 && panel()->throughputPlot()->graph(0)->dataCount() >= 5,
            kSlowMs);
        QCoreApplication::processEvents();
    }

    /// Shows `plot`: chooses its tab when the plots are in tabs. Waits for its layout.
    void bringUp(QCustomPlot *plot)
    {
        if (panel()->arrangement() == PlotArrangement::Tabbed) {
            const int index = static_cast<int>(plots().indexOf(plot));
            QTest::mouseClick(tabBar(), Qt::LeftButton, Qt::NoModifier, tabBar()->tabRect(index).center());
            QCOMPARE(tabBar()->currentIndex(), index);
        }
        QTRY_VERIFY(isShown(plot));
        plot->replot(); // lays the plot out now, as the queued replot would
    }

    /// Every legend entry of `plot`, as drawn, is clear of its title as drawn, and above its data.
    /// Texts are drawn from their rectangle's top left at their natural size, also when QCustomPlot
    /// gave the rectangle less: each must get at least its minimum, or the texts run into each other.
    static void checkLegendClearOfTitle(QCustomPlot *plot, const QString &where)
    {
        const QCPTextElement *title = titleOf(plot);
        QVERIFY2(title, qPrintable(where));
        const QRect titleText(title->rect().topLeft(), QFontMetrics(title->font()).size(0, title->text()));
        const QCPLayoutElement *titleElement = title; // its size hint is public only there
        QVERIFY2(title->outerRect().height() >= titleElement->minimumOuterSizeHint().height(),
            qPrintable(where + ": title squeezed to " + describe(title->outerRect())));
        const QList<QCPAbstractLegendItem *> entries = legendItems(plot->legend);
        QVERIFY2(!entries.isEmpty(), qPrintable(where));
        const QRect data = plot->axisRect()->rect();
        for (const QCPAbstractLegendItem *entry : entries) {
            const QRect drawn(entry->outerRect().topLeft(), entry->minimumOuterSizeHint());
            const QString what
                = QStringLiteral("%1: entry %2, title %3").arg(where, describe(drawn), describe(titleText));
            QVERIFY2(entry->outerRect().height() >= drawn.height(), qPrintable(what + " squeezed"));
            QVERIFY2(!drawn.intersects(titleText), qPrintable(what));
            QVERIFY2(drawn.bottom() < data.top(), qPrintable(what + " data " + describe(data)));
            QVERIFY2(plot->rect().contains(drawn),
                qPrintable(what + " in " + describe(plot->rect()) + " legend " + describe(plot->legend->outerRect())
                    + QStringLiteral(" least %1").arg(plot->plotLayout()->minimumOuterSizeHint().width())));
        }
    }

    /// `plot`'s title is drawn whole (its text fits its rectangle, which the plot shows whole and
    /// the dock does not clip), and its data is a readable height.
    static void checkTitleWholeAndReadable(QCustomPlot *plot, const QString &where)
    {
        const QCPTextElement *title = titleOf(plot);
        QVERIFY2(title, qPrintable(where));
        const QRect rect = title->rect();
        const int textWidth = QFontMetrics(title->font()).horizontalAdvance(title->text());
        const QString what = QStringLiteral("%1: title %2, text %3 wide, plot %4, shown %5")
                                 .arg(where, describe(rect))
                                 .arg(textWidth)
                                 .arg(describe(plot->rect()), describe(plot->visibleRegion().boundingRect()));
        QVERIFY2(rect.width() >= textWidth, qPrintable(what));
        QVERIFY2(plot->visibleRegion().boundingRect().contains(rect), qPrintable(what));
        const int height = plot->axisRect()->rect().height();
        QVERIFY2(height >= kReadableDataHeight, qPrintable(where + QStringLiteral(": data %1 high").arg(height)));
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QVERIFY(openWindow()); }
    void cleanup() { closeWindow(); }

    void legendsStayClearOfTitles_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("example");
        for (const QSize size : {QSize(1400, 860), QSize(1024, 700)})
            for (const char *example : {"chained-rings.json", "multi-producer.json", "diamond.json"})
                QTest::addRow("%dx%d %s", size.width(), size.height(), example) << size << QString(example);
    }

    void legendsStayClearOfTitles()
    {
        QFETCH(QSize, size);
        QFETCH(QString, example);
        runExample(size, example);
        for (QCustomPlot *plot : plots()) {
            bringUp(plot);
            checkLegendClearOfTitle(plot, QStringLiteral("%1 %2").arg(example, plot->objectName()));
        }
    }

    void everyTitleIsWholeAndEveryPlotReadable_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("1400x860") << QSize(1400, 860);
    }

    void everyTitleIsWholeAndEveryPlotReadable()
    {
        QFETCH(QSize, size);
        runExample(size, QStringLiteral("chained-rings.json"));
        for (QCustomPlot *plot : plots()) {
            bringUp(plot);
            checkTitleWholeAndReadable(plot, plot->objectName());
        }
    }
};

QTEST_MAIN(TestPlotLayout)
#include "test_plot_layout.moc"
