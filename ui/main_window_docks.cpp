// The main window's docks: what each holds, their minimum sizes and how the room is shared.

#include "main_window.h"

#include "experiment/experiment_dock.h"
#include "panels/palette_widget.h"
#include "panels/plan_panel.h"
#include "panels/problems_panel.h"
#include "panels/property_editor.h"
#include "panels/run_summary_panel.h"
#include "plots/plot_panel.h"

#include <QDockWidget>
#include <QScrollArea>
#include <QTabWidget>

#include <algorithm>

namespace ringflow::ui {

namespace {

QDockWidget *dock(const QString &title, const QString &name, QWidget *content, QSize minimum, QWidget *parent)
{
    auto *widget = new QDockWidget(title, parent);
    widget->setObjectName(name);
    widget->setWidget(content);
    widget->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    widget->setMinimumSize(minimum);
    return widget;
}

/// `content` in a frameless scroll area: whatever it comes to need (a wide report, a note that
/// appears), the dock keeps its size, and the rest of the window with it.
QWidget *keptInPlace(QWidget *content)
{
    auto *area = new QScrollArea;
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

} // namespace

void MainWindow::createDocks()
{
    // One side column, the palette over the properties, and the bottom pair under the canvas only:
    // the canvas gets the width a second side column would take (a design six nodes wide fits at
    // about 90% at the default size, not 60%), and both panels stay in view while editing.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    // Minimum sizes that keep every panel usable at 1024x700 and leave the canvas the rest.
    QDockWidget *palette = dock(tr("Palette"), QStringLiteral("paletteDock"), m_palette, {200, 120}, this);
    QDockWidget *properties = dock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties, {250, 160}, this);
    m_bottomTabs->setObjectName(QStringLiteral("bottomTabs"));
    m_bottomTabs->setDocumentMode(true);
    // Narrow (a 1024x700 window) the tabs' names shorten rather than hide a tab behind arrows.
    m_bottomTabs->setUsesScrollButtons(false);
    m_bottomTabs->setElideMode(Qt::ElideRight);
    m_bottomTabs->addTab(m_problems, tr("Problems"));
    m_bottomTabs->addTab(m_plan, tr("Compiled plan"));
    m_bottomTabs->addTab(m_summary, tr("Run summary"));
    QDockWidget *bottom = dock(tr("Output"), QStringLiteral("outputDock"), keptInPlace(m_bottomTabs), {220, 120}, this);
    QDockWidget *plots = dock(tr("Live Plots"), QStringLiteral("plotsDock"), keptInPlace(m_plots), {300, 200}, this);
    addDockWidget(Qt::LeftDockWidgetArea, palette);
    splitDockWidget(palette, properties, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, bottom);
    splitDockWidget(bottom, plots, Qt::Horizontal);
    // The experiment panel waits behind the live plots until View > Experiment opens it; its
    // minimum is its content's, so that it asks for no room while closed.
    m_experiments = new ExperimentDock(m_document, m_run, m_estimator, this);
    QWidget *experimentContent = keptInPlace(m_experiments);
    experimentContent->setMinimumSize(320, 200);
    QDockWidget *experiment = dock(tr("Experiment"), QStringLiteral("experimentDock"), experimentContent, {0, 0}, this);
    tabifyDockWidget(plots, experiment);
    experiment->hide();
    fitDocks();
}

void MainWindow::fitDocks()
{
    // The canvas gets most of the room: the side column about a fifth of the width, the palette
    // as tall as its kinds (the properties take the rest of the column), and the bottom pair under
    // a third of the height, but no less than a plot needs to read in the plots dock: the tool row,
    // the plots' tab bar, a title line with two legend rows, 80 pixels of data and the time labels
    // (PlotPanel; at 1024x700, 3/10 is 40 short).
    const auto panel = [this](const char *name) { return findChild<QDockWidget *>(QLatin1String(name)); };
    QDockWidget *palette = panel("paletteDock");
    QDockWidget *properties = panel("propertiesDock");
    resizeDocks({palette}, {std::clamp(width() / 5, properties->minimumWidth(), 320)}, Qt::Horizontal);
    // The dock's title bar over its content: measured once the dock is laid out, estimated before.
    const int laidOutTitle = palette->height() - m_palette->height();
    const int title = laidOutTitle > 0 && laidOutTitle < 80 ? laidOutTitle : fontMetrics().height() + 10;
    const int paletteHeight = m_palette->heightShowingEveryKind() + title;
    // resizeDocks() shares the column in proportion to the sizes asked: ask for all of it.
    const int column = std::max(palette->height() + properties->height(), paletteHeight + properties->minimumHeight());
    resizeDocks({palette, properties}, {paletteHeight, column - paletteHeight}, Qt::Vertical);
    resizeDocks({panel("outputDock"), panel("plotsDock")}, {2, 3}, Qt::Horizontal);
    constexpr int kReadablePlotsHeight = 250;
    resizeDocks({panel("outputDock")}, {std::max(height() * 3 / 10, kReadablePlotsHeight)}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Sized for the window as it is first shown (--size, a small screen), unless the user's own
    // layout was restored.
    if (!m_shownOnce && !m_restored)
        fitDocks();
    m_shownOnce = true;
}

} // namespace ringflow::ui
