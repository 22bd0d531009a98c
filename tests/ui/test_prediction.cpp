// The capacity model in the designer, as a user meets it: each producer and consumer shows its
// predicted ceiling before a run, an edit moves it, the View menu hides it, and a run puts the
// measured rate beside it and carries the prediction into the report.

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "canvas/prediction_overlay.h"
#include "document/pipeline_document.h"
#include "file_actions.h"
#include "main_window.h"
#include "panels/param_field.h"
#include "panels/property_editor.h"
#include "panels/run_summary_panel.h"
#include "run/run_controller.h"
#include "ui_test_support.h"

#include <QAction>
#include <QTableWidget>

#include <algorithm>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

namespace {

constexpr int kSlowMs = 15000; // generous: two shared cores, the engine busy beside the test

} // namespace

class TestPrediction : public QObject, private WindowFixture {
    Q_OBJECT

    PredictionOverlay *overlay() const { return m_window->predictionOverlay(); }
    NodeItem *node(const QString &id) const { return m_window->scene()->nodeItem(id); }

    void openExample()
    {
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/pipeline.json")));
        QVERIFY(overlay()->prediction().has_value());
    }

    const pipeline::NodePrediction &predictionOf(const std::string &id) const
    {
        const auto &nodes = overlay()->prediction()->nodes;
        return *std::find_if(nodes.begin(), nodes.end(), [&](const auto &each) { return each.id == id; });
    }
    double ceilingOf(const std::string &id) const { return predictionOf(id).ceiling; }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }
    void init() { QVERIFY(openWindow()); }
    void cleanup()
    {
        if (m_window->runController()->isActive()) {
            m_window->runController()->stop();
            QTRY_VERIFY_WITH_TIMEOUT(!m_window->runController()->isActive(), kSlowMs);
        }
        closeWindow();
    }

    void producersAndConsumersShowTheirCeiling()
    {
        openExample();
        const pipeline::CapacityPrediction &prediction = *overlay()->prediction();
        QCOMPARE(prediction.nodes.size(), std::size_t {4}); // the producer and three stages
        int limits = 0;
        for (const pipeline::NodePrediction &each : prediction.nodes) {
            NodeItem *item = node(QString::fromStdString(each.id));
            QVERIFY(item);
            QCOMPARE(item->prediction(), PredictionOverlay::pillText(each, prediction));
            QVERIFY2(item->prediction().contains(QStringLiteral("≤ ")), qPrintable(item->prediction()));
            QVERIFY(item->toolTip().contains(QStringLiteral("at most")));
            limits += item->prediction().startsWith(QStringLiteral("limit")) ? 1 : 0;
        }
        QCOMPARE(limits, 1);
        QVERIFY(
            node(QString::fromStdString(prediction.limit))->toolTip().contains(QStringLiteral("limits the pipeline")));
        QVERIFY(node("ring")->prediction().isEmpty()); // a ring moves what its producers publish
        // The pill is drawn under the card: the item's bounds include it.
        QVERIFY(node("stage-b")->boundingRect().bottom() > node("stage-b")->geometry().cardRect().bottom() + 10);
    }

    void aCostlierStageIsPredictedSlower()
    {
        openExample();
        const double before = ceilingOf("stage-b");
        const QString pillBefore = node("stage-b")->prediction();
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, titlePoint(m_window->view(), "stage-b"));
        ParamField *cost = m_window->propertyEditor()->field("cost");
        QVERIFY(cost);
        typeInto(cost->editor(), QStringLiteral("85000")); // ten times the example's 8,500 ns
        QCOMPARE(document()->node("stage-b")->params.at("cost"), pipeline::ParamValue(std::int64_t {85000}));
        const double after = ceilingOf("stage-b");
        QVERIFY2(after < before / 5, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        QVERIFY(node("stage-b")->prediction() != pillBefore);
        QVERIFY(node("stage-b")->prediction().startsWith(QStringLiteral("limit"))); // the slowest stage now
    }

    void theViewMenuHidesAndRemembersThem()
    {
        openExample();
        QAction *toggle = m_window->findChild<QAction *>(QStringLiteral("actionPredictions"));
        QVERIFY(toggle && toggle->isChecked());
        toggle->trigger();
        QVERIFY(!overlay()->prediction());
        QVERIFY(node("stage-b")->prediction().isEmpty());
        QVERIFY(node("stage-b")->toolTip().isEmpty());
        // The next window starts as this one was left.
        closeWindow();
        QVERIFY(openWindow());
        QVERIFY(m_window->fileActions()->openExample(QStringLiteral(":/pipelines/pipeline.json")));
        toggle = m_window->findChild<QAction *>(QStringLiteral("actionPredictions"));
        QVERIFY(!toggle->isChecked());
        QVERIFY(!overlay()->prediction());
        QVERIFY(node("stage-b")->prediction().isEmpty());
        toggle->trigger();
        QVERIFY(overlay()->prediction().has_value());
        QCOMPARE(node("stage-b")->prediction(),
            PredictionOverlay::pillText(predictionOf("stage-b"), *overlay()->prediction()));
    }

    void aRunPutsTheMeasurementBesideThePrediction()
    {
        openExample();
        QVERIFY(document()->setParameter("producer", "duration", 0.0).isEmpty());
        QVERIFY(document()->setParameter("producer", "rate", 2000.0).isEmpty());
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->runController()->isActive(), kSlowMs);
        QVERIFY(m_window->runController()->prediction().has_value());
        // The badge gives the measured rate "of" the predicted ceiling.
        QTRY_VERIFY_WITH_TIMEOUT(node("stage-b")->badge().contains(QStringLiteral(" of ≤ ")), kSlowMs);
        QVERIFY(node("stage-b")->pillText() == node("stage-b")->badge());
        QTest::keyClick(m_window.get(), Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->runController()->isActive(), kSlowMs);
        const std::optional<pipeline::RunReport> &report = m_window->runController()->lastReport();
        QVERIFY(report && report->prediction);
        QCOMPARE(report->prediction->nodes.size(), report->nodes.size());
        QTableWidget *table = m_window->runSummary()->table();
        bool predictedColumn = false;
        for (int column = 0; column < table->columnCount(); ++column)
            predictedColumn |= table->horizontalHeaderItem(column)->text() == QStringLiteral("Predicted");
        QVERIFY(predictedColumn);
        // Back in the editing look, the prediction is under the card again.
        QVERIFY(node("stage-b")->badge().isEmpty());
        QCOMPARE(node("stage-b")->pillText(), node("stage-b")->prediction());
    }
};

QTEST_MAIN(TestPrediction)
#include "test_prediction.moc"
