#include "canvas/theme.h"

#include <QApplication>

#include <cmath>
#include <iterator>
#include <map>

namespace ringflow::ui::theme {

QColor categoryColor(std::optional<pipeline::KindCategory> category)
{
    switch (category.value_or(static_cast<pipeline::KindCategory>(-1))) {
    case pipeline::KindCategory::Sources:
        return QColor(0x12, 0x9c, 0x7a);
    case pipeline::KindCategory::Buffers:
        return QColor(0x4a, 0x66, 0xe0);
    case pipeline::KindCategory::Handlers:
        return QColor(0xd9, 0x77, 0x1e);
    }
    return QColor(0x7a, 0x82, 0x8e);
}

QString categoryIconPath(std::optional<pipeline::KindCategory> category)
{
    switch (category.value_or(static_cast<pipeline::KindCategory>(-1))) {
    case pipeline::KindCategory::Sources:
        return QStringLiteral(":/icons/sources.svg");
    case pipeline::KindCategory::Buffers:
        return QStringLiteral(":/icons/buffers.svg");
    case pipeline::KindCategory::Handlers:
        return QStringLiteral(":/icons/handlers.svg");
    }
    return QStringLiteral(":/icons/unknown.svg");
}

QColor seriesColor(int index)
{
    // A qualitative palette (after Tableau's), ordered so that neighbours differ most.
    static const QColor colors[] = {
        QColor(0x1f, 0x77, 0xb4),
        QColor(0xff, 0x7f, 0x0e),
        QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28),
        QColor(0x94, 0x67, 0xbd),
        QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2),
        QColor(0x17, 0xbe, 0xcf),
        QColor(0xbc, 0xbd, 0x22),
        QColor(0x7f, 0x7f, 0x7f),
        QColor(0x39, 0x3b, 0x79),
        QColor(0xad, 0x49, 0x4a),
    };
    constexpr int count = static_cast<int>(std::size(colors));
    return colors[((index % count) + count) % count];
}

QColor blend(const QColor &from, const QColor &to, double t)
{
    const auto channel = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
    return QColor(channel(from.red(), to.red()), channel(from.green(), to.green()), channel(from.blue(), to.blue()));
}

QIcon categoryIcon(std::optional<pipeline::KindCategory> category)
{
    // One icon per category for the whole program: a QIcon caches its rendered pixmaps, and
    // nodes paint their icon on every repaint.
    static std::map<std::optional<pipeline::KindCategory>, QIcon> icons;
    auto found = icons.find(category);
    if (found == icons.end())
        found = icons.emplace(category, QIcon(categoryIconPath(category))).first;
    return found->second;
}

namespace {

bool g_dark = false;

/// The light colour, or in the dark theme the dark one.
QColor pick(QRgb light, QRgb dark)
{
    return QColor::fromRgb(g_dark ? dark : light);
}

} // namespace

void setDark(bool dark)
{
    g_dark = dark;
}

bool isDark()
{
    return g_dark;
}

QColor accent()
{
    return pick(0x257cf0, 0x4c9aff);
}

QColor errorColor()
{
    return pick(0xd63b3b, 0xef5f5f);
}

QColor warningColor()
{
    return pick(0xe09b16, 0xf0a830);
}

QColor canvasBackground()
{
    return pick(0xf4f5f7, 0x1d2025);
}

QColor gridMinor()
{
    return pick(0xebedf0, 0x24282e);
}

QColor gridMajor()
{
    return pick(0xdde0e5, 0x30353d);
}

QColor noteFill()
{
    return pick(0xfff7cc, 0x3b3724);
}

QColor noteBorder()
{
    return pick(0xd9c56a, 0x7d7040);
}

QColor noteText()
{
    return pick(0x3a3520, 0xf1eacb);
}

QColor nodeBody()
{
    return pick(0xffffff, 0x2a2e35);
}

QColor nodeBorder()
{
    return pick(0xc4c9d2, 0x4b525d);
}

QColor wire()
{
    return pick(0x6c7684, 0x8d97a5);
}

QColor primaryText()
{
    return pick(0x1f252d, 0xe4e7ec);
}

QColor secondaryText()
{
    return pick(0x666f7b, 0xa2aab6);
}

QColor idleWire()
{
    return pick(0xb4bac4, 0x5a616c);
}

QColor badgeFill()
{
    return pick(0x1f252d, 0x48505c);
}

QFont titleFont()
{
    QFont font = QApplication::font();
    font.setPointSizeF(9.5);
    font.setBold(true);
    return font;
}

QFont labelFont()
{
    QFont font = QApplication::font();
    font.setPointSizeF(8.5);
    return font;
}

} // namespace ringflow::ui::theme
