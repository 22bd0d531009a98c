#include "pipeline/validation.h"

#include "spec_builder.h"
#include "test_printers.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

std::string describe(const std::vector<Problem> &problems)
{
    std::string text;
    for (const Problem &problem : problems)
        text += "\n  " + toString(problem) + " [node '" + problem.nodeId + "', port '" + problem.port + "', param '"
            + problem.param + "']";
    return text;
}

// Checks that a rule produced exactly one problem, and returns it for closer inspection.
#define SINGLE_PROBLEM(var, spec)                                                                                      \
    const std::vector<Problem> var##All = validate(spec);                                                              \
    QVERIFY2(var##All.size() == 1, ("expected one problem, got:" + describe(var##All)).c_str());                       \
    const Problem &var = var##All.front()

bool mentions(const Problem &problem, const std::string &text)
{
    return problem.message.find(text) != std::string::npos;
}

Node *find(PipelineSpec &spec, const std::string &id)
{
    return spec.findNode(id);
}

} // namespace

class TestValidation : public QObject {
    Q_OBJECT

private slots:
    void aSoundPipelineHasNoProblems()
    {
        QVERIFY2(validate(unicast()).empty(), describe(validate(unicast())).c_str());
        QVERIFY2(validate(chainedRings()).empty(), describe(validate(chainedRings())).c_str());
    }

    void anEmptyPipelineIsOnlyWarnedAbout()
    {
        SINGLE_PROBLEM(problem, PipelineSpec {});
        QCOMPARE(problem.severity, Severity::Warning);
        QVERIFY(!hasErrors(validate(PipelineSpec {})));
    }

    void ruleNodeIdMustNotBeEmpty()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("", "stage"));
        spec.connections.push_back(wire("r", "out", "", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Error);
        QVERIFY(mentions(problem, "empty id"));
    }

    void ruleNodeIdsMustBeUnique()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("s", "stage"));
        spec.nodes.push_back(node("s", "stage"));
        SINGLE_PROBLEM(problem, spec); // reported once per id, not once per copy
        QCOMPARE(problem.nodeId, std::string("s"));
        QVERIFY(mentions(problem, "used by 3 nodes"));
    }

    void ruleKindMustBeKnown()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("x", "teleporter", {{"range", std::int64_t {5}}}));
        SINGLE_PROBLEM(problem, spec); // its parameters are not judged against an unknown kind
        QCOMPARE(problem.nodeId, std::string("x"));
        QVERIFY(mentions(problem, "unknown kind 'teleporter'"));
        QVERIFY(problem.hint.find("worker-pool") != std::string::npos);
    }

    void ruleParameterMustBeKnown()
    {
        PipelineSpec spec = unicast();
        find(spec, "r")->params["slot"] = std::int64_t {64};
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("r"));
        QCOMPARE(problem.param, std::string("slot"));
        QVERIFY(problem.hint.find("slots") != std::string::npos);
    }

    void ruleAParameterThatChangesNothingIsWarnedAbout_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("because");
        QTest::newRow("cost of a count stage") << "s"
                                               << "cost"
                                               << "its workload 'count' does not use it; the busy workload does";
        QTest::newRow("sleep of a count stage") << "s"
                                                << "sleep"
                                                << "the sleep workload does";
        QTest::newRow("fail probability of a count stage") << "s"
                                                           << "fail_probability"
                                                           << "the fail workload does";
        QTest::newRow("filter mode without a filter") << "s"
                                                      << "filter_mode"
                                                      << "matters only with a Channel filter";
        QTest::newRow("async threads without async handling") << "s"
                                                              << "async_threads"
                                                              << "matters only with Handling async, not event";
        QTest::newRow("rewind back-off without retries") << "s"
                                                         << "rewind_backoff"
                                                         << "matters only when Rewind retries is not 0";
    }

    void consumeMattersOnlyForPerEventHandling()
    {
        PipelineSpec spec = unicast();
        find(spec, "s")->params = {{"handling", std::string("batch")}, {"consume", std::string("poll")}};
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Warning);
        QCOMPARE(problem.nodeId, std::string("s"));
        QCOMPARE(problem.param, std::string("consume"));
        QVERIFY2(mentions(problem, "matters only with Handling event, not batch"), problem.message.c_str());
        find(spec, "s")->params = {{"consume", std::string("poll")}, {"rewind_retries", std::int64_t {3}},
            {"rewind_backoff", std::int64_t {50}}, {"exception_policy", std::string("halt-stage")}};
        QVERIFY2(validate(spec).empty(), describe(validate(spec)).c_str());
        find(spec, "s")->params = {{"handling", std::string("async")}, {"async_threads", std::int64_t {4}}};
        QVERIFY2(validate(spec).empty(), describe(validate(spec)).c_str());
    }

    void haltStageIsAStagesPolicyOnly()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("pool", "worker-pool", {{"exception_policy", std::string("halt-stage")}}));
        spec.connections.push_back(wire("r", "out", "pool", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Error);
        QCOMPARE(problem.nodeId, std::string("pool"));
        QCOMPARE(problem.param, std::string("exception_policy"));
    }

    void ruleAParameterThatChangesNothingIsWarnedAbout()
    {
        QFETCH(QString, node);
        QFETCH(QString, param);
        PipelineSpec spec = unicast();
        const ParamValue value = param == "filter_mode" ? ParamValue {std::string("prefix")}
            : param == "fail_probability"               ? ParamValue {0.5}
                                                        : ParamValue {std::int64_t {10}};
        find(spec, node.toStdString())->params[param.toStdString()] = value;
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Warning);
        QCOMPARE(problem.param, param.toStdString());
        QFETCH(QString, because);
        QVERIFY2(mentions(problem, because.toStdString()), problem.message.c_str());
        QVERIFY(mentions(problem, "has no effect"));
    }

    void aParameterItsWorkloadUsesIsNotWarnedAbout()
    {
        PipelineSpec spec = unicast();
        find(spec, "s")->params = {{"workload", std::string("busy")}, {"cost", std::int64_t {500}}};
        QVERIFY2(validate(spec).empty(), describe(validate(spec)).c_str());
        find(spec, "s")->params = {{"channel_filter", std::string("ev")}, {"filter_mode", std::string("prefix")}};
        QVERIFY2(validate(spec).empty(), describe(validate(spec)).c_str());
        spec.nodes.push_back(node("agg", "aggregate", {{"workloads", std::string("checksum, sleep")}}));
        spec.connections.push_back(wire("r", "out", "agg", "in"));
        find(spec, "agg")->params["sleep"] = std::int64_t {5};
        QVERIFY2(validate(spec).empty(), describe(validate(spec)).c_str());
        find(spec, "agg")->params["cost"] = std::int64_t {5};
        SINGLE_PROBLEM(problem, spec);
        QVERIFY2(mentions(problem, "none of its workloads ('checksum', 'sleep') uses it"), problem.message.c_str());
    }

    void ruleParameterMustHaveItsType()
    {
        PipelineSpec spec = unicast();
        find(spec, "r")->params["slots"] = std::string("1024");
        find(spec, "s")->params["workload"] = std::int64_t {1};
        find(spec, "p")->params["channel"] = true;
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {3});
        for (const Problem &problem : problems)
            QVERIFY2(mentions(problem, "must be"), problem.message.c_str());
        QCOMPARE(problems[0].param, std::string("channel"));
    }

    void ruleWholeNumberParameterRejectsARealAndSaysHowToWriteIt()
    {
        PipelineSpec spec = unicast();
        find(spec, "r")->params["slots"] = 1024.0;
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.param, std::string("slots"));
        QVERIFY(mentions(problem, "whole number"));
        QVERIFY(problem.hint.find("1024") != std::string::npos);
    }

    void ruleRealParameterAcceptsAWholeNumber()
    {
        PipelineSpec spec = unicast();
        find(spec, "p")->params["duration"] = std::int64_t {2};
        find(spec, "p")->params["rate"] = 1000.5;
        QVERIFY2(validate(spec).empty(), describe(validate(spec)).c_str());
    }

    void ruleNumberMustBeWithinRange_data()
    {
        QTest::addColumn<QString>("nodeId");
        QTest::addColumn<QString>("param");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("isReal");
        QTest::newRow("threads below 1") << "p"
                                         << "threads" << 0.0 << false;
        QTest::newRow("events negative") << "p"
                                         << "events" << -1.0 << false;
        QTest::newRow("batch above 65536") << "p"
                                           << "batch" << 65537.0 << false;
        QTest::newRow("payload above 65536") << "p"
                                             << "payload" << 70000.0 << false;
        QTest::newRow("duration negative") << "p"
                                           << "duration" << -0.5 << true;
        QTest::newRow("rate negative") << "p"
                                       << "rate" << -1.0 << true;
        QTest::newRow("slots above 2^24") << "r"
                                          << "slots" << 33554432.0 << false;
        QTest::newRow("fail probability above 1") << "s"
                                                  << "fail_probability" << 1.5 << true;
        QTest::newRow("cost negative") << "s"
                                       << "cost" << -5.0 << false;
    }

    void ruleNumberMustBeWithinRange()
    {
        QFETCH(QString, nodeId);
        QFETCH(QString, param);
        QFETCH(double, value);
        QFETCH(bool, isReal);
        PipelineSpec spec = unicast();
        find(spec, nodeId.toStdString())->params[param.toStdString()]
            = isReal ? ParamValue(value) : ParamValue(static_cast<std::int64_t>(value));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, nodeId.toStdString());
        QCOMPARE(problem.param, param.toStdString());
        QVERIFY2(
            mentions(problem, "below its minimum") || mentions(problem, "above its maximum"), problem.message.c_str());
        QVERIFY(problem.hint.starts_with("Use a value"));
    }

    void ruleRealMustBeFinite()
    {
        PipelineSpec spec = unicast();
        find(spec, "p")->params["rate"] = std::numeric_limits<double>::quiet_NaN();
        find(spec, "p")->params["duration"] = std::numeric_limits<double>::infinity();
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {2});
        QVERIFY(mentions(problems[0], "not a finite number"));
        QVERIFY(mentions(problems[1], "not a finite number"));
    }

    void ruleRingSlotsMustBeAPowerOfTwo()
    {
        PipelineSpec spec = unicast();
        find(spec, "r")->params["slots"] = std::int64_t {1000};
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.param, std::string("slots"));
        QVERIFY(mentions(problem, "not a power of two"));
        QVERIFY(problem.hint.find("1024") != std::string::npos);
    }

    void ruleChoiceMustBeOneOfItsValues()
    {
        PipelineSpec spec = unicast();
        find(spec, "r")->params["wait_strategy"] = std::string("lazy");
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.param, std::string("wait_strategy"));
        QVERIFY(mentions(problem, "'lazy'"));
        QVERIFY(problem.hint.find("'phased-backoff'") != std::string::npos);
    }

    void ruleAggregateWorkloadsMustNameKnownWorkloads()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("agg", "aggregate", {{"workloads", std::string("checksum, juggle")}}));
        spec.connections.push_back(wire("r", "out", "agg", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("agg"));
        QCOMPARE(problem.param, std::string("workloads"));
        QVERIFY(mentions(problem, "'juggle'"));
    }

    void ruleAggregateWorkloadsMustNotBeEmptyOrHaveEmptyItems()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("empty", "aggregate", {{"workloads", std::string(" ")}}));
        spec.nodes.push_back(node("gap", "aggregate", {{"workloads", std::string("count,,busy")}}));
        spec.connections.push_back(wire("r", "out", "empty", "in"));
        spec.connections.push_back(wire("r", "out", "gap", "in"));
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {2});
        QVERIFY(mentions(problems[0], "lists nothing"));
        QVERIFY(mentions(problems[1], "empty item"));
    }

    void ruleAggregateWorkloadsMayRepeatAndBeSpaced()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("agg", "aggregate", {{"workloads", std::string(" checksum , busy,busy ,latency")}}));
        spec.connections.push_back(wire("r", "out", "agg", "in"));
        QVERIFY2(validate(spec).empty(), describe(validate(spec)).c_str());
    }

    void ruleRingNeedsAProducer()
    {
        PipelineSpec spec = unicast();
        spec.nodes.erase(spec.nodes.begin());
        spec.connections.erase(spec.connections.begin());
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("r"));
        QCOMPARE(problem.port, std::string("in"));
        QVERIFY(mentions(problem, "no producer"));
    }

    void ruleRingFedOnlyByAForwardingStageHasAProducer()
    {
        QVERIFY(!hasErrors(validate(chainedRings()))); // "output" has no producer node, only "logic"
    }

    void ruleRingNeedsAConsumer()
    {
        PipelineSpec spec = unicast();
        spec.nodes.pop_back();
        spec.connections.pop_back();
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("r"));
        QCOMPARE(problem.port, std::string("out"));
        QVERIFY(mentions(problem, "no handler reading it"));
    }

    void ruleProducerMustBeConnectedToARing()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("idle", "producer"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("idle"));
        QCOMPARE(problem.port, std::string("out"));
        QVERIFY(mentions(problem, "not connected to a ring"));
    }

    void ruleConsumerMustBeReachedFromARing()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("orphan", "worker-pool"));
        spec.nodes.push_back(node("after-orphan", "stage"));
        spec.connections.push_back(wire("orphan", "out", "after-orphan", "in"));
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {2});
        QCOMPARE(problems[0].nodeId, std::string("orphan"));
        QCOMPARE(problems[1].nodeId, std::string("after-orphan"));
        QVERIFY(mentions(problems[0], "reads from no ring"));
    }

    void ruleDependencyMustStayWithinOneRing()
    {
        PipelineSpec spec = chainedRings();
        spec.connections.push_back(wire("journal", "out", "publisher", "in")); // input's stage before output's
        spec.nodes.push_back(node("audit", "stage"));
        spec.connections.push_back(wire("publisher", "out", "audit", "in"));
        // Reported where the rings meet (publisher), not again at audit further down.
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("publisher"));
        QVERIFY(mentions(problem, "ring buffers 'input' and 'output'"));
        QVERIFY(problem.hint.find("forward port") != std::string::npos);
    }

    void ruleDependencyCycleIsReportedAtEveryMember()
    {
        PipelineSpec spec = chainedRings();
        spec.connections.push_back(wire("logic", "out", "journal", "in"));
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {2});
        QCOMPARE(problems[0].nodeId, std::string("journal"));
        QCOMPARE(problems[1].nodeId, std::string("logic"));
        QVERIFY(mentions(problems[0], "dependency cycle"));
    }

    void ruleConsumerMustNotWaitForItself()
    {
        PipelineSpec spec = unicast();
        spec.connections.push_back(wire("s", "out", "s", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("s"));
        QVERIFY(mentions(problem, "after itself"));
    }

    void ruleStageMustNotForwardIntoItsOwnRing()
    {
        PipelineSpec spec = unicast();
        spec.connections.push_back(wire("s", "forward", "r", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("s"));
        QCOMPARE(problem.port, std::string("forward"));
        QVERIFY(mentions(problem, "the ring it reads from"));
    }

    void ruleForwardingMustNotLoopBackToAnEarlierRing()
    {
        PipelineSpec spec = chainedRings();
        spec.connections.push_back(wire("publisher", "forward", "input", "in"));
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {2}); // both stages that close the loop
        QCOMPARE(problems[0].nodeId, std::string("logic"));
        QCOMPARE(problems[1].nodeId, std::string("publisher"));
        QVERIFY(mentions(problems[1], "feeds back into its own ring buffer 'output'"));
    }

    void ruleSingleProducerModeAllowsOnePublishingThread()
    {
        PipelineSpec spec = unicast();
        find(spec, "r")->params["producer_mode"] = std::string("single");
        QVERIFY(validate(spec).empty());
        find(spec, "p")->params["threads"] = std::int64_t {2};
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("r"));
        QCOMPARE(problem.param, std::string("producer_mode"));
        QVERIFY(mentions(problem, "2 threads"));
    }

    void ruleSingleProducerModeCountsEveryProducerAndForwarder()
    {
        PipelineSpec spec = chainedRings();
        find(spec, "output")->params["producer_mode"] = std::string("single");
        QVERIFY(validate(spec).empty()); // logic alone publishes into output
        spec.nodes.push_back(node("injector", "producer"));
        spec.connections.push_back(wire("injector", "out", "output", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("output"));
    }

    void ruleConnectionEndsMustExist()
    {
        PipelineSpec spec = unicast();
        spec.connections.push_back(wire("ghost", "out", "r", "in"));
        spec.connections.push_back(wire("r", "out", "phantom", "in"));
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {2});
        QCOMPARE(problems[0].nodeId, std::string("ghost"));
        QCOMPARE(problems[0].connection, std::optional<std::size_t>(2));
        QVERIFY(mentions(problems[0], "starts at node 'ghost', which does not exist"));
        QCOMPARE(problems[1].connection, std::optional<std::size_t>(3));
        QVERIFY(mentions(problems[1], "ends at node 'phantom'"));
    }

    void ruleConnectionPortsMustExist()
    {
        PipelineSpec spec = unicast();
        spec.connections[1].to.port = "input";
        const std::vector<Problem> problems = validate(spec);
        QVERIFY(!problems.empty());
        QCOMPARE(problems[0].nodeId, std::string("s"));
        QCOMPARE(problems[0].port, std::string("input"));
        QCOMPARE(problems[0].connection, std::optional<std::size_t>(1));
        QVERIFY(mentions(problems[0], "has no port 'input'"));
        QVERIFY(problems[0].hint.find("'forward'") != std::string::npos);
    }

    void ruleConnectionMustRunFromOutputToInput()
    {
        PipelineSpec spec = unicast();
        spec.connections.push_back(wire("s", "in", "r", "out"));
        const std::vector<Problem> problems = validate(spec);
        QCOMPARE(problems.size(), std::size_t {2});
        QVERIFY(mentions(problems[0], "must start at an output port"));
        QVERIFY(mentions(problems[1], "must end at an input port"));
    }

    void ruleConnectionMustJoinCompatiblePorts()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("s2", "stage"));
        spec.connections.push_back(wire("r", "out", "s2", "in"));
        spec.connections.push_back(wire("s", "out", "r", "in")); // should have been forward
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("s"));
        QCOMPARE(problem.port, std::string("out"));
        QVERIFY(mentions(problem, "cannot be wired to the in port of ring buffer 'r'"));
        QVERIFY(problem.hint.find("the in port of a stage") != std::string::npos);
    }

    void ruleProducerCannotFeedAStageDirectly()
    {
        PipelineSpec spec = unicast();
        spec.connections[0] = wire("p", "out", "s", "in");
        const std::vector<Problem> problems = validate(spec);
        QVERIFY(!problems.empty());
        QVERIFY(mentions(problems[0], "cannot be wired"));
        QVERIFY(problems[0].hint.find("the in port of a ring buffer") != std::string::npos);
    }

    void ruleSingleWirePortTakesOneWire()
    {
        PipelineSpec spec = unicast();
        spec.nodes.push_back(node("r2", "ring"));
        spec.nodes.push_back(node("s2", "stage"));
        spec.connections.push_back(wire("p", "out", "r2", "in"));
        spec.connections.push_back(wire("r2", "out", "s2", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("p"));
        QCOMPARE(problem.port, std::string("out"));
        QCOMPARE(problem.connection, std::optional<std::size_t>(2));
        QVERIFY(mentions(problem, "takes one wire"));
    }

    void ruleForwardPortTakesOneWire()
    {
        PipelineSpec spec = chainedRings();
        spec.nodes.push_back(node("extra", "ring"));
        spec.nodes.push_back(node("sink", "stage"));
        spec.connections.push_back(wire("logic", "forward", "extra", "in"));
        spec.connections.push_back(wire("extra", "out", "sink", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("logic"));
        QCOMPARE(problem.port, std::string("forward"));
    }

    void ruleDuplicateConnectionIsAWarning()
    {
        PipelineSpec spec = unicast();
        spec.connections.push_back(spec.connections[1]);
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Warning);
        QCOMPARE(problem.connection, std::optional<std::size_t>(2));
        QVERIFY(mentions(problem, "drawn twice"));
    }

    void ruleProducerPayloadMustFitTheRing()
    {
        PipelineSpec spec = unicast();
        find(spec, "p")->params["payload"] = std::int64_t {4096};
        find(spec, "r")->params["payload_capacity"] = std::int64_t {4095};
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("p"));
        QCOMPARE(problem.param, std::string("payload"));
        QVERIFY(mentions(problem, "4096 bytes"));
        find(spec, "r")->params["payload_capacity"] = std::int64_t {4096};
        QVERIFY(validate(spec).empty());
    }

    void ruleProducerBatchMustFitTheRing()
    {
        PipelineSpec spec = unicast();
        find(spec, "p")->params["batch"] = std::int64_t {2048};
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.nodeId, std::string("p"));
        QCOMPARE(problem.param, std::string("batch"));
        QVERIFY(mentions(problem, "1024 slots"));
    }

    void ruleHugeRingIsAWarning()
    {
        PipelineSpec spec = unicast();
        find(spec, "r")->params["slots"] = std::int64_t {1} << 24;
        find(spec, "r")->params["payload_capacity"] = std::int64_t {65536};
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Warning);
        QVERIFY(mentions(problem, "1024 GiB"));
    }

    void ruleDirectRingWireNextToADependencyIsAWarning()
    {
        PipelineSpec spec = chainedRings();
        spec.connections.push_back(wire("input", "out", "logic", "in"));
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Warning);
        QCOMPARE(problem.nodeId, std::string("logic"));
        QCOMPARE(problem.connection, std::optional<std::size_t>(7));
    }

    void ruleChannelFilterMatchingNoProducerIsAWarning()
    {
        PipelineSpec spec = unicast();
        find(spec, "s")->params["channel_filter"] = std::string("orders");
        SINGLE_PROBLEM(problem, spec);
        QCOMPARE(problem.severity, Severity::Warning);
        QCOMPARE(problem.param, std::string("channel_filter"));
        QVERIFY(problem.hint.find("'events'") != std::string::npos);
        find(spec, "s")->params["channel_filter"] = std::string("ev");
        find(spec, "s")->params["filter_mode"] = std::string("prefix");
        QVERIFY(validate(spec).empty());
    }

    void neverThrowsOnNonsense()
    {
        PipelineSpec spec;
        spec.nodes = {node("", ""), node("a", "ring", {{"slots", std::numeric_limits<std::int64_t>::min()}}),
            node("a", "producer", {{"threads", std::numeric_limits<std::int64_t>::max()}}),
            node("b", "aggregate", {{"workloads", std::string(",,,")}, {"", true}}),
            node("c", "stage", {{"cost", -std::numeric_limits<double>::infinity()}})};
        spec.connections = {wire("", "", "", ""), wire("a", "out", "a", "in"), wire("b", "out", "b", "in"),
            wire("b", "forward", "a", "in"), wire("c", "in", "b", "forward")};
        const std::vector<Problem> problems = validate(spec);
        QVERIFY(hasErrors(problems));
        for (const Problem &problem : problems)
            QVERIFY(!problem.message.empty() && !problem.hint.empty());
    }

    void formatsAProblemForTheCommandLine()
    {
        const Problem problem {
            Severity::Error, "r", "in", {}, std::nullopt, "Ring buffer 'r' has no producer.", "Wire one to it."};
        QCOMPARE(toString(problem), std::string("error: Ring buffer 'r' has no producer. Wire one to it."));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "test_validation.moc"
