#include "pipeline/kind_registry.h"

#include "core/wait_strategy.h"
#include "registry_tables.h"
#include "spec_builder.h"
#include "test_printers.h"

#include <QtTest>

#include <cctype>
#include <cmath>
#include <fstream>
#include <set>

using namespace ringflow::pipeline;
using namespace ringflow::pipeline::testing;

namespace {

// A one-line help text the palette and the property editor can show as is.
bool isSentence(const std::string &text)
{
    return !text.empty() && std::isupper(static_cast<unsigned char>(text.front())) && text.back() == '.'
        && text.find('\n') == std::string::npos;
}

std::vector<std::string> names(const std::vector<ParamSpec> &params)
{
    std::vector<std::string> result;
    for (const ParamSpec &param : params)
        result.push_back(param.name);
    return result;
}

} // namespace

class TestKindRegistry : public QObject {
    Q_OBJECT

private slots:
    void offersTheFiveKindsInPaletteOrder()
    {
        std::vector<std::string> kinds;
        for (const KindSpec &kind : KindRegistry::instance().kinds())
            kinds.push_back(kind.name);
        QCOMPARE(kinds, (std::vector<std::string> {"producer", "ring", "stage", "worker-pool", "aggregate"}));
    }

    void groupsKindsIntoSourcesBuffersAndHandlers()
    {
        QCOMPARE(findKind("producer")->category, KindCategory::Sources);
        QCOMPARE(categoryName(KindCategory::Sources), std::string_view("Sources"));
        QCOMPARE(findKind("ring")->category, KindCategory::Buffers);
        QCOMPARE(categoryName(KindCategory::Buffers), std::string_view("Buffers"));
        QCOMPARE(categoryName(KindCategory::Handlers), std::string_view("Handlers"));
        for (const char *handler : {"stage", "worker-pool", "aggregate"}) {
            QCOMPARE(findKind(handler)->category, KindCategory::Handlers);
            QCOMPARE(findKind(handler)->role, NodeRole::Consumer);
        }
        QCOMPARE(findKind("producer")->role, NodeRole::Producer);
        QCOMPARE(findKind("ring")->role, NodeRole::Ring);
    }

    void findsNothingForAnUnknownKind()
    {
        QVERIFY(findKind("pipe") == nullptr);
        QVERIFY(findKind("") == nullptr);
        QVERIFY(findKind("Ring") == nullptr);
    }

    void describesEveryKindPortAndParameterInOneSentence()
    {
        for (const KindSpec &kind : KindRegistry::instance().kinds()) {
            QVERIFY2(!kind.displayName.empty() && isSentence(kind.help), kind.name.c_str());
            for (const PortSpec &port : kind.ports)
                QVERIFY2(isSentence(port.help), (kind.name + "." + port.name).c_str());
            for (const ParamSpec &param : kind.params) {
                const std::string where = kind.name + "." + param.name;
                QVERIFY2(isSentence(param.help), where.c_str());
                QVERIFY2(!param.displayName.empty() && std::isupper(static_cast<unsigned char>(param.displayName[0])),
                    where.c_str());
            }
        }
    }

    void keepsNamesUniqueWithinAKind()
    {
        for (const KindSpec &kind : KindRegistry::instance().kinds()) {
            std::set<std::string> params, ports;
            for (const ParamSpec &param : kind.params)
                QVERIFY2(params.insert(param.name).second, (kind.name + "." + param.name).c_str());
            for (const PortSpec &port : kind.ports)
                QVERIFY2(ports.insert(port.name).second, (kind.name + "." + port.name).c_str());
        }
    }

    void defaultsAreValidValuesOfTheirParameters()
    {
        for (const KindSpec &kind : KindRegistry::instance().kinds()) {
            for (const ParamSpec &param : kind.params) {
                const std::string where = kind.name + "." + param.name;
                const ParamValue &value = param.defaultValue;
                switch (param.type) {
                case ParamType::Bool:
                    QVERIFY2(std::holds_alternative<bool>(value), where.c_str());
                    break;
                case ParamType::Int:
                case ParamType::Real: {
                    QVERIFY2(param.type == ParamType::Int ? std::holds_alternative<std::int64_t>(value)
                                                          : std::holds_alternative<double>(value),
                        where.c_str());
                    const double number = param.type == ParamType::Int
                        ? static_cast<double>(std::get<std::int64_t>(value))
                        : std::get<double>(value);
                    QVERIFY2(!param.minimum || number >= *param.minimum, where.c_str());
                    QVERIFY2(!param.maximum || number <= *param.maximum, where.c_str());
                    if (param.type == ParamType::Int) {
                        QVERIFY2(!param.minimum || std::trunc(*param.minimum) == *param.minimum, where.c_str());
                        QVERIFY2(!param.maximum || std::trunc(*param.maximum) == *param.maximum, where.c_str());
                    }
                    break;
                }
                case ParamType::Choice:
                    QVERIFY2(std::holds_alternative<std::string>(value), where.c_str());
                    QVERIFY2(std::find(param.choices.begin(), param.choices.end(), std::get<std::string>(value))
                            != param.choices.end(),
                        where.c_str());
                    break;
                case ParamType::Text:
                    QVERIFY2(std::holds_alternative<std::string>(value), where.c_str());
                    for (const std::string &item :
                        param.commaList ? splitCommaList(std::get<std::string>(value)) : std::vector<std::string> {})
                        QVERIFY2(std::find(param.choices.begin(), param.choices.end(), item) != param.choices.end(),
                            where.c_str());
                    break;
                }
            }
        }
    }

    void declaresTheProducerParameters()
    {
        const KindSpec &producer = *findKind("producer");
        QCOMPARE(names(producer.params),
            (std::vector<std::string> {"threads", "events", "duration", "batch", "rate", "payload", "channel",
                "publish", "completion_channel"}));
        QCOMPARE(producer.findParam("publish")->choices, (std::vector<std::string> {"block", "try"}));
        QCOMPARE(producer.findParam("publish")->defaultValue, ParamValue(std::string("block")));
        QCOMPARE(producer.findParam("completion_channel")->type, ParamType::Text);
        QCOMPARE(producer.findParam("completion_channel")->defaultValue, ParamValue(std::string()));
        QCOMPARE(producer.findParam("events")->defaultValue, ParamValue(std::int64_t {1000000}));
        QCOMPARE(producer.findParam("events")->minimum, std::optional<double>(0));
        QCOMPARE(producer.findParam("duration")->type, ParamType::Real);
        QCOMPARE(producer.findParam("batch")->maximum, std::optional<double>(65536));
        QCOMPARE(producer.findParam("rate")->unit, std::string("events/s"));
        QCOMPARE(producer.findParam("payload")->unit, std::string("bytes"));
        QCOMPARE(producer.findParam("channel")->defaultValue, ParamValue(std::string("events")));
        QCOMPARE(producer.threadsParam, std::string("threads"));
    }

    void declaresTheRingParameters()
    {
        const KindSpec &ring = *findKind("ring");
        QCOMPARE(names(ring.params),
            (std::vector<std::string> {"slots", "payload_capacity", "producer_mode", "wait_strategy"}));
        const ParamSpec &slotCount = *ring.findParam("slots");
        QVERIFY(slotCount.powerOfTwo);
        QCOMPARE(slotCount.maximum, std::optional<double>(16777216));
        QCOMPARE(slotCount.unit, std::string("slots"));
        QCOMPARE(ring.findParam("producer_mode")->choices, (std::vector<std::string> {"auto", "single", "multi"}));
    }

    void offersExactlyTheCoreWaitStrategies()
    {
        const ParamSpec &wait = *findKind("ring")->findParam("wait_strategy");
        QCOMPARE(wait.choices.size(), std::size(ringflow::core::kWaitStrategyNames));
        for (std::string_view name : ringflow::core::kWaitStrategyNames) {
            QVERIFY(std::find(wait.choices.begin(), wait.choices.end(), name) != wait.choices.end());
            QVERIFY(ringflow::core::makeWaitStrategy(name) != nullptr);
        }
        QCOMPARE(wait.defaultValue, ParamValue(std::string("phased-backoff")));
    }

    void declaresTheHandlerParameters()
    {
        QCOMPARE(names(findKind("stage")->params),
            (std::vector<std::string> {"workload", "cost", "sleep", "fail_probability", "handling", "async_threads",
                "consume", "max_batch", "channel_filter", "filter_mode", "rewind_retries", "rewind_backoff",
                "exception_policy"}));
        QCOMPARE(names(findKind("worker-pool")->params),
            (std::vector<std::string> {
                "workers", "workload", "cost", "sleep", "fail_probability", "exception_policy"}));
        QCOMPARE(names(findKind("aggregate")->params),
            (std::vector<std::string> {"workloads", "cost", "sleep", "fail_probability", "exception_policy"}));
        QCOMPARE(findKind("worker-pool")->threadsParam, std::string("workers"));
        QVERIFY(findKind("stage")->threadsParam.empty());
        const ParamSpec &workloads = *findKind("aggregate")->findParam("workloads");
        QVERIFY(workloads.commaList);
        QCOMPARE(workloads.choices, findKind("stage")->findParam("workload")->choices);
        QCOMPARE(findKind("stage")->findParam("exception_policy")->defaultValue, ParamValue(std::string("halt")));
        // Only a stage may stop alone; the defaults keep every file written before them as it ran.
        QCOMPARE(findKind("stage")->findParam("exception_policy")->choices,
            (std::vector<std::string> {"halt", "halt-stage", "continue"}));
        QCOMPARE(findKind("worker-pool")->findParam("exception_policy")->choices,
            (std::vector<std::string> {"halt", "continue"}));
        QCOMPARE(findKind("stage")->findParam("handling")->defaultValue, ParamValue(std::string("event")));
        QCOMPARE(findKind("stage")->findParam("consume")->defaultValue, ParamValue(std::string("thread")));
        QCOMPARE(findKind("stage")->findParam("rewind_retries")->defaultValue, ParamValue(std::int64_t {0}));
    }

    void marksOnlyRateCostAndSleepLiveTunable()
    {
        for (const KindSpec &kind : KindRegistry::instance().kinds())
            for (const ParamSpec &param : kind.params) {
                const bool expected = param.name == "rate" || param.name == "cost" || param.name == "sleep";
                QVERIFY2(param.liveTunable == expected, (kind.name + "." + param.name).c_str());
            }
    }

    void keepsAcceptListsSymmetricAndDirected()
    {
        const KindRegistry &registry = KindRegistry::instance();
        for (const KindSpec &kind : registry.kinds())
            for (const PortSpec &port : kind.ports)
                for (const PortRef &end : port.accepts) {
                    const std::string where = kind.name + "." + port.name + " -> " + end.kind + "." + end.port;
                    const PortSpec *other = findKind(end.kind) ? findKind(end.kind)->findPort(end.port) : nullptr;
                    QVERIFY2(other != nullptr, where.c_str());
                    QVERIFY2(other->direction != port.direction, where.c_str());
                    QVERIFY2(other->acceptsEnd(kind.name, port.name), where.c_str());
                }
    }

    void wiresProducersIntoRingsAndRingsIntoHandlers()
    {
        const KindRegistry &registry = KindRegistry::instance();
        QVERIFY(registry.accepts("producer", "out", "ring", "in"));
        QVERIFY(!registry.accepts("producer", "out", "stage", "in"));
        QVERIFY(!registry.accepts("ring", "in", "producer", "out")); // wrong direction
        for (const char *handler : {"stage", "worker-pool", "aggregate"}) {
            QVERIFY(registry.accepts("ring", "out", handler, "in"));
            QVERIFY(registry.accepts(handler, "forward", "ring", "in"));
            QVERIFY(!registry.accepts(handler, "forward", "stage", "in"));
            QVERIFY(!registry.accepts(handler, "out", "ring", "in"));
            for (const char *other : {"stage", "worker-pool", "aggregate"})
                QVERIFY(registry.accepts(handler, "out", other, "in"));
        }
        QVERIFY(!registry.accepts("ring", "out", "ring", "in"));
        QVERIFY(!registry.accepts("stage", "out", "stage", "nope"));
    }

    void allowsOneWireOnProducerOutAndForwardOnly()
    {
        for (const KindSpec &kind : KindRegistry::instance().kinds())
            for (const PortSpec &port : kind.ports) {
                const bool single = (kind.name == "producer" && port.name == "out") || port.name == "forward";
                QVERIFY2(port.multiple == !single, (kind.name + "." + port.name).c_str());
            }
    }

    void readsAParameterOrFallsBackToItsDefault()
    {
        const Node ring = node("r", "ring", {{"slots", std::int64_t {64}}});
        QCOMPARE(paramValue(ring, "slots"), std::optional<ParamValue>(std::int64_t {64}));
        QCOMPARE(paramValue(ring, "payload_capacity"), std::optional<ParamValue>(std::int64_t {1024}));
        QCOMPARE(paramValue(ring, "colour"), std::nullopt);
        QCOMPARE(paramValue(node("x", "pipe"), "slots"), std::nullopt);
    }

    void typedGettersReadOwnValuesAndDefaults()
    {
        const Node producer = node("p", "producer", {{"threads", std::int64_t {4}}, {"rate", 2.5}});
        QCOMPARE(intParam(producer, "threads"), std::int64_t {4});
        QCOMPARE(intParam(producer, "batch"), std::int64_t {1});
        QCOMPARE(realParam(producer, "rate"), 2.5);
        QCOMPARE(realParam(producer, "duration"), 0.0);
        QCOMPARE(textParam(producer, "channel"), std::string("events"));
        QCOMPARE(textParam(node("r", "ring"), "wait_strategy"), std::string("phased-backoff"));
    }

    void realGetterAcceptsAWholeNumber()
    {
        QCOMPARE(realParam(node("p", "producer", {{"duration", std::int64_t {5}}}), "duration"), 5.0);
    }

    void typedGettersReadAMistypedValueAsTheDefault()
    {
        QCOMPARE(intParam(node("r", "ring", {{"slots", std::string("many")}}), "slots"), std::int64_t {1024});
    }

    void typedGettersRejectUnknownOrMistypedParameters()
    {
        const Node ring = node("r", "ring");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, intParam(ring, "colour"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, realParam(ring, "slots"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, boolParam(ring, "slots"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, textParam(node("x", "pipe"), "slots"));
    }

    void fileFormatDocsShowTheRegistryAsItIs()
    {
        std::ifstream file(RINGFLOW_FILE_FORMAT_DOC, std::ios::binary);
        const std::string doc {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
        QVERIFY(!doc.empty());
        for (const KindSpec &kind : KindRegistry::instance().kinds()) {
            QVERIFY2(doc.find("### `" + kind.name + "`") != std::string::npos, kind.name.c_str());
            const std::string ports = portTable(kind);
            const std::string params = parameterTable(kind);
            QVERIFY2(doc.find(ports) != std::string::npos, ("update the docs with:\n" + ports).c_str());
            QVERIFY2(doc.find(params) != std::string::npos, ("update the docs with:\n" + params).c_str());
        }
    }

    void splitsACommaListTrimmingSpacesAndKeepingEmptyItems()
    {
        QCOMPARE(
            splitCommaList(" checksum , busy,latency "), (std::vector<std::string> {"checksum", "busy", "latency"}));
        QCOMPARE(splitCommaList("count,,busy,"), (std::vector<std::string> {"count", "", "busy", ""}));
        QCOMPARE(splitCommaList("  "), std::vector<std::string> {});
        QCOMPARE(splitCommaList(""), std::vector<std::string> {});
    }
};

QTEST_GUILESS_MAIN(TestKindRegistry)
#include "test_kind_registry.moc"
