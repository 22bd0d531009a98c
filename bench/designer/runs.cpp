#include "runs.h"

#include "main_window.h"
#include "run/run_controller.h"

#include <pipeline/compiler.h>
#include <pipeline/runtime.h>

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QEvent>
#include <QEventLoop>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace ringflow::bench {

namespace {

using Clock = std::chrono::steady_clock;

// ringflow-run's defaults (app/run/run_options.h): the polling period of its main loop and the
// drain timeout it gives stop().
constexpr auto kRunPollPeriod = std::chrono::milliseconds(100);
constexpr auto kRunDrainTimeout = std::chrono::seconds(10);
constexpr int kProbeIntervalMs = 10;
// A run lasts seconds; this only keeps a broken build from hanging the benchmark.
constexpr int kDesignerRunTimeoutMs = 120'000;

double cpuSeconds(int who)
{
    rusage usage {};
    getrusage(who, &usage);
    const auto seconds = [](const timeval &time) { return static_cast<double>(time.tv_sec) + time.tv_usec * 1e-6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double millisecondsBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

void checkReport(SideRun &run, std::uint64_t expectedEvents)
{
    const auto append = [&run](const std::string &text) { run.failure += (run.failure.empty() ? "" : "; ") + text; };
    for (const std::string &problem : run.report.problems)
        append(problem);
    if (!run.report.ok && run.report.problems.empty())
        append("the report is not ok");
    if (expectedEvents == 0 ? run.report.totalEvents == 0 : run.report.totalEvents != expectedEvents)
        append("published " + std::to_string(run.report.totalEvents) + " events (expected "
            + std::to_string(expectedEvents) + ")");
}

// Notes when a timer of the run controller delivers its event: the start of a sampling tick. The
// tick ends when the last frameReady() slot (the benchmark's, connected after the window's) returns.
class TickStart : public QObject {
public:
    std::optional<Clock::time_point> at;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Timer)
            at = Clock::now();
        return false;
    }
};

} // namespace

SideRun runBaseline(const pipeline::PipelineSpec &spec, std::uint64_t expectedEvents)
{
    SideRun run;
    pipeline::CompileResult compiled = pipeline::compile(spec);
    if (!compiled.plan) {
        run.failure = "the pipeline does not compile";
        return run;
    }
    const double cpuBefore = cpuSeconds(RUSAGE_SELF);
    pipeline::Runtime runtime(std::move(*compiled.plan));
    runtime.start();
    do
        std::this_thread::sleep_for(kRunPollPeriod);
    while (!runtime.producersFinished() && !runtime.hasFailed());
    run.report = runtime.stop(kRunDrainTimeout);
    run.processCpuSeconds = cpuSeconds(RUSAGE_SELF) - cpuBefore;
    checkReport(run, expectedEvents);
    return run;
}

DesignerRun runDesigner(ui::MainWindow &window, std::uint64_t expectedEvents, bool hidePlots)
{
    DesignerRun run;
    ui::RunController *controller = window.runController();
    auto *action = window.findChild<QAction *>(QStringLiteral("actionRun"));
    if (!action) {
        run.failure = "the window has no actionRun";
        return run;
    }

    QEventLoop loop;
    bool finished = false;
    QObject::connect(controller, &ui::RunController::finished, &loop, [&](const pipeline::RunReport &report) {
        run.report = report;
        finished = true;
        loop.quit();
    });

    if (hidePlots) {
        // Connected after the window's own slot, which shows the dock.
        QObject::connect(controller, &ui::RunController::started, &loop, [&window] {
            if (auto *plots = window.findChild<QDockWidget *>(QStringLiteral("plotsDock")))
                plots->hide();
        });
    }

    TickStart tickStart;
    for (QTimer *timer : controller->findChildren<QTimer *>(Qt::FindDirectChildrenOnly))
        timer->installEventFilter(&tickStart);
    QObject::connect(controller, &ui::RunController::frameReady, &loop, [&] {
        ++run.frames;
        if (tickStart.at)
            run.tickMs.push_back(millisecondsBetween(*tickStart.at, Clock::now()));
        tickStart.at.reset();
    });

    // A 10 ms timer stands for input: how late it fires is how late a click or a key would be handled.
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(kProbeIntervalMs);
    std::optional<Clock::time_point> lastProbe;
    QObject::connect(&probe, &QTimer::timeout, &loop, [&] {
        const Clock::time_point now = Clock::now();
        if (lastProbe)
            run.latenessMs.push_back(std::max(0.0, millisecondsBetween(*lastProbe, now) - kProbeIntervalMs));
        lastProbe = now;
    });
    QTimer::singleShot(kDesignerRunTimeoutMs, &loop, [&] {
        controller->stop();
        loop.quit();
    });

    const double cpuBefore = cpuSeconds(RUSAGE_THREAD), processCpuBefore = cpuSeconds(RUSAGE_SELF);
    const Clock::time_point started = Clock::now();
    probe.start();
    action->trigger();
    if (controller->phase() == ui::RunController::Phase::Idle)
        run.failure = "the run controller refused to start";
    else
        loop.exec();
    probe.stop();
    run.wallSeconds = millisecondsBetween(started, Clock::now()) / 1000;
    run.guiCpuSeconds = cpuSeconds(RUSAGE_THREAD) - cpuBefore;
    run.processCpuSeconds = cpuSeconds(RUSAGE_SELF) - processCpuBefore;

    for (QTimer *timer : controller->findChildren<QTimer *>(Qt::FindDirectChildrenOnly))
        timer->removeEventFilter(&tickStart);
    if (!run.failure.empty())
        return run;
    if (!finished) {
        run.failure = "the run did not finish within " + std::to_string(kDesignerRunTimeoutMs / 1000) + " s";
        // The stop was requested; let it deliver its report so that the next run starts from Idle.
        while (controller->phase() != ui::RunController::Phase::Idle)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        return run;
    }
    checkReport(run, expectedEvents);
    return run;
}

} // namespace ringflow::bench
