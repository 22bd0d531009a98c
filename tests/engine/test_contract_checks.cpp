// The core's contract checks (core/contract_check.h), on in this executable whatever the build
// type: it links ringflow_core_checked. A broken contract aborts with a message, so each misuse
// runs in a child process (fork) and the test reads the child's standard error and its signal.

#include "test_support.h"

#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ringflow;
using namespace ringflow::test;

namespace {

struct ChildOutcome {
    int signal = 0; ///< the signal that ended the child, 0 when it exited
    int exitCode = -1;
    std::string err;
};

/// Runs `misuse` in a child process; the child exits 0 if `misuse` returns. The child touches only
/// what `misuse` creates: it has none of the parent's other threads.
template <typename F>
ChildOutcome inChild(F &&misuse)
{
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return {0, -1, "pipe() failed"};
    std::fflush(stderr);
    const pid_t pid = fork();
    if (pid == 0) {
        const rlimit noCore {0, 0};
        setrlimit(RLIMIT_CORE, &noCore); // an abort is expected here, its core dump is not wanted
        dup2(pipeFds[1], STDERR_FILENO);
        close(pipeFds[0]);
        misuse();
        _exit(0);
    }
    close(pipeFds[1]);
    ChildOutcome outcome;
    char buffer[512];
    for (ssize_t n; (n = read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        outcome.err.append(buffer, static_cast<std::size_t>(n));
    close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        outcome.signal = WTERMSIG(status);
    else if (WIFEXITED(status))
        outcome.exitCode = WEXITSTATUS(status);
    return outcome;
}

template <typename S>
std::unique_ptr<S> sequencerOf(std::int64_t size)
{
    return std::make_unique<S>(size, makeStrategy("blocking"));
}

} // namespace

class TestContractChecks : public QObject {
    Q_OBJECT

private slots:
    void checksAreOnInThisExecutable() { QVERIFY(core::kContractChecks); }

    void publishingWhatWasNeverClaimedAborts_data()
    {
        QTest::addColumn<int>("misuse");
        QTest::addColumn<QString>("message");
        QTest::newRow("single: publish(5), nothing claimed")
            << 0 << "publish(5) on a ring of 16 where only 0 to -1 may be published now: a single producer";
        QTest::newRow("single: the same sequence twice")
            << 1 << "publish(0) on a ring of 16 where only 1 to 0 may be published now";
        QTest::newRow("single: a range beyond the claim")
            << 2 << "publish(0, 3) on a ring of 16 where only 0 to 1 may be published now";
        QTest::newRow("multi: publish(5), nothing claimed")
            << 3 << "publish(5) on a ring of 16 where only -10 to -1 may be published now: a producer publishes";
        QTest::newRow("multi: a range wider than the ring")
            << 4 << "publish(0, 16) on a ring of 16 where only 1 to 31 may be published now";
    }
    void publishingWhatWasNeverClaimedAborts()
    {
        QFETCH(int, misuse);
        QFETCH(QString, message);
        const ChildOutcome outcome = inChild([misuse] {
            auto single = sequencerOf<core::SingleProducerSequencer>(16);
            auto multi = sequencerOf<core::MultiProducerSequencer>(16);
            switch (misuse) {
            case 0:
                single->publish(5);
                break;
            case 1:
                single->publish(single->next());
                single->publish(0);
                break;
            case 2:
                single->next(2);
                single->publish(0, 3);
                break;
            case 3:
                multi->publish(5);
                break;
            default:
                multi->next(16);
                multi->next(16);
                multi->publish(0, 16);
            }
        });
        QCOMPARE(outcome.signal, SIGABRT);
        QVERIFY2(QString::fromStdString(outcome.err).contains("ringflow: contract violated: " + message),
            outcome.err.c_str());
    }

    // Every rightful way of publishing passes the checks, with real threads.
    void rightfulPublishingPasses_data() { addStrategyAndSwitchRows("multi", "single producer", "multi producer"); }
    void rightfulPublishingPasses()
    {
        QFETCH(QString, strategy);
        QFETCH(bool, multi);
        const std::int64_t events = scaled(20000);
        const auto run = [&](auto &disruptor, int producers) {
            CheckingStage a(0, {});
            disruptor.handleEventsWith(a);
            auto &ring = disruptor.start();
            std::vector<std::jthread> threads;
            for (int p = 0; p < producers; ++p)
                threads.emplace_back([&ring, events] { publishValues(ring, events); });
            threads.clear();
            QVERIFY(disruptor.shutdown(30s));
            const std::string verdict = a.verdict(events * producers);
            QVERIFY2(verdict.empty(), verdict.c_str());
        };
        if (multi) {
            MultiDisruptor disruptor(64, makeStrategy(strategy));
            run(disruptor, 3);
        } else {
            SingleDisruptor disruptor(64, makeStrategy(strategy));
            run(disruptor, 1);
        }
        auto single = sequencerOf<core::SingleProducerSequencer>(4);
        QCOMPARE(single->tryNext(2).sequence, std::int64_t {1});
        single->publish(0, 1); // a claim published in two parts
        QCOMPARE(single->next(2), std::int64_t {3});
        single->publish(2);
        single->publish(3, 3);
    }
};

QTEST_GUILESS_MAIN(TestContractChecks)
#include "test_contract_checks.moc"
