#include "canvas_export.h"

#include "canvas/auto_layout.h"
#include "canvas/node_item.h"
#include "canvas/pipeline_scene.h"
#include "document/pipeline_document.h"
#include "export_actions.h"
#include "plots/plot_panel.h"
#include "run/run_controller.h"

#include <QApplication>
#include <QWidget>

using namespace ringflow;

std::string exportCanvas(pipeline::PipelineSpec spec, const std::string &path, bool svg)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "ringflow-export";
    char *argv[] = {name, nullptr};
    QApplication application(argc, argv);

    ui::placeUnpositioned(spec, &ui::NodeItem::sizeFor);
    QWidget window;
    auto *document = new ui::PipelineDocument(&window);
    document->reset(std::move(spec));
    auto *scene = new ui::PipelineScene(document, &window);
    auto *exports = new ui::ExportActions(
        document, scene, new ui::PlotPanel(&window), new ui::RunController(document, &window), &window);
    const QString error = exports->exportTo(
        svg ? ui::ExportActions::Kind::CanvasSvg : ui::ExportActions::Kind::CanvasPng, QString::fromStdString(path));
    return error.toStdString();
}
