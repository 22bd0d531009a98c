// Binds a program's own code to resources/pipelines/chained-rings.json, a pipeline designed in
// Ringflow: orders come in, are journalled and replicated in parallel, priced by the business logic
// once both are done, forwarded into a second ring and published from there. The design keeps the
// topology, the rings and their wait strategies; this program brings the event type and what each
// node does.
//
//   bind-handlers FILE [EVENTS]
//
// Runs FILE (EVENTS orders instead of the file's count), prints the run's report and what the
// handlers saw. Exit status: 0 when every handler saw every order and the totals agree, 1 when
// not, 2 for a file that cannot run with these bindings.
#include <ringflow/pipeline/basic_runtime.h>
#include <ringflow/pipeline/compiler.h>
#include <ringflow/pipeline/kind_registry.h>
#include <ringflow/pipeline/param_text.h>
#include <ringflow/pipeline/pipeline_file.h>
#include <ringflow/pipeline/run_report.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>

using namespace ringflow::pipeline;

namespace {

/// The program's own event: every slot of both rings holds one, and the business logic's
/// forwarding copies it from the input ring into the output ring.
struct Order {
    std::uint64_t id = 0;
    std::int64_t quantity = 0;
    std::int64_t priceCents = 0;
    std::int64_t notionalCents = 0; ///< written by the business logic
};

std::int64_t quantityOf(std::uint64_t id)
{
    return static_cast<std::int64_t>(id % 100 + 1);
}

/// "journal": a per-event handler that keeps what it would append to a journal.
struct Journal {
    std::uint64_t orders = 0;
    std::int64_t expectedNotional = 0;
    void onEvent(const Order &order, std::int64_t, bool)
    {
        ++orders;
        expectedNotional += order.quantity * order.priceCents;
    }
};

/// "replication": a per-batch handler, as one that sends each batch to a replica in one message.
struct Replication {
    std::uint64_t batches = 0;
    std::uint64_t orders = 0;
    void onBatch(const ringflow::core::EventBatch<Order> &batch, std::int64_t)
    {
        ++batches;
        orders += batch.size();
    }
};

/// "business-logic": runs after both (the design says so) and writes into the event, which the
/// node then forwards into the output ring.
struct BusinessLogic {
    void onEvent(Order &order, std::int64_t, bool) { order.notionalCents = order.quantity * order.priceCents; }
};

/// "publisher", on the output ring: sees the orders as the business logic left them.
struct Publication {
    std::uint64_t orders = 0;
    std::int64_t notionalCents = 0;
    void onEvent(const Order &order, std::int64_t, bool)
    {
        ++orders;
        notionalCents += order.notionalCents;
    }
};

/// The file's producers publish `events` each instead of what the file says.
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: bind-handlers FILE [EVENTS]\n");
        return 2;
    }
    LoadResult loaded = loadPipelineFile(argv[1]);
    if (!loaded.spec) {
        for (const LoadError &error : loaded.errors)
            std::fprintf(stderr, "%s\n", error.toString().c_str());
        return 2;
    }
    if (argc == 3)
        limitProducers(*loaded.spec, std::stoll(argv[2]), std::nullopt);
    CompileResult compiled = compile(*loaded.spec);
    if (!compiled.plan) {
        for (const Problem &problem : compiled.problems)
            std::fprintf(stderr, "%s\n", toString(problem).c_str());
        return 2;
    }

    // Handlers are referenced, not copied: they live until after the run.
    Journal journal;
    Replication replication;
    BusinessLogic businessLogic;
    Publication publication;
    Bindings<Order> bindings;
    bindings
        .fill("receiver",
            [](Order &order, std::uint64_t count) {
                order.id = count;
                order.quantity = quantityOf(count);
                order.priceCents = 10'000 + static_cast<std::int64_t>(count % 50);
                order.notionalCents = 0;
            })
        .handler("journal", journal)
        .handler("replication", replication)
        .handler("business-logic", businessLogic)
        .handler("publisher", publication);

    RunReport report;
    try {
        // Checks the bindings against the design before any thread starts.
        BasicRuntime<Order> runtime(std::move(*compiled.plan), std::move(bindings));
        runtime.start();
        while (!runtime.producersFinished() && !runtime.hasFailed())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        report = runtime.stop();
    } catch (const BindingError &error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 2;
    }

    std::printf("%s\n", toTable(report).c_str());
    std::printf("journal %llu orders, replication %llu orders in %llu batches, publisher %llu orders, "
                "notional %lld cents (journal expects %lld)\n",
        static_cast<unsigned long long>(journal.orders), static_cast<unsigned long long>(replication.orders),
        static_cast<unsigned long long>(replication.batches), static_cast<unsigned long long>(publication.orders),
        static_cast<long long>(publication.notionalCents), static_cast<long long>(journal.expectedNotional));
    const bool agree = journal.orders == report.totalEvents && replication.orders == report.totalEvents
        && publication.orders == report.totalEvents && publication.notionalCents == journal.expectedNotional;
    if (!agree)
        std::fprintf(stderr, "bind-handlers: the handlers do not agree with the report or with each other\n");
    return report.ok && agree ? 0 : 1;
}
