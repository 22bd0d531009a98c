#include "app_theme.h"

#include "canvas/theme.h"
#include "plots/plot_axes.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QGraphicsView>
#include <QIcon>
#include <QPainter>
#include <QPalette>
#include <QToolButton>

#include <utility>

namespace ringflow::ui {

namespace {

/// The palette the application started with: the system's, before any choice replaced it.
const QPalette &systemPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

QPalette darkPalette()
{
    const QColor window(0x2b, 0x2e, 0x33), base(0x1f, 0x22, 0x26), text(0xe4, 0xe7, 0xec);
    const QColor disabled(0x7a, 0x80, 0x89);
    QPalette palette(window);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x2a, 0x2f));
    palette.setColor(QPalette::ToolTipBase, QColor(0x32, 0x36, 0x3c));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x96, 0x9e, 0xaa));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x39, 0x40));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Link, theme::accent());
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x45, 0x4a, 0x52));
    return palette;
}

/// Gives a plot the theme's colours, as makePlotView() and plot_header did when it was made: the
/// background, the axes (through plot_axes' own styleAxis), the titles (bold) and the other text.
void restylePlot(QCustomPlot *plot)
{
    plot->setBackground(QBrush(theme::nodeBody()));
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes())
            styleAxis(axis);
    for (QCPLayoutElement *element : plot->plotLayout()->elements(true))
        if (auto *text = qobject_cast<QCPTextElement *>(element))
            text->setTextColor(text->font().bold() ? theme::primaryText() : theme::secondaryText());
    plot->legend->setTextColor(theme::primaryText());
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        plot->legend->item(i)->setTextColor(theme::primaryText());
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto *hint = qobject_cast<QCPItemText *>(plot->item(i)))
            hint->setColor(theme::secondaryText());
    plot->replot();
}

/// "»" in `ink`: the style's own icon for a tool bar's overflow button is black whatever the
/// palette, lost on a dark tool bar.
QIcon chevrons(const QColor &ink)
{
    constexpr int kSide = 16;
    constexpr qreal kScale = 2; // sharp on high-density screens too
    QPixmap pixmap(QSize(kSide, kSide) * kScale);
    pixmap.setDevicePixelRatio(kScale);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ink, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const qreal x : {3.5, 8.5})
        painter.drawPolyline(QPolygonF({QPointF(x, 3.5), QPointF(x + 4.5, 8), QPointF(x, 12.5)}));
    return QIcon(pixmap);
}

constexpr char kInkedIcon[] = "ringflowInkedIcon";

/// `icon`'s shapes filled with `ink`, and with `faded` when disabled.
QIcon inked(const QIcon &icon, const QColor &ink, const QColor &faded)
{
    QIcon result;
    for (const int side : {16, 24, 32}) {
        const QPixmap shape = icon.pixmap(QSize(side, side));
        for (const auto &[mode, color] : {std::pair {QIcon::Normal, ink}, std::pair {QIcon::Disabled, faded}}) {
            QPixmap pixmap = shape;
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.drawPixmap(0, 0, shape);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            painter.fillRect(pixmap.rect(), color);
            painter.end();
            result.addPixmap(pixmap, mode);
        }
    }
    return result;
}

void applyInkedIcon(QObject *object)
{
    const QVariant which = object->property(kInkedIcon);
    if (!which.isValid())
        return;
    const QPalette palette = QApplication::palette();
    const QIcon icon = inked(QApplication::style()->standardIcon(static_cast<QStyle::StandardPixmap>(which.toInt())),
        palette.color(QPalette::ButtonText), palette.color(QPalette::Disabled, QPalette::ButtonText));
    if (auto *action = qobject_cast<QAction *>(object))
        action->setIcon(icon);
    else if (auto *button = qobject_cast<QAbstractButton *>(object))
        button->setIcon(icon);
}

/// Makes the tool bars' overflow buttons (») as visible as the other tools in either theme.
void restyleOverflowButtons(QWidget *window)
{
    const QIcon icon = chevrons(QApplication::palette().color(QPalette::ButtonText));
    for (QToolButton *button : window->findChildren<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"))) {
        button->setIcon(icon);
        button->setToolTip(QApplication::translate("ringflow::ui::AppTheme", "More tools"));
    }
}

} // namespace

void setInkedIcon(QObject *object, QStyle::StandardPixmap icon)
{
    object->setProperty(kInkedIcon, static_cast<int>(icon));
    applyInkedIcon(object);
}

QString themeName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeChoice themeFromName(const QString &name)
{
    for (const ThemeChoice choice : {ThemeChoice::Light, ThemeChoice::Dark})
        if (name == themeName(choice))
            return choice;
    return ThemeChoice::System;
}

bool systemPrefersDark()
{
    return systemPalette().color(QPalette::Window).lightness() < 128;
}

void applyTheme(ThemeChoice choice, QWidget *window)
{
    systemPalette(); // kept before the first choice replaces it
    const bool dark = choice == ThemeChoice::Dark || (choice == ThemeChoice::System && systemPrefersDark());
    theme::setDark(dark);
    if (choice == ThemeChoice::System)
        QApplication::setPalette(systemPalette());
    else
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    // Before QApplication::exec() (at start, or in a test) Qt does not tell the widgets that exist.
    for (QWidget *topLevel : QApplication::topLevelWidgets()) {
        QEvent changed(QEvent::ApplicationPaletteChange);
        QApplication::sendEvent(topLevel, &changed);
    }
    if (!window)
        return;
    for (QGraphicsView *view : window->findChildren<QGraphicsView *>()) {
        view->resetCachedContent();
        view->viewport()->update();
    }
    for (QCustomPlot *plot : window->findChildren<QCustomPlot *>())
        restylePlot(plot);
    restyleOverflowButtons(window);
    for (QObject *object : window->findChildren<QObject *>())
        applyInkedIcon(object);
}

} // namespace ringflow::ui
