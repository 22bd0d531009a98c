#include "view_actions.h"

#include "canvas/pipeline_scene.h"
#include "canvas/pipeline_view.h"
#include "named_action.h"

#include <QAction>
#include <QActionGroup>
#include <QSettings>
#include <QWidget>

namespace ringflow::ui {

namespace {

const char *const kThemeKey = "view/theme";

} // namespace

ViewActions::ViewActions(PipelineView *view, PipelineScene *scene, QWidget *window)
    : QObject(window),
      m_window(window),
      m_zoomIn(namedAction(this, QStringLiteral("actionZoomIn"), tr("Zoom &In"),
          {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)})),
      m_zoomOut(namedAction(this, QStringLiteral("actionZoomOut"), tr("Zoom &Out"), {QKeySequence::ZoomOut})),
      m_resetZoom(namedAction(
          this, QStringLiteral("actionResetZoom"), tr("&Actual Size"), {QKeySequence(Qt::CTRL | Qt::Key_0)})),
      m_fit(namedAction(
          this, QStringLiteral("actionFit"), tr("&Fit to View"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)})),
      m_snap(
          namedAction(this, QStringLiteral("actionSnap"), tr("&Snap to Grid"), {QKeySequence(Qt::CTRL | Qt::Key_G)})),
      m_themes(new QActionGroup(this))
{
    m_snap->setCheckable(true);
    connect(m_zoomIn, &QAction::triggered, view, &PipelineView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, view, &PipelineView::zoomOut);
    connect(m_resetZoom, &QAction::triggered, view, &PipelineView::resetZoom);
    connect(m_fit, &QAction::triggered, view, &PipelineView::fitToView);
    connect(m_snap, &QAction::toggled, scene, &PipelineScene::setSnapToGrid);

    const std::pair<ThemeChoice, QString> choices[] = {{ThemeChoice::System, tr("&System Theme")},
        {ThemeChoice::Light, tr("&Light Theme")}, {ThemeChoice::Dark, tr("&Dark Theme")}};
    for (const auto &[choice, text] : choices) {
        QAction *action = namedAction(m_themes, QStringLiteral("actionTheme_") + themeName(choice), text, {});
        action->setCheckable(true);
        action->setChecked(choice == m_theme);
        connect(action, &QAction::triggered, this, [this, choice = choice] { setTheme(choice, true); });
    }
}

QList<QAction *> ViewActions::themeActions() const
{
    return m_themes->actions();
}

void ViewActions::setTheme(ThemeChoice choice, bool remember)
{
    m_theme = choice;
    applyTheme(choice, m_window);
    for (QAction *action : m_themes->actions())
        action->setChecked(action->objectName() == QStringLiteral("actionTheme_") + themeName(choice));
    if (remember)
        QSettings().setValue(QLatin1String(kThemeKey), themeName(choice));
}

ThemeChoice ViewActions::savedTheme()
{
    return themeFromName(QSettings().value(QLatin1String(kThemeKey)).toString());
}

} // namespace ringflow::ui
