// ringflow [FILE]: the pipeline designer. With --screenshot PATH it renders the window to an image
// and exits, which is how docs/images/designer.png is made (scripts/screenshot).

#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ringflow"));
    QApplication::setApplicationName(QStringLiteral("Ringflow"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QApplication::setStyle(QStringLiteral("Fusion"));

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
    parser.addOptions({screenshot, select, size});
    parser.process(app);

    ringflow::ui::MainWindow window;
    const QStringList dimensions = parser.value(size).split(QLatin1Char('x'));
    if (dimensions.size() == 2)
        window.resize(dimensions[0].toInt(), dimensions[1].toInt());
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty() && !window.openFile(files.front()) && parser.isSet(screenshot))
        return 2;
    if (parser.isSet(select))
        window.showNode(parser.value(select));
    window.show();

    if (parser.isSet(screenshot)) {
        // Let the layout settle and the view fit before rendering.
        QTimer::singleShot(200, &window, [&] {
            window.view()->fitToView();
            QApplication::processEvents();
            const bool saved = window.grab().save(parser.value(screenshot));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
