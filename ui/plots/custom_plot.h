#pragma once

// QCustomPlot's header uses Qt's keyword macros (signals, slots, emit, foreach), which ringflow_ui
// turns off for the engine's headers: lend them to it for this include only. Include QCustomPlot
// through this header everywhere.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef foreach
#undef emit
#undef slots
#undef signals
