// ringflow [FILE]: the pipeline designer. --set changes parameters after loading, --run starts the
// pipeline, --experiment runs an experiment kept in the file, and --screenshot renders the window to
// an image and exits, which is how the images in docs/ are made (scripts/screenshot).

#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "core/thread_stack.h"
#include "document/pipeline_document.h"
#include "experiment/experiment_dock.h"
#include "experiment/experiment_runner.h"
#include "file_actions.h"
#include "format/english_plurals.h"
#include "main_window.h"
#include "pipeline/param_text.h"
#include "run/capacity_estimator.h"
#include "run/run_controller.h"
#include "view_actions.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>

namespace {

/// Applies "NODE.PARAM=VALUE" to the open document; returns why it cannot, or an empty string.
QString applySetting(ringflow::ui::PipelineDocument *document, const QString &setting)
{
    const auto parsed = ringflow::pipeline::parseParamAssignment(document->spec(), setting.toStdString());
    if (const auto *error = std::get_if<std::string>(&parsed))
        return QStringLiteral("--set ") + QString::fromStdString(*error);
    const auto &assignment = std::get<ringflow::pipeline::ParamAssignment>(parsed);
    const QString nodeId = QString::fromStdString(assignment.node);
    const QString param = QString::fromStdString(assignment.param);
    const QString refusal = document->setParameter(nodeId, param, assignment.value);
    return refusal.isEmpty() ? QString() : QStringLiteral("--set %1.%2: ").arg(nodeId, param) + refusal;
}

/// The capacity model calibrates beside the window (about a second the first time on a machine,
/// then from its cache): a picture should show its predictions and a run's report carry them.
void waitForCalibration(const ringflow::ui::MainWindow &window)
{
    const ringflow::ui::CapacityEstimator *estimator = window.capacityEstimator();
    if (estimator->isReady())
        return;
    QEventLoop loop;
    QObject::connect(estimator, &ringflow::ui::CapacityEstimator::ready, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
}

/// Opens the Experiment panel and runs the experiment `name` kept in the open file; says why not on
/// standard error.
bool startExperiment(ringflow::ui::MainWindow &window, const QString &name)
{
    window.findChild<QAction *>(QStringLiteral("actionExperiment"))->trigger();
    const QString error = window.experimentDock()->runKept(name);
    if (!error.isEmpty())
        std::fprintf(stderr, "ringflow: --experiment %s: %s\n", qPrintable(name), qPrintable(error));
    return error.isEmpty();
}

} // namespace

int main(int argc, char *argv[])
{
    // Before QApplication starts Qt's threads: the runs' threads need far less than glibc's 8 MiB.
    ringflow::core::limitDefaultThreadStack(ringflow::core::kRunThreadStackBytes);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ringflow"));
    QApplication::setApplicationName(QStringLiteral("Ringflow"));
    QApplication::setApplicationVersion(QStringLiteral(RINGFLOW_VERSION));
    QApplication::setStyle(QStringLiteral("Fusion"));
    ringflow::ui::installEnglishPlurals(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Designer for LMAX-Disruptor pipelines."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"), QStringLiteral("A pipeline file to open."), QStringLiteral("[FILE]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Render the window to PATH (PNG) and exit."), QStringLiteral("PATH"));
    const QCommandLineOption select(
        QStringLiteral("select"), QStringLiteral("Select the node ID (for screenshots)."), QStringLiteral("ID"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH (for screenshots)."),
        QStringLiteral("WxH"), QStringLiteral("1400x860"));
    const QCommandLineOption set(QStringLiteral("set"),
        QStringLiteral("Set a parameter after loading, e.g. producer.rate=50000 (repeatable)."),
        QStringLiteral("NODE.PARAM=VALUE"));
    const QCommandLineOption run(QStringLiteral("run"),
        QStringLiteral("Run the pipeline at once; with --screenshot, render after SECONDS of running."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QStringLiteral("The theme: system, light or dark (default: the one chosen in View > Theme)."),
        QStringLiteral("NAME"));
    const QCommandLineOption experiment(QStringLiteral("experiment"),
        QStringLiteral("Run the experiment NAME kept in FILE in the Experiment panel; with --screenshot, render when "
                       "it ends."),
        QStringLiteral("NAME"));
    parser.addOptions({screenshot, select, size, set, run, theme, experiment});
    parser.process(app);

    ringflow::ui::MainWindow window;
    // Screenshots show the defaults, whatever this user chose before.
    if (!parser.isSet(screenshot))
        window.restoreSettings();
    if (parser.isSet(theme))
        window.viewActions()->setTheme(ringflow::ui::themeFromName(parser.value(theme)));
    const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
    if (parser.isSet(size) || parser.isSet(screenshot)) {
        if (dimensions.size() == 2)
            window.resize(dimensions[0].toInt(), dimensions[1].toInt());
    }
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty() && !window.openFile(files.front()) && parser.isSet(screenshot)) {
        std::fprintf(stderr, "ringflow: cannot open %s:\n%s\n", qPrintable(files.front()),
            qPrintable(window.fileActions()->lastLoadErrors()));
        return 2;
    }
    for (const QString &setting : parser.values(set)) {
        const QString error = applySetting(window.document(), setting);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "ringflow: %s\n", qPrintable(error));
            return 2;
        }
    }
    if (parser.isSet(select))
        window.showNode(parser.value(select));
    window.show();
    if (parser.isSet(screenshot) || parser.isSet(run) || parser.isSet(experiment))
        waitForCalibration(window);
    if (parser.isSet(experiment) && !startExperiment(window, parser.value(experiment)))
        return 2;

    int settleMs = 200; // let the layout settle and the view fit before rendering
    if (parser.isSet(run)) {
        bool ok = false;
        const double seconds = parser.value(run).toDouble(&ok);
        if (!ok || seconds < 0) {
            std::fprintf(stderr, "ringflow: --run %s: expected a number of seconds\n", qPrintable(parser.value(run)));
            return 2;
        }
        settleMs = static_cast<int>(seconds * 1000);
        QTimer::singleShot(0, &window, [&] { window.view()->fitToView(); });
        if (!window.runController()->start() && parser.isSet(screenshot))
            return 1;
    }
    if (parser.isSet(screenshot)) {
        const auto render = [&] {
            if (!parser.isSet(run))
                window.view()->fitToView();
            QApplication::processEvents();
            const bool saved = window.grab().save(parser.value(screenshot));
            QApplication::exit(saved ? 0 : 1);
        };
        // An experiment is pictured with its results: when its last run ends.
        if (parser.isSet(experiment))
            QObject::connect(window.experimentDock()->runner(), &ringflow::ui::ExperimentRunner::finished, &window,
                [&] { QTimer::singleShot(settleMs, &window, render); });
        else
            QTimer::singleShot(settleMs, &window, render);
    }
    // A run still going is halted as the window, and with it the runtime, is destroyed.
    return QApplication::exec();
}
