// The panels around the canvas: the property editor generated from the kind registry, the problems
// list, the compiled plan and the palette, each used through its widgets.

#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "document/pipeline_document.h"
#include "main_window.h"
#include "panels/param_field.h"
#include "panels/plan_panel.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "pipeline/compiler.h"
#include "status_line.h"
#include "ui_test_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

using namespace ringflow;
using namespace ringflow::ui;
using namespace ringflow::ui::test;

class TestPanels : public QObject, private WindowFixture {
    Q_OBJECT

private:
    PropertyEditor *editor() const { return m_window->propertyEditor(); }

    template <typename Widget>
    Widget *editorOf(const QString &param) const
    {
        ParamField *field = editor()->field(param);
        return field ? qobject_cast<Widget *>(field->editor()) : nullptr;
    }

    void select(const QString &id)
    {
        m_window->scene()->selectNodes({id});
        QCOMPARE(editor()->nodeId(), id);
        QCoreApplication::processEvents(); // the new form's widgets are shown by a queued call
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void init()
    {
        QVERIFY(openWindow());
        document()->reset(sampleSpec());
    }

    void cleanup() { closeWindow(); }

    void theEditorOffersAWidgetForEachParameterAsTheRegistryDeclaresIt()
    {
        select("source");
        auto *threads = editorOf<QSpinBox>("threads");
        QVERIFY(threads);
        QCOMPARE(threads->minimum(), 1);
        QCOMPARE(threads->maximum(), 1024);
        QCOMPARE(threads->suffix(), QString()); // the label already says "Threads"
        QCOMPARE(editorOf<QSpinBox>("batch")->suffix(), QString(" events"));
        QVERIFY(editorOf<QLineEdit>("events")); // unbounded: typed in
        QVERIFY(editorOf<QLineEdit>("channel"));

        select("ring");
        auto *wait = editorOf<QComboBox>("wait_strategy");
        QVERIFY(wait);
        const pipeline::ParamSpec *spec = pipeline::findKind("ring")->findParam("wait_strategy");
        QCOMPARE(wait->count(), static_cast<int>(spec->choices.size()));
        QCOMPARE(wait->currentText(), QString::fromStdString(std::get<std::string>(spec->defaultValue)));
        QCOMPARE(editorOf<QSpinBox>("slots")->value(), 1024);

        select("first");
        auto *fail = editorOf<QDoubleSpinBox>("fail_probability");
        QVERIFY(fail);
        QCOMPARE(fail->minimum(), 0.0);
        QCOMPARE(fail->maximum(), 1.0);
        QCOMPARE(editorOf<QSpinBox>("cost")->suffix(), QString(" ns"));
        QCOMPARE(static_cast<int>(m_window->propertyEditor()->findChildren<ParamField *>().size()),
            static_cast<int>(pipeline::findKind("stage")->params.size()));
    }

    void typingIntoASpinBoxSetsTheParameterAsOneUndoableStep()
    {
        select("source");
        typeInto(editorOf<QSpinBox>("threads"), "8");
        QCOMPARE(document()->node("source")->params.at("threads"), pipeline::ParamValue {std::int64_t(8)});
        QCOMPARE(document()->undoStack()->count(), 1);
        QVERIFY(editor()->field("threads")->findChild<QToolButton *>("reset_threads")->isVisibleTo(editor()));
        document()->undoStack()->undo();
        QCOMPARE(document()->spec(), sampleSpec());
        QCOMPARE(editorOf<QSpinBox>("threads")->value(), 1);
        document()->undoStack()->redo();
        QCOMPARE(editorOf<QSpinBox>("threads")->value(), 8);
    }

    void aValueTheValidatorRejectsIsRefusedWithItsReason()
    {
        select("ring");
        auto *ringSize = editorOf<QSpinBox>("slots");
        typeInto(ringSize, "1000");
        QCOMPARE(document()->spec(), sampleSpec());
        QCOMPARE(document()->undoStack()->count(), 0);
        QVERIFY2(editor()->messageText().contains("power of two"), qPrintable(editor()->messageText()));
        QVERIFY(m_window->statusLine()->message().contains("power of two"));
        QCOMPARE(ringSize->value(), 1024);

        // The arrows of a power-of-two field double and halve.
        ringSize->stepUp();
        QCOMPARE(document()->node("ring")->params.at("slots"), pipeline::ParamValue {std::int64_t(2048)});
        QVERIFY(editor()->messageText().isEmpty());
    }

    void aValueTypedBeforeClickingAnotherNodeGoesToTheNodeItWasTypedFor()
    {
        m_window->view()->fitToView();
        select("first");
        auto *maxBatch = editorOf<QSpinBox>("max_batch");
        maxBatch->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(maxBatch->hasFocus(), 2000);
        maxBatch->selectAll();
        QTest::keyClicks(maxBatch, "500"); // no Enter: the user clicks the next node instead
        QTest::mouseClick(m_window->view()->viewport(), Qt::LeftButton, {}, titlePoint(m_window->view(), "second"));
        QCOMPARE(editor()->nodeId(), QString("second"));
        QCoreApplication::processEvents();
        QCOMPARE(document()->node("first")->params.at("max_batch"), pipeline::ParamValue {std::int64_t(500)});
        QCOMPARE(document()->node("second")->params.count("max_batch"), std::size_t(0));
    }

    void aParameterThatDoesNotApplyIsDisabledAndLeftOffTheCard()
    {
        const auto cardLabels = [this](const QString &id) {
            QStringList labels;
            for (const NodeItem::SummaryLine &line : m_window->scene()->nodeItem(id)->summary())
                labels.append(line.label);
            return labels;
        };
        select("first"); // workload "count": the cost is for the busy workload
        auto *cost = editorOf<QSpinBox>("cost");
        QVERIFY(!cost->isEnabled());
        QVERIFY2(cost->toolTip().contains("Does not apply: its workload"), qPrintable(cost->toolTip()));
        const QList<QLabel *> labels = editor()->findChildren<QLabel *>();
        const auto costLabel
            = std::find_if(labels.begin(), labels.end(), [&](QLabel *l) { return l->buddy() == cost; });
        QVERIFY(costLabel != labels.end() && !(*costLabel)->isEnabled());
        QVERIFY(!cardLabels("first").contains("Cost"));
        QVERIFY(editorOf<QSpinBox>("max_batch")->isEnabled());

        auto *workload = editorOf<QComboBox>("workload");
        workload->setFocus();
        QTest::keyClick(workload, Qt::Key_B); // "busy"
        QCOMPARE(document()->node("first")->params.at("workload"), pipeline::ParamValue {std::string("busy")});
        cost = editorOf<QSpinBox>("cost");
        QVERIFY(cost->isEnabled());
        QVERIFY(!cost->toolTip().contains("Does not apply"));
        QVERIFY(cardLabels("first").contains("Cost"));
        QVERIFY(!editorOf<QSpinBox>("sleep")->isEnabled()); // the sleep workload's, not busy's

        // Back to "count" with a cost set: the field greys out but its reset still clears it.
        typeInto(cost, "500");
        workload = editorOf<QComboBox>("workload");
        workload->setFocus();
        QTest::keyClick(workload, Qt::Key_Down); // busy -> sleep
        QCOMPARE(document()->node("first")->params.at("workload"), pipeline::ParamValue {std::string("sleep")});
        QVERIFY(editorOf<QSpinBox>("sleep")->isEnabled());
        QVERIFY(!editorOf<QSpinBox>("cost")->isEnabled());
        QVERIFY(!cardLabels("first").contains("Cost"));
        auto *reset = editor()->field("cost")->findChild<QToolButton *>("reset_cost");
        QVERIFY(reset->isEnabled() && reset->isVisibleTo(editor()));
        QTest::mouseClick(reset, Qt::LeftButton);
        QCOMPARE(document()->node("first")->params.count("cost"), std::size_t(0));
    }

    void textThatIsNotANumberIsRefused()
    {
        select("source");
        typeInto(editorOf<QLineEdit>("events"), "lots");
        QCOMPARE(document()->spec(), sampleSpec());
        QVERIFY2(editor()->messageText().contains("whole number"), qPrintable(editor()->messageText()));
        QCOMPARE(editorOf<QLineEdit>("events")->text(), QString("1000000"));
        typeInto(editorOf<QLineEdit>("events"), "5000000000");
        QCOMPARE(document()->node("source")->params.at("events"), pipeline::ParamValue {std::int64_t(5000000000)});
    }

    void choicesAndTextAndResetAreUndoable()
    {
        select("ring");
        auto *wait = editorOf<QComboBox>("wait_strategy");
        const int timeoutBlocking = wait->findText("timeout-blocking");
        QVERIFY(timeoutBlocking >= 0);
        wait->setFocus();
        QTest::keyClick(wait, Qt::Key_T); // a closed combo box jumps to the item typed
        QCOMPARE(wait->currentIndex(), timeoutBlocking);
        QCOMPARE(document()->node("ring")->params.at("wait_strategy"),
            pipeline::ParamValue {std::string("timeout-blocking")});

        select("first");
        typeInto(editorOf<QLineEdit>("channel_filter"), "orders");
        QCOMPARE(document()->node("first")->params.at("channel_filter"), pipeline::ParamValue {std::string("orders")});
        QTest::mouseClick(
            editor()->field("channel_filter")->findChild<QToolButton *>("reset_channel_filter"), Qt::LeftButton);
        QCOMPARE(document()->node("first")->params.count("channel_filter"), std::size_t(0));
        QCOMPARE(document()->undoStack()->count(), 3);
        while (document()->undoStack()->canUndo())
            document()->undoStack()->undo();
        QCOMPARE(document()->spec(), sampleSpec());
    }

    void theIdFieldRenamesTheNodeUnlessTheIdIsTaken()
    {
        select("second");
        typeInto(editor()->idEdit(), "audit");
        QVERIFY(document()->node("audit"));
        QCOMPARE(editor()->nodeId(), QString("audit"));
        QVERIFY(m_window->scene()->nodeItem("audit"));
        typeInto(editor()->idEdit(), "ring");
        QVERIFY(editor()->messageText().contains("already used"));
        QVERIFY(document()->node("audit"));
        QCOMPARE(editor()->idEdit()->text(), QString("audit"));
    }

    void withNothingSelectedThePipelineNameIsEdited()
    {
        m_window->scene()->clearSelection();
        QVERIFY(editor()->nameEdit());
        QCOMPARE(editor()->nameEdit()->text(), QString("sample"));
        typeInto(editor()->nameEdit(), "orders");
        QCOMPARE(document()->spec().name, std::string("orders"));
        document()->undoStack()->undo();
        QCOMPARE(editor()->nameEdit()->text(), QString("sample"));
    }

    void theProblemsListFollowsEveryEditAndLeadsToTheNode()
    {
        QTreeWidget *list = m_window->problemsPanel()->list();
        const auto rowsAbout = [&](const QString &node) {
            int rows = 0;
            for (int i = 0; i < list->topLevelItemCount(); ++i)
                rows += list->topLevelItem(i)->text(1) == node ? 1 : 0;
            return rows;
        };
        QCOMPARE(list->topLevelItemCount(), static_cast<int>(document()->problems().size()));
        QVERIFY(rowsAbout("second") > 0);

        document()->connectPorts(wire("ring", "out", "second", "in"));
        QCOMPARE(rowsAbout("second"), 0);
        QCOMPARE(list->topLevelItemCount(), static_cast<int>(document()->problems().size()));
        const QLabel *allClear = m_window->problemsPanel()->findChild<QLabel *>("problemsAllClear");
        QCOMPARE(allClear->isVisibleTo(m_window->problemsPanel()), document()->problems().empty());
        QCOMPARE(list->isVisibleTo(m_window->problemsPanel()), !document()->problems().empty());
        document()->undoStack()->undo();
        QVERIFY(rowsAbout("second") > 0);

        // Far away, so that centring it has to scroll.
        document()->moveNodes({{"second", pipeline::Position {4000, 3000}}}, "Move");
        QTreeWidgetItem *item = nullptr;
        for (int i = 0; i < list->topLevelItemCount() && !item; ++i)
            if (list->topLevelItem(i)->text(1) == "second")
                item = list->topLevelItem(i);
        QVERIFY(item);
        const QRect row = list->visualItemRect(item);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(m_window->scene()->selectedNodeIds(), QStringList {"second"});
        const QPointF centre = m_window->view()->visibleCenter();
        const QRectF node = m_window->scene()->nodeItem("second")->sceneBoundingRect();
        QVERIFY2(node.adjusted(-5, -5, 5, 5).contains(centre), "the node is in the middle of the view");
    }

    void theCompiledPlanFollowsEveryEdit()
    {
        PlanPanel *plan = m_window->planPanel();
        QVERIFY(!plan->compiled());
        QVERIFY(plan->text().startsWith("Not compiled"));
        document()->connectPorts(wire("first", "out", "second", "in"));
        QVERIFY(plan->compiled());
        const pipeline::CompileResult compiled = pipeline::compile(document()->spec());
        QVERIFY(compiled.plan);
        QCOMPARE(plan->text(), QString::fromStdString(compiled.plan->describe()));
        document()->setParameter("ring", "slots", pipeline::ParamValue {std::int64_t(8192)});
        QCOMPARE(plan->text(), QString::fromStdString(pipeline::compile(document()->spec()).plan->describe()));
        document()->undoStack()->undo();
        document()->undoStack()->undo();
        QVERIFY(!plan->compiled());
    }

    void thePaletteFiltersKindsAndAddsOneOnDoubleClick()
    {
        PaletteWidget *palette = m_window->palette();
        QTest::keyClicks(palette->filterEdit(), "pool");
        QVERIFY(!palette->itemForKind("worker-pool")->isHidden());
        QVERIFY(palette->itemForKind("ring")->isHidden());
        QVERIFY(palette->itemForKind("ring")->parent()->isHidden());
        palette->filterEdit()->clear();
        QVERIFY(!palette->itemForKind("ring")->isHidden());
        QVERIFY(palette->itemForKind("producer")
                    ->toolTip(0)
                    .contains(QString::fromStdString(pipeline::findKind("producer")->help).toHtmlEscaped()));

        // The middle of the view is empty: the card lands there (test_ui_canvas_tools places one
        // where the middle is taken).
        m_window->view()->centerOn(-3000, -3000);
        QTreeWidgetItem *item = palette->itemForKind("aggregate");
        palette->tree()->scrollToItem(item);
        const QPoint at = palette->tree()->visualItemRect(item).center();
        // A double-click is a click followed by the double-click event.
        QTest::mouseClick(palette->tree()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(document()->spec().nodes.size(), sampleSpec().nodes.size());
        QTest::mouseDClick(palette->tree()->viewport(), Qt::LeftButton, {}, at);
        const pipeline::Node &added = document()->spec().nodes.back();
        QCOMPARE(added.kind, std::string("aggregate"));
        const QRectF rect = m_window->scene()->nodeItem(QString::fromStdString(added.id))->sceneBoundingRect();
        QVERIFY(rect.adjusted(-20, -20, 20, 20).contains(m_window->view()->visibleCenter()));
        QCOMPARE(m_window->scene()->selectedNodeIds(), QStringList {QString::fromStdString(added.id)});
    }
};

QTEST_MAIN(TestPanels)
#include "test_panels.moc"
