#pragma once

#include "pipeline/kind_registry.h"

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QString>

#include <optional>
#include <string>

namespace ringflow::ui::theme {

// Geometry of the canvas, in scene units (device-independent pixels at 100% zoom).
inline constexpr qreal kNodeWidth = 170;
inline constexpr qreal kHeaderHeight = 30;
inline constexpr qreal kPortRowHeight = 22;
inline constexpr qreal kSummaryLineHeight = 17;
inline constexpr qreal kBodyPadding = 8;
inline constexpr qreal kCornerRadius = 8;
inline constexpr qreal kPortRadius = 5.5;
inline constexpr qreal kGridStep = 20;

/// Whether the canvas, the cards and the plots use their dark colours (see app_theme.h, which
/// switches the widgets' palette with them). Light until told otherwise.
void setDark(bool dark);
bool isDark();

/// The colour of a palette category; grey for a node of unknown kind (no category).
QColor categoryColor(std::optional<pipeline::KindCategory> category);
/// The resource path of the category's icon.
QString categoryIconPath(std::optional<pipeline::KindCategory> category);
QIcon categoryIcon(std::optional<pipeline::KindCategory> category);

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
/// A wire that carries nothing during a run.
QColor idleWire();
/// The pill of a run figure under a card, under white text.
QColor badgeFill();

/// A note on the canvas: a pale sticky-note fill, its outline and its text.
QColor noteFill();
QColor noteBorder();
QColor noteText();

QFont titleFont();
QFont labelFont();

} // namespace ringflow::ui::theme
