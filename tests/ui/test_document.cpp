// The document and its undo history: every edit is one step, and undo gives back exactly the spec
// that was there before (compared with ==, order of nodes and wires included).

#include "canvas/auto_layout.h"
#include "canvas/node_item.h"
#include "document/fragment.h"
#include "document/pipeline_document.h"
#include "pipeline/validation.h"
#include "ui_test_support.h"

#include <QMimeData>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace ringflow;
using namespace ringflow::ui;
using ringflow::ui::test::makeNode;
using ringflow::ui::test::sampleSpec;
using ringflow::ui::test::wire;

namespace {

// The validator's message about wire `index` of `spec`, the words a refusal must reuse.
QString validatorMessageAbout(const pipeline::PipelineSpec &spec, std::size_t index)
{
    for (const pipeline::Problem &problem : pipeline::validate(spec))
        if (problem.connection == index)
            return QString::fromStdString(problem.message);
    return {};
}

pipeline::PipelineSpec withWire(pipeline::PipelineSpec spec, const pipeline::Connection &connection)
{
    spec.connections.push_back(connection);
    return spec;
}

} // namespace

class TestDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void addedNodesGetUniqueIdsPerKind()
    {
        PipelineDocument document;
        QCOMPARE(document.addNode("stage", {10, 20}), QString("stage1"));
        QCOMPARE(document.addNode("stage", {30, 40}), QString("stage2"));
        QCOMPARE(document.addNode("ring", {0, 0}), QString("ring1"));
        QCOMPARE(document.spec().nodes.size(), std::size_t(3));
        QCOMPARE(document.node("stage2")->position, (pipeline::Position {30, 40}));
        QCOMPARE(document.undoStack()->count(), 3);
    }

    void everyUndoStepRestoresThePreviousSpecExactly()
    {
        PipelineDocument document;
        document.reset(sampleSpec());
        std::vector<pipeline::PipelineSpec> states {document.spec()};
        const auto step = [&](auto edit) {
            const int before = document.undoStack()->count();
            edit();
            QCOMPARE(document.undoStack()->count(), before + 1);
            states.push_back(document.spec());
        };
        step([&] { document.addNode("worker-pool", {800, 0}); });
        step([&] { document.moveNodes({{"ring", pipeline::Position {300, 20}}}, "Move"); });
        step([&] { QVERIFY(document.connectPorts(wire("ring", "out", "second", "in")).isEmpty()); });
        step([&] {
            QVERIFY(document.setParameter("ring", "slots", pipeline::ParamValue {std::int64_t(4096)}).isEmpty());
        });
        step([&] { QVERIFY(document.renameNode("first", "journal").isEmpty()); });
        step([&] { document.removeItems({"ring"}, {}, "Delete ring"); });
        step([&] { document.insertFragment(fragmentOf(document.spec(), {"journal", "second"}), {40, 40}, "Paste"); });
        step([&] { document.setPipelineName("renamed"); });
        step([&] {
            QVERIFY(document.setParameter("journal", "cost", pipeline::ParamValue {std::int64_t(500)}).isEmpty());
        });
        step([&] { QVERIFY(document.setParameter("journal", "cost", std::nullopt).isEmpty()); });

        // Walk all the way back and forth twice: a command must survive being replayed.
        for (int round = 0; round < 2; ++round) {
            for (std::size_t i = states.size() - 1; i > 0; --i) {
                QCOMPARE(document.spec(), states[i]);
                document.undoStack()->undo();
            }
            QCOMPARE(document.spec(), states.front());
            QVERIFY(!document.isModified());
            for (std::size_t i = 1; i < states.size(); ++i) {
                document.undoStack()->redo();
                QCOMPARE(document.spec(), states[i]);
            }
            QVERIFY(document.isModified());
        }
    }

    void deletingNodesTakesTheirWiresAndUndoPutsEverythingBackInPlace()
    {
        PipelineDocument document;
        pipeline::PipelineSpec spec = sampleSpec();
        spec.connections.push_back(wire("first", "out", "second", "in"));
        document.reset(spec);
        document.removeItems({"ring", "first"}, {}, "Delete");
        QCOMPARE(document.spec().nodes.size(), std::size_t(2));
        QVERIFY(document.spec().connections.empty());
        document.undoStack()->undo();
        QCOMPARE(document.spec(), spec);
    }

    void deletingOneWireOfAPairOfDuplicatesRemovesOnlyOne()
    {
        PipelineDocument document;
        pipeline::PipelineSpec spec = sampleSpec();
        spec.connections.push_back(spec.connections.front());
        document.reset(spec);
        document.removeItems({}, {spec.connections.front()}, "Delete wire");
        QCOMPARE(document.spec().connections.size(), spec.connections.size() - 1);
        document.undoStack()->undo();
        QCOMPARE(document.spec(), spec);
    }

    void refusedWiresGiveTheValidatorsReasonAndChangeNothing()
    {
        PipelineDocument document;
        document.reset(sampleSpec());
        const pipeline::PipelineSpec before = document.spec();

        const pipeline::Connection producerToStage = wire("source", "out", "second", "in");
        const QString refusal = document.connectPorts(producerToStage);
        QVERIFY(!refusal.isEmpty());
        const QString expected = validatorMessageAbout(withWire(before, producerToStage), before.connections.size());
        QVERIFY(!expected.isEmpty());
        QVERIFY2(refusal.startsWith(expected), qPrintable(refusal));
        QCOMPARE(document.spec(), before);
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void aSecondWireOnAOneWirePortIsRefused()
    {
        PipelineDocument document;
        pipeline::PipelineSpec spec = sampleSpec();
        spec.nodes.push_back(makeNode("other", "ring", 280, 200));
        document.reset(spec);
        const QString refusal = document.connectPorts(wire("source", "out", "other", "in"));
        QVERIFY2(refusal.contains("takes one wire"), qPrintable(refusal));
        QCOMPARE(document.spec(), spec);
    }

    void aDuplicateWireIsRefused()
    {
        PipelineDocument document;
        document.reset(sampleSpec());
        const QString refusal = document.connectPorts(wire("ring", "out", "first", "in"));
        QVERIFY2(refusal.contains("drawn twice"), qPrintable(refusal));
    }

    void aWireThatClosesACycleIsRefused()
    {
        PipelineDocument document;
        pipeline::PipelineSpec spec = sampleSpec();
        spec.connections.push_back(wire("first", "out", "second", "in"));
        document.reset(spec);
        const QString refusal = document.connectPorts(wire("second", "out", "first", "in"));
        QVERIFY2(refusal.contains("cycle"), qPrintable(refusal));
        QCOMPARE(document.spec(), spec);

        const QString self = document.connectPorts(wire("first", "out", "first", "in"));
        QVERIFY2(self.contains("after itself"), qPrintable(self));
    }

    void aWireThatOnlyRevealsAParameterMismatchIsAccepted()
    {
        PipelineDocument document;
        pipeline::PipelineSpec spec = sampleSpec();
        spec.connections.erase(spec.connections.begin());
        spec.nodes[0].params["payload"] = std::int64_t(4096); // larger than the ring's 1024-byte slots
        document.reset(spec);
        QVERIFY(document.connectPorts(wire("source", "out", "ring", "in")).isEmpty());
        QVERIFY(!document.problemsOf("source").empty());
        QCOMPARE(QString::fromStdString(document.problemsOf("source").front().param), QString("payload"));
    }

    void invalidParameterValuesAreRefusedWithTheValidatorsReason()
    {
        PipelineDocument document;
        document.reset(sampleSpec());
        const pipeline::PipelineSpec before = document.spec();
        QString refusal = document.setParameter("ring", "slots", pipeline::ParamValue {std::int64_t(1000)});
        QVERIFY2(refusal.contains("power of two"), qPrintable(refusal));
        refusal = document.setParameter("ring", "wait_strategy", pipeline::ParamValue {std::string("nap")});
        QVERIFY2(refusal.contains("not a valid value"), qPrintable(refusal));
        refusal = document.setParameter("source", "threads", pipeline::ParamValue {std::int64_t(0)});
        QVERIFY(!refusal.isEmpty());
        QCOMPARE(document.spec(), before);
        QVERIFY(document.setParameter("ring", "slots", pipeline::ParamValue {std::int64_t(2048)}).isEmpty());
        QCOMPARE(document.node("ring")->params.at("slots"), pipeline::ParamValue {std::int64_t(2048)});
    }

    void renamingANodeRenamesTheEndsOfItsWires()
    {
        PipelineDocument document;
        document.reset(sampleSpec());
        QSignalSpy renamed(&document, &PipelineDocument::nodeRenamed);
        QVERIFY(document.renameNode("ring", "input").isEmpty());
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(document.spec().connections[0].to.node, std::string("input"));
        QCOMPARE(document.spec().connections[1].from.node, std::string("input"));
        QVERIFY(document.renameNode("input", "first").contains("already used"));
        QVERIFY(!document.renameNode("input", " ").isEmpty());
        document.undoStack()->undo();
        QCOMPARE(document.spec(), sampleSpec());
    }

    void nudgesOfTheSameNodesMergeIntoOneStepButDragsDoNot()
    {
        PipelineDocument document;
        document.reset(sampleSpec());
        document.moveNodes({{"ring", pipeline::Position {300, 0}}}, "Nudge", true);
        document.moveNodes({{"ring", pipeline::Position {320, 0}}}, "Nudge", true);
        QCOMPARE(document.undoStack()->count(), 1);
        document.moveNodes({{"ring", pipeline::Position {400, 0}}}, "Move");
        document.moveNodes({{"ring", pipeline::Position {500, 0}}}, "Move");
        QCOMPARE(document.undoStack()->count(), 3);
        document.undoStack()->undo();
        document.undoStack()->undo();
        document.undoStack()->undo();
        QCOMPARE(document.spec(), sampleSpec());
    }

    void theModifiedFlagFollowsTheSavedState()
    {
        PipelineDocument document;
        QSignalSpy modified(&document, &PipelineDocument::modifiedChanged);
        QVERIFY(!document.isModified());
        document.addNode("ring", {0, 0});
        QVERIFY(document.isModified());
        document.markSaved("/tmp/x.json");
        QVERIFY(!document.isModified());
        QCOMPARE(document.displayName(), QString("x.json"));
        document.undoStack()->undo();
        QVERIFY(document.isModified());
        QCOMPARE(modified.count(), 3);
        QCOMPARE(modified.at(0).at(0).toBool(), true);
        QCOMPARE(modified.at(1).at(0).toBool(), false);
        QCOMPARE(modified.at(2).at(0).toBool(), true);
    }

    void pastedFragmentsGetFreshIdsAndKeepOnlyTheirInnerWires()
    {
        PipelineDocument document;
        document.reset(sampleSpec());
        const pipeline::PipelineSpec fragment = fragmentOf(document.spec(), {"ring", "first"});
        QCOMPARE(fragment.nodes.size(), std::size_t(2));
        QCOMPARE(fragment.connections, (std::vector {wire("ring", "out", "first", "in")}));

        const QStringList ids = document.insertFragment(fragment, {40, 40}, "Paste");
        QCOMPARE(ids, (QStringList {"ring1", "stage1"}));
        QCOMPARE(document.spec().connections.back(), wire("ring1", "out", "stage1", "in"));
        QCOMPARE(document.node("ring1")->position, (pipeline::Position {320, 40}));
        QCOMPARE(document.undoStack()->count(), 1);
    }

    void fragmentsSurviveTheClipboardFormat()
    {
        const pipeline::PipelineSpec fragment = fragmentOf(sampleSpec(), {"source", "ring"});
        const std::unique_ptr<QMimeData> mimeData(fragmentMimeData(fragment));
        QVERIFY(mimeData->hasText());
        QCOMPARE(fragmentFromMimeData(mimeData.get()), std::optional(fragment));
        QMimeData text;
        text.setText("not a pipeline");
        QCOMPARE(fragmentFromMimeData(&text), std::nullopt);
    }

    void autoLayoutPlacesNodesLeftToRightByDependency()
    {
        pipeline::PipelineSpec spec = sampleSpec();
        spec.connections.push_back(wire("first", "out", "second", "in"));
        const auto layout = autoLayout(spec, &NodeItem::sizeFor);
        QCOMPARE(layout.size(), spec.nodes.size());
        QVERIFY(layout.at("source").x < layout.at("ring").x);
        QVERIFY(layout.at("ring").x < layout.at("first").x);
        QVERIFY(layout.at("first").x < layout.at("second").x);

        // Two readers of one ring share a column without overlapping.
        pipeline::PipelineSpec fan = sampleSpec();
        fan.connections.push_back(wire("ring", "out", "second", "in"));
        const auto fanned = autoLayout(fan, &NodeItem::sizeFor);
        QCOMPARE(fanned.at("first").x, fanned.at("second").x);
        const double height = NodeItem::sizeFor(fan.nodes[2]).height();
        QVERIFY(std::abs(fanned.at("first").y - fanned.at("second").y) >= height);
    }

    void filesWithoutPositionsAreLaidOutAndPositionedNodesStay()
    {
        pipeline::PipelineSpec spec = sampleSpec();
        spec.nodes[1].position.reset();
        spec.nodes[2].position.reset();
        placeUnpositioned(spec, &NodeItem::sizeFor);
        for (const pipeline::Node &node : spec.nodes)
            QVERIFY(node.position.has_value());
        QCOMPARE(spec.nodes[0].position, sampleSpec().nodes[0].position);
        QCOMPARE(spec.nodes[3].position, sampleSpec().nodes[3].position);
        QVERIFY(spec.nodes[1].position->x < spec.nodes[2].position->x);
    }
};

QTEST_MAIN(TestDocument)
#include "test_document.moc"
