// Parameter values typed by a person, and NODE.PARAM=VALUE assignments of --set.
#include "pipeline/param_text.h"

#include "spec_builder.h"

#include <QtTest>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

/// Node ids with the characters that make splitting NODE.PARAM=VALUE ambiguous.
PipelineSpec awkwardIds()
{
    PipelineSpec spec = unicast();
    spec.nodes.push_back(node("my.producer", "producer"));
    spec.nodes.push_back(node("a=b", "ring"));
    spec.nodes.push_back(node("x.rate", "stage"));
    return spec;
}

} // namespace

class TestParamText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void assignmentsFindTheNodeAndParameter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << "p.events=12"
                               << "p"
                               << "events"
                               << "12";
        QTest::newRow("dotted id") << "my.producer.rate=5"
                                   << "my.producer"
                                   << "rate"
                                   << "5";
        QTest::newRow("id with equals") << "a=b.slots=64"
                                        << "a=b"
                                        << "slots"
                                        << "64";
        QTest::newRow("id ending in a parameter name") << "x.rate.cost=7"
                                                       << "x.rate"
                                                       << "cost"
                                                       << "7";
        QTest::newRow("value with dots and equals") << "p.channel=a.b=c"
                                                    << "p"
                                                    << "channel"
                                                    << "a.b=c";
    }

    void assignmentsFindTheNodeAndParameter()
    {
        QFETCH(QString, text);
        const auto parsed = parseParamAssignment(awkwardIds(), text.toStdString());
        const auto *assignment = std::get_if<ParamAssignment>(&parsed);
        QVERIFY2(assignment, std::get_if<std::string>(&parsed) ? std::get<std::string>(parsed).c_str() : "");
        QTEST(QString::fromStdString(assignment->node), "node");
        QTEST(QString::fromStdString(assignment->param), "param");
        QTEST(QString::fromStdString(paramText(assignment->value)), "value");
    }

    void badAssignmentsSayWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << ""
                               << "'': expected NODE.PARAM=VALUE";
        QTest::newRow("no dot") << "events=1"
                                << "'events=1': expected NODE.PARAM=VALUE";
        QTest::newRow("no equals") << "p.events"
                                   << "'p.events': expected NODE.PARAM=VALUE";
        QTest::newRow("unknown node") << "nobody.events=1"
                                      << "nobody.events: no node 'nobody' in the pipeline";
        QTest::newRow("unknown parameter") << "r.colour=red"
                                           << "r.colour: ring 'r' has no parameter 'colour'";
        QTest::newRow("bad value") << "r.slots=lots"
                                   << "r.slots: expected a whole number, got 'lots'";
    }

    void badAssignmentsSayWhy()
    {
        QFETCH(QString, text);
        const auto parsed = parseParamAssignment(awkwardIds(), text.toStdString());
        const auto *reason = std::get_if<std::string>(&parsed);
        QVERIFY(reason);
        QTEST(QString::fromStdString(*reason), "reason");
    }
};

QTEST_APPLESS_MAIN(TestParamText)
#include "test_param_text.moc"
