#pragma once

#include <QString>
#include <QStyle>

class QObject;
class QWidget;

namespace ringflow::ui {

/// The designer's look: the platform's (light or dark, as the system palette is), or light or dark
/// whatever the system says.
enum class ThemeChoice { System, Light, Dark };

QString themeName(ThemeChoice choice);
/// The choice named `name`; System for anything else.
ThemeChoice themeFromName(const QString &name);

/// Whether the palette the platform gave the application is a dark one.
bool systemPrefersDark();

/// Gives `object` (an action or a button) the style's `icon` drawn in the palette's button text
/// colour, and again in the new one whenever applyTheme() changes it: the style's media icons (run,
/// pause, stop) are black whatever the palette, lost on a dark tool bar.
void setInkedIcon(QObject *object, QStyle::StandardPixmap icon);

/// Gives the application the palette of `choice` (Qt's widgets follow it) and the canvas and plots
/// their colours (theme::setDark), then repaints what `window` draws in those colours: the canvas,
/// whose background is cached, and the plots, whose colours are set when they are made.
void applyTheme(ThemeChoice choice, QWidget *window);

} // namespace ringflow::ui
