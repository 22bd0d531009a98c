#pragma once

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QString>

#include <string>

namespace ringflow::ui::theme {

// Geometry of the canvas, in scene units (device-independent pixels at 100% zoom).
inline constexpr qreal kNodeWidth = 200;
inline constexpr qreal kHeaderHeight = 30;
inline constexpr qreal kPortRowHeight = 22;
inline constexpr qreal kSummaryLineHeight = 17;
inline constexpr qreal kBodyPadding = 8;
inline constexpr qreal kCornerRadius = 8;
inline constexpr qreal kPortRadius = 5.5;
inline constexpr qreal kGridStep = 20;

/// The colour of a palette category ("Sources", "Buffers", "Handlers"); grey for others.
QColor categoryColor(const std::string &category);
/// The resource path of the category's icon.
QString categoryIconPath(const std::string &category);
QIcon categoryIcon(const std::string &category);

/// The colour of the `index`th live series (plot line, node swatch): distinct, readable on white
/// and on the canvas, repeating after a dozen.
QColor seriesColor(int index);

/// `from` moved towards `to` by `t` (0..1), channel by channel (opaque result).
QColor blend(const QColor &from, const QColor &to, double t);

QColor accent();
QColor errorColor();
QColor warningColor();
QColor canvasBackground();
QColor gridMinor();
QColor gridMajor();
QColor nodeBody();
QColor nodeBorder();
QColor wire();
QColor primaryText();
QColor secondaryText();

QFont titleFont();
QFont labelFont();

} // namespace ringflow::ui::theme
