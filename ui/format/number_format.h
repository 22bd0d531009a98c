#pragma once

// How the designer writes figures for people: rates with SI prefixes, durations in the unit that
// keeps them short, shares as percentages, counts with their thousands grouped. Every badge,
// tooltip, axis tick, table cell and status line formats its figures here. The rules are the
// engine's (pipeline/text_format.h), which ringflow-run's table and the compiled plan use too; this
// file only adds the locale's marks, so the designer and the runner cannot drift apart.

#include "pipeline/text_format.h"

#include <QLocale>
#include <QString>
#include <QStringView>

#include <cstdint>

namespace ringflow::ui {

/// The marks `locale` writes numbers with. The C locale (no locale chosen, as under LANG=C.UTF-8)
/// groups nothing, which makes "1234567" hard to read: it takes the English marks instead.
pipeline::NumberStyle numberStyle(const QLocale &locale);
/// The locale of the figures drawn on the canvas (cards, badges and their tooltips): English.
QLocale canvasLocale();

/// `value` rounded to `digits` significant digits, with a k, M, G or T prefix after `separator`,
/// trailing zeros dropped: siNumber(12345, 3, u" ") is "12.3 k". See pipeline::siNumber().
QString siNumber(double value, int digits, QStringView separator, const QLocale &locale = QLocale::c());
/// For cards and tooltips: three digits, spaced: "0", "0.25", "850", "12.3 k", "1.2 M"; "–" when
/// the value is not finite.
QString siText(double value);
/// A node's rate for its badge: "1.2 M ev/s".
QString rateText(double eventsPerSecond);
/// For axis ticks, as short as can be: "250", "1.5k", "2.5M".
QString siLabel(double value, const QLocale &locale);

/// A duration given in µs, for axis ticks, in the unit that keeps it short: "500 ns", "250 µs",
/// "1.5 ms", "2 s"; 0 is "0".
QString durationLabel(double micros, const QLocale &locale);
/// A duration given in ns, in its own unit with three significant digits: "850 ns", "12.3 µs".
QString durationText(double nanoseconds, const QLocale &locale = QLocale());
/// A time of the run for an axis tick: "30 s", "2.5 s".
QString secondsLabel(double seconds, const QLocale &locale);
/// A time of the run with `decimals` decimals: "12.5 s".
QString secondsText(double seconds, int decimals, const QLocale &locale = QLocale());

/// `fraction` (0.25) as a percentage with `decimals` decimals, rounded half away from zero:
/// "25%", "25.0%".
QString percentText(double fraction, int decimals = 0, const QLocale &locale = QLocale::c());
/// A count with its thousands grouped: "4,096".
QString countText(qlonglong count, const QLocale &locale = QLocale());
/// A count and its noun, singular for one: "1 event", "4,096 events" (`plural` defaults to the
/// singular with an s).
QString countOf(std::uint64_t count, const char *singular, const char *plural = "", const QLocale &locale = QLocale());
/// Events per second as a whole number, grouped: "1,234,567".
QString eventsPerSecondText(double eventsPerSecond, const QLocale &locale = QLocale());

} // namespace ringflow::ui
