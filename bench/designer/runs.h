#pragma once

#include <pipeline/pipeline_spec.h>
#include <pipeline/run_report.h>

#include <string>
#include <vector>

namespace ringflow::ui {
class MainWindow;
}

namespace ringflow::bench {

/// One run of either side; `failure` is empty when the report was ok (conservation) and the producer
/// published the expected number of events (0: at least one).
struct SideRun {
    pipeline::RunReport report;
    double processCpuSeconds = 0; ///< every thread's user + system time during the run
    std::string failure;
};

/// A designer run, with what it cost the GUI thread.
struct DesignerRun : SideRun {
    double wallSeconds = 0; ///< from triggering Run to finished()
    double guiCpuSeconds = 0; ///< the GUI thread's user + system time over that span
    int frames = 0; ///< frameReady() signals
    std::vector<double> tickMs; ///< per frame: the sampling timer's event through every frameReady() slot
    std::vector<double> latenessMs; ///< per tick of a 10 ms probe timer: its gap beyond 10 ms
};

/// What ringflow-run does, in this process on the calling thread: start, check every 100 ms whether
/// the producers finished, stop with its drain timeout. No sampling.
SideRun runBaseline(const pipeline::PipelineSpec &spec, std::uint64_t expectedEvents);

/// Triggers the window's Run action on the document it holds and spins the event loop until the
/// run controller reports the end (bounded runs stop themselves). `hidePlots` closes the live plots
/// dock the window opens as the run starts (to tell their cost from the rest).
DesignerRun runDesigner(ui::MainWindow &window, std::uint64_t expectedEvents, bool hidePlots = false);

} // namespace ringflow::bench
