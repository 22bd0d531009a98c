#pragma once

#include "app_theme.h"

#include <QList>
#include <QObject>

class QAction;
class QActionGroup;
class QWidget;

namespace ringflow::ui {

class PipelineScene;
class PipelineView;

/// The View menu's own actions: zoom, fit, the grid, and the theme (the system's, light or dark).
/// The window adds the panels' show/hide actions beside them.
class ViewActions : public QObject {
    Q_OBJECT
public:
    /// `window` is repainted in the theme's colours when it changes.
    ViewActions(PipelineView *view, PipelineScene *scene, QWidget *window);

    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *resetZoomAction() const { return m_resetZoom; }
    QAction *fitAction() const { return m_fit; }
    QAction *snapAction() const { return m_snap; }
    /// System, Light, Dark: exclusive, checkable.
    QList<QAction *> themeActions() const;

    ThemeChoice theme() const { return m_theme; }
    /// Applies `choice` (see applyTheme) and checks its action; `remember` keeps it for the next session.
    void setTheme(ThemeChoice choice, bool remember = false);
    /// The choice kept in the user's settings.
    static ThemeChoice savedTheme();

private:
    QWidget *m_window;
    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_resetZoom;
    QAction *m_fit;
    QAction *m_snap;
    QActionGroup *m_themes;
    ThemeChoice m_theme = ThemeChoice::System;
};

} // namespace ringflow::ui
